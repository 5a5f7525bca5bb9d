import Foundation
import OperationsModel

/// When time alone changes the screen. An idle dashboard shows the clock to the minute and
/// ages and countdowns to the minute, so it has nothing to redraw between minutes; while
/// something is late, pending, failing or flashing, its seconds count and the screen
/// changes every second.
extension DashboardState {
    /// How long after its last success a kind of data counts as late: its interval, the most
    /// the scheduler's wait exceeds it (``PollScheduler/jitterFraction``), and 5 s for the poll
    /// itself. Until then the status line says `ok`; after it, the age. (Without that margin a
    /// healthy feed polled every 60 s showed late, and counted seconds, now and then.)
    func lateAfter(_ kind: DataKind) -> TimeInterval { feeds.polls.interval(kind) * (1 + PollScheduler.jitterFraction) + 5 }

    /// Whether something in the panes counts seconds now: a late feed, a pending action, a
    /// failing source, the wall's flash or its clock with seconds. The status line's clock
    /// with seconds is not among them: the loop redraws that row alone each second
    /// (`FramePolicy`), not the frame.
    public var countsSeconds: Bool {
        if (settings.clockSeconds && wallWatch.showing) || !pendingActions.isEmpty || feeds.sources.contains(where: \.isFailing) { return true }
        if wallWatch.showing && !wallWatch.alarm.isEmpty { return true }
        // A pane waiting for its first answer says for how long: a hung API is seen counting.
        if feedStatus.values.contains(where: { $0.inFlight && $0.lastSuccess == nil && $0.lastError == nil }) { return true }
        return feeds.polls.kinds.contains { kind in
            guard let last = feedStatus[kind]?.lastSuccess else { return false }
            return now.timeIntervalSince(last) > lateAfter(kind)
        }
    }

    /// The next moment time alone changes what is on screen: the next second while something
    /// counts seconds; otherwise the next minute, a feed turning late, or a message expiring.
    public var nextVisibleChange: Date {
        let seconds = now.timeIntervalSince1970
        if countsSeconds { return Date(timeIntervalSince1970: seconds.rounded(.down) + 1) }
        var next = Date(timeIntervalSince1970: (seconds / 60).rounded(.down) * 60 + 60)
        for kind in feeds.polls.kinds {
            if let last = feedStatus[kind]?.lastSuccess { next = min(next, last.addingTimeInterval(lateAfter(kind) + 0.001)) }
        }
        if let message = messages.last, message.level != .error {
            let expiry = message.at.addingTimeInterval(30)
            if expiry > now { next = min(next, expiry) }
        }
        return max(next, now.addingTimeInterval(0.001))
    }
}

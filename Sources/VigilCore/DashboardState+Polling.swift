import Foundation
import OperationsModel

extension DashboardState {
    /// Starts every poll that is due now.
    mutating func duePolls() -> [DashboardEffect] {
        feeds.polls.startDue(at: now).map { $0 == .alerts ? .pollAlerts(alertListRequest) : .poll($0) }
    }

    /// Polls `kind` now; if one is in flight, polls again as soon as it answers (never two of a
    /// kind at once).
    mutating func pollNow(_ kind: DataKind) -> [DashboardEffect] {
        feeds.polls.requestNow(kind)
        return duePolls()
    }

    /// Records a poll's answer with the scheduler.
    mutating func finishPoll(_ kind: DataKind, error: OperationsError?) { feeds.finishPoll(kind, error: error, at: now) }
}

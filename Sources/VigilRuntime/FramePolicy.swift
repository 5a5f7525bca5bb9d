import Foundation
import VigilCore

/// What one wake-up of the loop draws, and how long the loop may sleep after it: the frame
/// decision as one pure function, so the loop that carries it out holds no policy of its own.
///
/// A key, or time reaching the moment it changes the frame, or an answer that changed
/// something on screen draws the whole frame (the painter writes only changed cells). An
/// answer that changed nothing shown draws nothing. With the clock's seconds on, a new second
/// redraws only the status row.
public enum FramePolicy {
    /// What to draw.
    public enum Frame: Sendable, Equatable {
        case full, statusRow, nothing
    }

    /// What the loop remembers between wake-ups: the state the screen shows, the second the
    /// status row shows, and when time alone next changes the frame.
    public struct Shown: Sendable {
        public var state: DashboardState
        public var second: Int
        public var redrawAt: Date

        /// What is on screen right after drawing `state` at `now`.
        public init(_ state: DashboardState, at now: Date) {
            self.state = state
            second = Int(now.timeIntervalSince1970)
            redrawAt = state.nextVisibleChange
        }
    }

    /// The frame for this wake-up, and what is shown after it.
    public static func decide(_ state: DashboardState, shown: Shown, now: Date, keyed: Bool) -> (Frame, Shown) {
        if keyed || now >= shown.redrawAt || !state.drawsSameFrame(as: shown.state) {
            return (.full, Shown(state, at: now))
        }
        var next = shown
        // A fresher answer moves the moment a feed would turn late.
        next.redrawAt = state.nextVisibleChange
        let second = Int(now.timeIntervalSince1970)
        if second != shown.second && state.settings.clockSeconds {
            next.second = second
            return (.statusRow, next)
        }
        return (.nothing, next)
    }

    /// Milliseconds to sleep: until the next thing due (a poll, a retry, a change on screen),
    /// the next whole second when the clock shows seconds, the wall's repaint; at most a minute.
    public static func waitMilliseconds(now: Date, nextDue: Date?, redrawAt: Date?, seconds: Bool,
                                        repaintIn: TimeInterval? = nil) -> Int32 {
        let epoch = now.timeIntervalSince1970
        var until = seconds ? epoch.rounded(.down) + 1 - epoch : 60
        for due in [nextDue, redrawAt].compactMap({ $0 }) { until = min(until, due.timeIntervalSince(now)) }
        if let repaintIn { until = min(until, repaintIn) }
        return Int32(max(1, min(60_000, (until * 1000).rounded(.up))))
    }
}

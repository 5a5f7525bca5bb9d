import Foundation

/// The loop's time: the time of day for the dashboard (stamps, due polls, the status row's
/// clock), and a steady count for its own timers (the wall's repaint), which must not jump
/// when the time of day is set or runs faster in a demo.
public struct DashboardClock: Sendable {
    /// The time of day.
    public var now: @Sendable () -> Date
    /// Time since some fixed moment; never goes back.
    public var elapsed: @Sendable () -> Duration

    public init(now: @escaping @Sendable () -> Date, elapsed: @escaping @Sendable () -> Duration) {
        self.now = now
        self.elapsed = elapsed
    }

    /// `now` for the time of day, the machine's continuous clock for the timers.
    public static func steady(now: @escaping @Sendable () -> Date = { Date() }) -> DashboardClock {
        let origin = ContinuousClock.now
        return DashboardClock(now: now, elapsed: { origin.duration(to: .now) })
    }
}

import Foundation
import Synchronization
import VigilCore

/// Results that arrive off the owning thread (network answers, journal failures), waiting
/// to be applied by the thread that owns the dashboard.
public final class EventInbox: Sendable {
    private let events = Mutex<[DashboardEvent]>([])
    private let wake: @Sendable () -> Void

    /// Creates an empty inbox; `wake` is called after each push (a loop that sleeps on the
    /// terminal can be woken by it).
    public init(wake: @escaping @Sendable () -> Void = {}) { self.wake = wake }

    /// Adds an event; any thread.
    public func push(_ event: DashboardEvent) {
        events.withLock { $0.append(event) }
        wake()
    }

    /// Takes every waiting event, oldest first.
    public func drain() -> [DashboardEvent] { events.withLock { e in defer { e = [] }; return e } }
}

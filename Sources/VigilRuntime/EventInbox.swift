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

    /// Adds events that belong together (a poll's answer and the rate-limit state it left)
    /// with one wake-up, so the owner applies them in one pass and draws one frame.
    public func push(contentsOf batch: [DashboardEvent]) {
        guard !batch.isEmpty else { return }
        events.withLock { $0.append(contentsOf: batch) }
        wake()
    }

    /// Takes every waiting event, oldest first.
    public func drain() -> [DashboardEvent] { events.withLock { e in defer { e = [] }; return e } }
}

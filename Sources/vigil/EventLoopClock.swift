import Foundation
import NIOCore
import NIOPosix
import OperationsModel

/// The clients' clock for the dashboard: waits (retry back-off, confirmation polling) are
/// timers on NIO's event loop, not `Task.sleep`, which on Linux goes through libdispatch's
/// global queue and starts its worker pool (and that pool's once-a-second monitor) for good.
struct EventLoopClock: ClientClock {
    /// The group whose loop keeps the timer.
    var group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton

    func now() -> Date { Date() }

    func sleep(for duration: Duration) async throws {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = max(0, seconds) * 1_000_000_000 + max(0, attoseconds) / 1_000_000_000
        let timer = group.any().scheduleTask(in: .nanoseconds(nanoseconds)) {}
        try await withTaskCancellationHandler {
            try await timer.futureResult.get()
        } onCancel: {
            timer.cancel()
        }
    }
}

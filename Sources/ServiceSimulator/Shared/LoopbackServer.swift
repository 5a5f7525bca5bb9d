import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The request context of every simulator route: Hummingbird's basics plus the connection,
/// so fault injection can drop it.
public struct SimulatorRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's connection.
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}

/// An HTTP server on 127.0.0.1 started in-process, for `vigil demo`, tests and `vigil simulate`.
public final class LoopbackServer: Sendable {
    /// The port it listens on (the real one when started with port 0).
    public let port: Int
    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    private let serviceGroup: ServiceGroup
    private let runTask: Task<Void, any Error>

    private init(port: Int, serviceGroup: ServiceGroup, runTask: Task<Void, any Error>) {
        self.port = port
        self.serviceGroup = serviceGroup
        self.runTask = runTask
    }

    /// Starts serving `responder` on 127.0.0.1 and returns once the port is bound.
    public static func start<Responder: HTTPResponder>(
        responder: Responder, port: Int = 0, logger: Logger = Logger(label: "vigil.simulator")
    ) async throws -> LoopbackServer where Responder.Context == SimulatorRequestContext {
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        var quietLogger = logger
        quietLogger.logLevel = min(logger.logLevel, .warning) == .warning ? logger.logLevel : .warning
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: quietLogger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: quietLogger))
        let task = Task {
            defer { portContinuation.finish() }
            try await group.run()
        }
        var iterator = portStream.makeAsyncIterator()
        guard let bound = await iterator.next(), bound > 0 else {
            task.cancel()
            _ = try await task.value
            throw SimulatorStartError(message: "could not listen on 127.0.0.1:\(port)")
        }
        return LoopbackServer(port: bound, serviceGroup: group, runTask: task)
    }

    /// Stops accepting connections and waits for the server to finish.
    public func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        _ = try? await runTask.value
    }

    /// Waits until the server stops (for `vigil simulate`).
    public func waitUntilStopped() async throws {
        try await runTask.value
    }
}

/// The simulator could not start.
public struct SimulatorStartError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

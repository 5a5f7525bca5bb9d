import Foundation
import HTTPTypes
import Hummingbird
import OpsgenieKit
import ServiceSimulator
import Synchronization

/// A loopback HTTP server that records every request and answers from a script, for
/// checking exactly what the client sends and how it reads each answer.
public final class ScriptedServer: Sendable {
    /// One request as the server received it.
    public struct Recorded: Sendable {
        public var method: String
        public var path: String
        /// Query parameters, percent-decoded.
        public var query: [String: String]
        /// Header fields, names lower-cased.
        public var headers: [String: String]
        public var body: Data
        /// The body as a JSON object, when it is one.
        public var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
    }

    /// One scripted answer.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String] = [:]
        public var body: String
        /// Creates an answer.
        public init(status: Int, headers: [String: String] = [:], body: String) { self.status = status; self.headers = headers; self.body = body }
        /// 200 with `body`.
        public static func ok(_ body: String, headers: [String: String] = [:]) -> Reply { Reply(status: 200, headers: headers, body: body) }
        /// 202 with a request id, as an accepted write answers.
        public static func accepted(_ requestId: String = "req-1") -> Reply {
            Reply(status: 202, body: #"{"result":"Request will be processed","took":0.01,"requestId":"\#(requestId)"}"#)
        }
        /// An error answer in the service's error body.
        public static func error(_ status: Int, _ message: String, code: Int? = nil, headers: [String: String] = [:]) -> Reply {
            let codePart = code.map { #","code":\#($0)"# } ?? ""
            return Reply(status: status, headers: headers, body: #"{"message":"\#(message)"\#(codePart),"took":0.0,"requestId":"err-req"}"#)
        }
    }

    private struct State {
        var recorded: [Recorded] = []
        var script: [String: [Reply]] = [:]
    }
    private let state = Mutex(State())
    private let server: LoopbackServer

    private init(server: LoopbackServer) { self.server = server }

    /// Starts a server on a free loopback port.
    public static func start() async throws -> ScriptedServer {
        let box = Box()
        let server = try await LoopbackServer.start(responder: CallbackResponder<SimulatorRequestContext> { request, _ in
            try await box.value!.respond(request)
        })
        let scripted = ScriptedServer(server: server)
        box.value = scripted
        return scripted
    }

    final class Box: @unchecked Sendable { var value: ScriptedServer? }

    /// Where it listens.
    public var baseURL: URL { server.baseURL }
    /// Stops listening.
    public func stop() async { await server.stop() }

    /// Queues replies for `METHOD /path`; the last one repeats.
    public func on(_ method: String, _ path: String, _ replies: Reply...) {
        state.withLock { $0.script["\(method) \(path)"] = replies }
    }

    /// Every request so far, oldest first.
    public var requests: [Recorded] { state.withLock { $0.recorded } }
    /// The latest request.
    public var last: Recorded? { requests.last }

    private func respond(_ request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        var query: [String: String] = [:]
        for (k, v) in request.uri.queryParameters { query[String(k)] = String(v).removingPercentEncoding ?? String(v) }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
        let path = request.uri.path
        let recorded = Recorded(method: request.method.rawValue, path: path, query: query, headers: headers, body: Data(body.readableBytesView))
        let reply: Reply = state.withLock { s in
            s.recorded.append(recorded)
            let key = "\(request.method.rawValue) \(path.removingPercentEncoding ?? path)"
            guard var queue = s.script[key], !queue.isEmpty else {
                return Reply.error(404, "no script for \(key)")
            }
            let next = queue.removeFirst()
            if queue.isEmpty { queue = [next] }
            s.script[key] = queue
            return next
        }
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        for (k, v) in reply.headers { fields[HTTPField.Name(k)!] = v }
        return Response(status: .init(code: reply.status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: reply.body)))
    }
}

/// A clock that never really sleeps: it moves its time forward and remembers each wait.
public final class TestClock: ClientClock {
    /// A clock at a fixed start time.
    public init() {}
    private let state = Mutex<(now: Date, sleeps: [Duration])>((Date(timeIntervalSince1970: 1_700_000_000), []))
    /// The clock's time.
    public func now() -> Date { state.withLock { $0.now } }
    /// Moves the time on by `duration` at once.
    public func sleep(for duration: Duration) async throws {
        state.withLock {
            $0.sleeps.append(duration)
            $0.now = $0.now.addingTimeInterval(duration.timeInterval)
        }
    }
    /// Every wait asked for, in order.
    public var sleeps: [Duration] { state.withLock { $0.sleeps } }
}

/// A key shaped like a real one, for tests that check it never leaks.
public let testKey = APIKey("3f1c2b4a-secret-key-0000-abcdef123456")!

/// Runs `body` with a scripted server and a client pointed at it.
public func withScripted(retry: RetryPolicy = RetryPolicy(maxAttempts: 3, jitter: { 0.5 }), maxResponseBytes: Int = 8 << 20,
                  _ body: (ScriptedServer, OpsgenieClient, TestClock) async throws -> Void) async throws {
    let server = try await ScriptedServer.start()
    let clock = TestClock()
    let configuration = ClientConfiguration(apiKey: testKey, region: .custom(server.baseURL), retry: retry,
                                            maxResponseBytes: maxResponseBytes)
    do {
        try await OpsgenieClient.withClient(configuration: configuration, clock: clock) { client in
            try await body(server, client, clock)
        }
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

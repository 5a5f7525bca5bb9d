import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import OperationsModel
import Synchronization

/// A client for a site's JSM Operations REST API (and the two site calls it needs: the
/// cloudId from `_edge/tenant_info`, users' names from Jira's `user/bulk`), with retries and
/// the email and token kept to the site and the API host.
public final class JSMOpsClient: Sendable {
    /// The configuration, with the cloudId resolved.
    public let configuration: JSMConfiguration
    /// 429s seen (JSM documents no rate-limit headers; `Retry-After` is honoured).
    public let rateLimits = RateLimitTracker()
    let clock: any ClientClock
    let logger: Logger
    private let http: HTTPClient
    /// Team names by id, looked up once.
    let teamCache = Mutex<[String: String]?>(nil)
    /// Display names and emails by account id, from the site's Jira users.
    let userCache = Mutex<[String: (name: String, email: String?)]>([:])

    init(configuration: JSMConfiguration, clock: any ClientClock, logger: Logger) throws(OperationsError) {
        try configuration.validate()
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        var httpConfiguration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, // a redirect must never carry the token to another host
            timeout: .init(connect: .nanoseconds(Int64(configuration.connectTimeout.timeInterval * 1e9)),
                           read: .nanoseconds(Int64(configuration.requestTimeout.timeInterval * 1e9))))
        httpConfiguration.httpVersion = .automatic
        // A refused connection fails the request at once; the retry policy sends it again with
        // its own backoff. (Retrying inside the pool as well waited out the connect timeout on
        // every attempt: 20 s before a dead host showed on screen.)
        httpConfiguration.connectionPool.retryConnectionEstablishment = false
        // No tracing spans: nothing here reads them, and building one costs a few percent of
        // every poll's CPU even with the no-op tracer.
        httpConfiguration.tracing.tracer = nil
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
    }

    /// Runs `body` with a client whose cloudId is known (looked up from the site when not
    /// given), and shuts it down afterwards, whatever happens.
    public static func withClient<Result: Sendable>(
        configuration: JSMConfiguration, clock: any ClientClock = SystemClientClock(),
        logger: Logger = Logger(label: "vigil.jsm"), _ body: (JSMOpsClient) async throws -> Result
    ) async throws -> Result {
        var resolved = configuration
        let client = try JSMOpsClient(configuration: configuration, clock: clock, logger: logger)
        do {
            if resolved.cloudId == nil {
                resolved.cloudId = try await client.cloudId()
            }
            try await client.shutdown()
            let ready = try JSMOpsClient(configuration: resolved, clock: clock, logger: logger)
            do {
                let result = try await body(ready)
                try await ready.shutdown()
                return result
            } catch {
                try? await ready.shutdown()
                throw error
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Closes the connection pool.
    public func shutdown() async throws {
        // The callback on a serial queue rather than AsyncHTTPClient's default, the global
        // queue: once libdispatch's global pool has run anything, its monitor wakes the
        // process every second for good (and the JSM client shuts one client down mid-run).
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            http.shutdown(queue: Self.shutdownQueue) { error in
                if let error { continuation.resume(throwing: error) } else { continuation.resume() }
            }
        }
    }

    private static let shutdownQueue = DispatchQueue(label: "vigil.jsm.http-shutdown")

    /// `host:port` of the Ops API, for messages.
    var endpoint: String { Self.endpoint(configuration.apiBase) }

    static func endpoint(_ url: URL) -> String {
        "\(url.host ?? "?"):\(url.port ?? (url.scheme == "http" ? 80 : 443))"
    }

    // MARK: Transport

    /// A request to the Ops API (`path` under `…/jsm/ops/api/{cloudId}`) or to the site.
    struct Request: Sendable {
        enum Target: Sendable { case ops, site }
        var method: HTTPMethod = .GET
        var target: Target = .ops
        var path: String
        var query: [(String, String)] = []
        var body: Data? = nil
        var domain: RateLimitDomain
        /// Whether sending it twice has the same effect as once (a note is not).
        var idempotent = true
    }

    /// The full URL of a request; only ever the configured site or API host.
    func url(for request: Request) -> String {
        var base: String
        switch request.target {
        case .ops: base = configuration.apiBase.absoluteString.trimmingSuffix("/") + "/jsm/ops/api/\(configuration.cloudId ?? "-")"
        case .site: base = configuration.site.absoluteString.trimmingSuffix("/")
        }
        base += request.path
        if !request.query.isEmpty {
            base += "?" + request.query.map { "\($0.0.percentEncodedComponent)=\($0.1.percentEncodedComponent)" }.joined(separator: "&")
        }
        return base
    }

    /// Sends with retries; returns the body of a 2xx answer (and its status).
    func send(_ request: Request) async throws(OperationsError) -> (status: Int, body: Data) {
        try await configuration.retry.run(idempotent: request.idempotent, clock: clock) { () async throws(OperationsError) in
            try await sendOnce(request)
        }
    }

    private func sendOnce(_ request: Request) async throws(OperationsError) -> (status: Int, body: Data) {
        var outgoing = HTTPClientRequest(url: url(for: request))
        outgoing.method = request.method
        outgoing.headers.add(name: "Authorization", value: configuration.credentials.authorizationHeaderValue)
        outgoing.headers.add(name: "User-Agent", value: configuration.userAgent)
        outgoing.headers.add(name: "Accept", value: "application/json")
        if let body = request.body {
            outgoing.headers.add(name: "Content-Type", value: "application/json")
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await http.execute(outgoing, timeout: .nanoseconds(Int64(configuration.requestTimeout.timeInterval * 1e9)), logger: nil)
            bytes = try await response.body.collect(upTo: configuration.maxResponseBytes)
        } catch is NIOTooManyBytesError {
            throw .badResponse("response larger than \(configuration.maxResponseBytes / (1024 * 1024)) MB")
        } catch {
            throw transportError(error, target: request.target)
        }
        let status = Int(response.status.code)
        let data = Data(bytes.readableBytesView)
        if (200..<300).contains(status) { return (status, data) }
        var rateLimit: RateLimitStatus?
        if status == 429 {
            let seconds = response.headers.first(name: "Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            let limited = RateLimitStatus(state: .throttled, reason: "Retry-After", periodSeconds: seconds, observedAt: clock.now())
            rateLimits.record(limited, domain: request.domain, at: clock.now())
            rateLimit = limited
        }
        let message = (try? JSONDecoder().decode(JSMErrorBody.self, from: data))?.text ?? (status >= 500 && !data.isEmpty ? "non-JSON error body" : "")
        // A server that echoes the token back must not put it on the screen.
        throw .http(status: status, message: configuration.credentials.redacts(String(message.prefix(500))), requestId: nil, internalCode: nil, rateLimit: rateLimit, service: .jsm)
    }

    private func transportError(_ error: any Error, target: Request.Target) -> OperationsError {
        let text = String(describing: error)
        let url = target == .site ? configuration.site : configuration.apiBase
        let endpoint = Self.endpoint(url)
        if let error = error as? HTTPClientError, error == .connectTimeout { return .timeout("no connection to \(endpoint) within \(configuration.connectTimeout)") }
        if let error = error as? HTTPClientError, [.deadlineExceeded, .readTimeout].contains(error) {
            return .timeout("no answer from \(endpoint) within \(configuration.requestTimeout)")
        }
        if text.contains("Connection refused") || text.contains("errno: 111") { return .transport("connection refused by \(endpoint)") }
        if text.localizedCaseInsensitiveContains("name or service not known") || text.contains("NXDOMAIN") || text.contains("EAI_") {
            return .transport("cannot resolve \(url.host ?? "the host")")
        }
        return .transport(String(text.prefix(300)))
    }

    /// Decodes a JSON answer.
    func decode<T: Decodable>(_ type: T.Type, _ data: Data, status: Int) throws(OperationsError) -> T {
        do { return try ServiceJSON.decoder().decode(T.self, from: data) } catch {
            throw .badResponse("cannot read the answer: \(String(describing: error).prefix(200))", status: status)
        }
    }

    func get<T: Decodable>(_ type: T.Type, _ request: Request) async throws(OperationsError) -> T {
        let (status, body) = try await send(request)
        return try decode(T.self, body, status: status)
    }

    /// A JSON body.
    static func body(_ value: some Encodable) -> Data {
        (try? ServiceJSON.encoder().encode(value)) ?? Data("{}".utf8)
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}

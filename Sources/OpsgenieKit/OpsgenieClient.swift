import AsyncHTTPClient
import Foundation
import OperationsModel
import Logging
import NIOCore
import NIOHTTP1

/// The core Opsgenie client: typed async calls over HTTPS, with retries, rate-limit tracking
/// and request-status confirmation.
///
/// One client owns one connection pool; call ``shutdown()`` when done, or use
/// ``withClient(configuration:clock:logger:_:)`` which always does.
public final class OpsgenieClient: Sendable {
    /// The configuration the client was made with.
    public let configuration: ClientConfiguration
    /// The last rate-limit state seen per domain.
    public let rateLimits = RateLimitTracker()
    let clock: any ClientClock
    let logger: Logger
    private let http: HTTPClient

    /// Creates a client. Throws when the base URL is unsafe for the key (plain http off loopback).
    public init(configuration: ClientConfiguration, clock: any ClientClock = SystemClientClock(),
                logger: Logger = Logger(label: "vigil.opsgenie")) throws(OperationsError) {
        try configuration.region.validate()
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        var httpConfiguration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, // a redirect must never carry the key to another host
            timeout: .init(connect: configuration.connectTimeout.timeAmount, read: configuration.requestTimeout.timeAmount))
        httpConfiguration.httpVersion = .automatic
        // A refused connection fails the request at once; the retry policy sends it again with
        // its own backoff. (Retrying inside the pool as well waited out the connect timeout on
        // every attempt: 20 s before a dead host showed on screen.)
        httpConfiguration.connectionPool.retryConnectionEstablishment = false
        // No tracing spans: nothing here reads them, and building one costs a few percent of
        // every poll's CPU even with the no-op tracer.
        httpConfiguration.tracing.tracer = nil
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
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

    private static let shutdownQueue = DispatchQueue(label: "vigil.opsgenie.http-shutdown")

    /// Runs `body` with a new client and shuts it down afterwards, whatever happens.
    public static func withClient<Result: Sendable>(
        configuration: ClientConfiguration, clock: any ClientClock = SystemClientClock(),
        logger: Logger = Logger(label: "vigil.opsgenie"),
        _ body: (OpsgenieClient) async throws -> Result
    ) async throws -> Result {
        let client = try OpsgenieClient(configuration: configuration, clock: clock, logger: logger)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    // MARK: - Transport

    /// A request to the API.
    struct APIRequest: Sendable {
        var method: HTTPMethod
        var path: String
        var query: [(String, String)] = []
        var body: Data? = nil
        var domain: RateLimitDomain
        /// Whether sending it twice has the same effect as once (see `RetryPolicy.run`).
        var idempotent: Bool = true
    }

    /// A raw answer.
    struct APIResponse: Sendable {
        var status: Int
        var body: Data
        var requestId: String?
    }

    /// Sends a request with retries, returning the raw body of a 2xx answer.
    func send(_ request: APIRequest) async throws(OperationsError) -> APIResponse {
        try await configuration.retry.run(idempotent: request.idempotent, clock: clock, onRetry: { error, attempt, delay in
            logger.debug("retrying after \(error.faultClass.rawValue)", metadata: ["path": "\(request.path)", "attempt": "\(attempt)", "delay": "\(delay)"])
        }) { () async throws(OperationsError) in
            try await sendOnce(request)
        }
    }

    private func sendOnce(_ request: APIRequest) async throws(OperationsError) -> APIResponse {
        var outgoing = HTTPClientRequest(url: url(for: request.path, query: request.query))
        outgoing.method = request.method
        outgoing.headers.add(name: "Authorization", value: configuration.apiKey.authorizationHeaderValue)
        outgoing.headers.add(name: "User-Agent", value: configuration.userAgent)
        outgoing.headers.add(name: "Accept", value: "application/json")
        if let body = request.body {
            outgoing.headers.add(name: "Content-Type", value: "application/json")
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await http.execute(outgoing, timeout: configuration.requestTimeout.timeAmount, logger: nil)
            bytes = try await response.body.collect(upTo: configuration.maxResponseBytes)
        } catch let error as NIOTooManyBytesError {
            _ = error
            throw .badResponse("response larger than \(configuration.maxResponseBytes / (1024 * 1024)) MB")
        } catch let error as HTTPClientError {
            throw classify(error)
        } catch {
            throw transportError(error)
        }
        let now = clock.now()
        let status = Int(response.status.code)
        let rateLimit = RateLimitStatus.parse(header: { response.headers.first(name: $0) }, at: now)
        rateLimits.record(rateLimit, domain: request.domain, at: now)
        let data = Data(bytes.readableBytesView)
        let headerRequestId = response.headers.first(name: "X-Request-ID")
        if (200..<300).contains(status) {
            return APIResponse(status: status, body: data, requestId: headerRequestId)
        }
        let errorBody = try? JSONDecoder().decode(ErrorBody.self, from: data)
        var message = errorBody?.message ?? ""
        if message.isEmpty, errorBody == nil, !data.isEmpty, status >= 500 {
            message = "non-JSON error body"
        }
        // A server that echoes the key back must not put it on the screen.
        throw .http(status: status, message: configuration.apiKey.redacts(String(message.prefix(500))), requestId: errorBody?.requestId ?? headerRequestId,
                    internalCode: errorBody?.code, rateLimit: rateLimit)
    }

    private func classify(_ error: HTTPClientError) -> OperationsError {
        switch error {
        case .connectTimeout:
            return .timeout("no connection to \(endpoint) within \(configuration.connectTimeout)")
        case .deadlineExceeded, .readTimeout, .writeTimeout:
            return .timeout("no answer from \(endpoint) within \(configuration.requestTimeout)")
        case .remoteConnectionClosed:
            return .transport("connection closed by the server before the answer was complete")
        default:
            return transportError(error)
        }
    }

    /// `host:port` of the API, for messages.
    var endpoint: String {
        let url = configuration.region.baseURL
        let port = url.port ?? (url.scheme == "http" ? 80 : 443)
        return "\(url.host ?? "?"):\(port)"
    }

    /// A transport failure in words a person can act on; never contains request headers.
    func transportError(_ error: any Error) -> OperationsError {
        let text = String(describing: error)
        if text.contains("Connection refused") || text.contains("errno: 111") {
            return .transport("connection refused by \(endpoint)")
        }
        if text.contains("Connection reset") || text.contains("errno: 104") {
            return .transport("connection reset by \(endpoint)")
        }
        if text.localizedCaseInsensitiveContains("name or service not known") || text.contains("NXDOMAIN")
            || text.localizedCaseInsensitiveContains("no address") || text.contains("EAI_") {
            return .transport("cannot resolve \(configuration.region.baseURL.host ?? "the host")")
        }
        if text.contains("Network is unreachable") || text.contains("errno: 101") {
            return .transport("network unreachable for \(endpoint)")
        }
        return .transport(Self.safeDescription(of: error))
    }

    /// A description of a transport error that cannot contain request headers.
    private static func safeDescription(of error: any Error) -> String {
        let text = String(describing: error)
        return String(text.prefix(300))
    }

    /// Percent-encodes a path segment or query value (everything but unreserved characters).
    static func encode(_ text: String) -> String { text.percentEncodedComponent }

    func url(for path: String, query: [(String, String)]) -> String {
        var base = configuration.region.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var url = base + path
        if !query.isEmpty {
            url += "?" + query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        }
        return url
    }

    // MARK: - Decoding

    func decode<Payload: Decodable & Sendable>(_ type: Payload.Type, from response: APIResponse) throws(OperationsError) -> Envelope<Payload> {
        do {
            return try ServiceJSON.decoder().decode(Envelope<Payload>.self, from: response.body)
        } catch let error as DecodingError {
            throw .badResponse(Self.describe(error), status: response.status, requestId: response.requestId)
        } catch {
            throw .badResponse("unreadable JSON", status: response.status, requestId: response.requestId)
        }
    }

    func get<Payload: Decodable & Sendable>(_ type: Payload.Type, _ request: APIRequest) async throws(OperationsError) -> Envelope<Payload> {
        try decode(type, from: try await send(request))
    }

    func accepted(_ request: APIRequest) async throws(OperationsError) -> AcceptedRequest {
        let response = try await send(request)
        do {
            return try JSONDecoder().decode(AcceptedRequest.self, from: response.body)
        } catch {
            throw .badResponse("write answer without a requestId", status: response.status, requestId: response.requestId)
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? "the top level" : p
        }
        switch error {
        case .typeMismatch(let type, let context): return "wrong type at \(path(context)) (expected \(type))"
        case .valueNotFound(let type, let context): return "missing value at \(path(context)) (expected \(type))"
        case .keyNotFound(let key, let context): return "missing field \(key.stringValue) at \(path(context))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "malformed or truncated JSON" : "bad value at \(path(context))"
        @unknown default: return "undecodable body"
        }
    }

    static func body(_ value: some Encodable) -> Data {
        (try? ServiceJSON.encoder().encode(value)) ?? Data("{}".utf8)
    }
}

extension Duration {
    /// The same length as a NIO `TimeAmount`.
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

import Foundation
import OperationsModel
import ServiceHTTP
import Logging
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
    /// The one transport both services' clients share (pools, proxy, TLS, retries, faults).
    let transport: ServiceTransport

    /// Creates a client. Throws when the base URL is unsafe for the key (plain http off loopback).
    public init(configuration: ClientConfiguration, clock: any ClientClock = SystemClientClock(),
                logger: Logger = Logger(label: "vigil.opsgenie")) throws(OperationsError) {
        try configuration.region.validate()
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        let key = configuration.apiKey
        transport = try ServiceTransport(settings: configuration.transportSettings, hosts: [configuration.region.baseURL], clock: clock,
                                         logger: logger, redact: { key.redacts($0) })
    }

    /// Closes the connection pool.
    public func shutdown() async throws {
        try await transport.shutdown()
    }

    /// The proxy requests go through (`nil`: straight to the API), for `vigil check`.
    public var proxy: ProxyRoute? { transport.proxy(for: configuration.region.baseURL.host ?? "") }

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
        guard let url = TransportRequest.url(base: configuration.region.baseURL.absoluteString, path: request.path, query: request.query) else {
            throw .invalidConfiguration("cannot build a URL for \(request.path)")
        }
        let outgoing = TransportRequest(method: request.method, url: url,
                                        headers: [("Authorization", configuration.apiKey.authorizationHeaderValue)], body: request.body)
        return try await transport.send(outgoing, idempotent: request.idempotent) { (answer) throws(OperationsError) in
            try interpret(answer, domain: request.domain)
        }
    }

    /// Opsgenie's reading of an answer: its rate-limit headers, and its error body.
    private func interpret(_ answer: TransportAnswer, domain: RateLimitDomain) throws(OperationsError) -> APIResponse {
        let now = clock.now()
        let rateLimit = RateLimitStatus.parse(header: { answer.headers.first(name: $0) }, at: now)
        rateLimits.record(rateLimit, domain: domain, at: now)
        let headerRequestId = answer.headers.first(name: "X-Request-ID")
        if (200..<300).contains(answer.status) {
            return APIResponse(status: answer.status, body: answer.body, requestId: headerRequestId)
        }
        let errorBody = try? JSONDecoder().decode(ErrorBody.self, from: answer.body)
        var message = errorBody?.message ?? ""
        if message.isEmpty, errorBody == nil, !answer.body.isEmpty, answer.status >= 500 {
            message = "non-JSON error body"
        }
        // A server that echoes the key back must not put it on the screen.
        throw .http(status: answer.status, message: configuration.apiKey.redacts(String(message.prefix(500))),
                    requestId: errorBody?.requestId ?? headerRequestId, internalCode: errorBody?.code, rateLimit: rateLimit)
    }

    /// `host:port` of the API, for messages.
    var endpoint: String {
        let url = configuration.region.baseURL
        let port = url.port ?? (url.scheme == "http" ? 80 : 443)
        return "\(url.host ?? "?"):\(port)"
    }

    /// Percent-encodes a path segment or query value (everything but unreserved characters).
    static func encode(_ text: String) -> String { text.percentEncodedComponent }

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

import Foundation
import Logging
import NIOHTTP1
import OperationsModel
import ServiceHTTP
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
    /// The one transport both services' clients share (pools, proxy, TLS, retries, faults).
    let transport: ServiceTransport
    /// Team names by id, looked up once.
    let teamCache = Mutex<[String: String]?>(nil)
    /// Display names and emails by account id, from the site's Jira users.
    let userCache = Mutex<[String: (name: String, email: String?)]>([:])

    init(configuration: JSMConfiguration, clock: any ClientClock, logger: Logger) throws(OperationsError) {
        try configuration.validate()
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        let credentials = configuration.credentials
        transport = try ServiceTransport(settings: configuration.transportSettings, hosts: [configuration.site, configuration.apiBase],
                                         clock: clock, logger: logger, redact: { credentials.redacts($0) })
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

    /// Closes the connection pools.
    public func shutdown() async throws {
        try await transport.shutdown()
    }

    /// The proxy requests to the Ops API go through (`nil`: straight), for `vigil check`.
    public var proxy: ProxyRoute? { transport.proxy(for: configuration.apiBase.host ?? "") }

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
    func url(for request: Request) -> URL? {
        let base: String
        switch request.target {
        case .ops: base = configuration.apiBase.absoluteString.trimmingSuffix("/") + "/jsm/ops/api/\(configuration.cloudId ?? "-")"
        case .site: base = configuration.site.absoluteString.trimmingSuffix("/")
        }
        return TransportRequest.url(base: base, path: request.path, query: request.query)
    }

    /// Sends with retries; returns the body of a 2xx answer (and its status).
    func send(_ request: Request) async throws(OperationsError) -> (status: Int, body: Data) {
        guard let url = url(for: request) else { throw .invalidConfiguration("cannot build a URL for \(request.path)") }
        let outgoing = TransportRequest(method: request.method, url: url,
                                        headers: [("Authorization", configuration.credentials.authorizationHeaderValue)], body: request.body)
        return try await transport.send(outgoing, idempotent: request.idempotent) { (answer) throws(OperationsError) in
            try interpret(answer, domain: request.domain)
        }
    }

    /// JSM's reading of an answer: `Retry-After` on a 429 (it documents no other rate-limit
    /// headers), and its error bodies.
    private func interpret(_ answer: TransportAnswer, domain: RateLimitDomain) throws(OperationsError) -> (status: Int, body: Data) {
        let status = answer.status
        if (200..<300).contains(status) { return (status, answer.body) }
        var rateLimit: RateLimitStatus?
        if status == 429 {
            let seconds = answer.headers.first(name: "Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            let limited = RateLimitStatus(state: .throttled, reason: "Retry-After", periodSeconds: seconds, observedAt: clock.now())
            rateLimits.record(limited, domain: domain, at: clock.now())
            rateLimit = limited
        }
        let data = answer.body
        let message = (try? JSONDecoder().decode(JSMErrorBody.self, from: data))?.text ?? (status >= 500 && !data.isEmpty ? "non-JSON error body" : "")
        // A server that echoes the token back must not put it on the screen.
        throw .http(status: status, message: configuration.credentials.redacts(String(message.prefix(500))), requestId: nil, internalCode: nil,
                    rateLimit: rateLimit, service: .jsm)
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

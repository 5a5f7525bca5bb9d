import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import OperationsModel
import Synchronization

/// The one HTTP transport both services' clients use: connection pools (direct or through a
/// proxy), TLS trust, timeouts, retries, the classification of transport failures into
/// words a person can act on, secret redaction, and shutdown. Each service's kit keeps only
/// its own error bodies, rate-limit headers and remedies, in the `interpret` it passes to
/// ``send(_:idempotent:interpret:)``.
public final class ServiceTransport: Sendable {
    /// The settings it was made with.
    public let settings: TransportSettings
    /// The hosts a request may go to; the credentials are only ever sent there.
    public let allowedHosts: Set<String>
    let clock: any ClientClock
    let logger: Logger
    let redact: @Sendable (String) -> String
    /// One pool per way out (direct, or a proxy), keyed by ``routeKey(_:)``.
    private let pools: [String: HTTPClient]
    private let routes: [String: ProxyRoute?]

    /// Creates the pools for `hosts` (each source's API host and, for JSM, its site).
    public init(settings: TransportSettings, hosts: [URL], clock: any ClientClock, logger: Logger,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                redact: @escaping @Sendable (String) -> String) throws(OperationsError) {
        self.settings = settings
        self.clock = clock
        self.logger = logger
        self.redact = redact
        allowedHosts = Set(hosts.compactMap { $0.host?.lowercased() })
        var tls: TLSConfiguration?
        if let caFile = settings.caFile ?? environment["SSL_CERT_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw .invalidConfiguration("the CA bundle \(caFile) cannot be read: check ca_file (or SSL_CERT_FILE)")
            }
            do { _ = try NIOSSLCertificate.fromPEMFile(caFile) } catch {
                throw .invalidConfiguration("the CA bundle \(caFile) holds no PEM certificate: give a PEM file (-----BEGIN CERTIFICATE-----)")
            }
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.additionalTrustRoots = [.file(caFile)]
            tls = configuration
        }
        var routes: [String: ProxyRoute?] = [:]
        var pools: [String: HTTPClient] = [:]
        for url in hosts {
            guard let host = url.host?.lowercased() else { continue }
            let route = settings.proxy.route(for: url, environment: environment)
            routes[host] = route
            let key = Self.routeKey(route)
            if pools[key] == nil { pools[key] = Self.makePool(settings: settings, proxy: route, tls: tls) }
        }
        self.routes = routes
        self.pools = pools
    }

    /// The proxy requests to `host` go through (`nil`: straight), for `vigil check` and the log.
    public func proxy(for host: String) -> ProxyRoute? {
        routes[host.lowercased()] ?? nil
    }

    private static func routeKey(_ route: ProxyRoute?) -> String {
        route.map { "\($0.host):\($0.port)" } ?? "direct"
    }

    private static func makePool(settings: TransportSettings, proxy: ProxyRoute?, tls: TLSConfiguration?) -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow, // a redirect must never carry the credentials to another host
            timeout: .init(connect: settings.connectTimeout.timeAmount, read: settings.requestTimeout.timeAmount))
        configuration.httpVersion = .automatic
        // A refused connection fails the request at once; the retry policy sends it again with
        // its own backoff. (Retrying inside the pool as well waited out the connect timeout on
        // every attempt: 20 s before a dead host showed on screen.)
        configuration.connectionPool.retryConnectionEstablishment = false
        // No tracing spans: nothing here reads them, and building one costs a few percent of
        // every poll's CPU even with the no-op tracer.
        configuration.tracing.tracer = nil
        if let proxy {
            // Through the proxy by CONNECT: the request, its credentials included, travel only
            // inside the tunnel to the service's host; the proxy sees the host name and port.
            configuration.proxy = .server(host: proxy.host, port: proxy.port,
                                          authorization: proxy.credentials.map { .basic(username: $0.user, password: $0.password) })
        }
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes every pool.
    public func shutdown() async throws {
        // The callback on a serial queue rather than AsyncHTTPClient's default, the global
        // queue: once libdispatch's global pool has run anything, its monitor wakes the
        // process every second for good (and the JSM client shuts one client down mid-run).
        for pool in pools.values {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                pool.shutdown(queue: Self.shutdownQueue) { error in
                    if let error { continuation.resume(throwing: error) } else { continuation.resume() }
                }
            }
        }
    }

    private static let shutdownQueue = DispatchQueue(label: "vigil.http-shutdown")

    /// Sends a request with retries. `interpret` turns an answer into a value, or into the
    /// service's own error (a 4xx/5xx body, rate-limit headers), which decides a retry.
    public func send<Value>(_ request: TransportRequest, idempotent: Bool,
                            interpret: (TransportAnswer) throws(OperationsError) -> Value) async throws(OperationsError) -> Value {
        try await settings.retry.run(idempotent: idempotent, clock: clock, onRetry: { error, attempt, delay in
            logger.debug("retrying after \(error.faultClass.rawValue)", metadata: ["path": "\(request.url.path)", "attempt": "\(attempt)", "delay": "\(delay)"])
        }) { () async throws(OperationsError) in
            try interpret(try await sendOnce(request))
        }
    }

    /// One exchange, no retry.
    public func sendOnce(_ request: TransportRequest) async throws(OperationsError) -> TransportAnswer {
        guard let host = request.url.host?.lowercased(), allowedHosts.contains(host) else {
            throw .invalidConfiguration("refusing to send credentials to \(request.url.host ?? "an unknown host"): only to \(allowedHosts.sorted().joined(separator: ", "))")
        }
        guard let pool = pools[Self.routeKey(routes[host] ?? nil)] else {
            throw .invalidConfiguration("no connection pool for \(host)")
        }
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = request.method
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        outgoing.headers.add(name: "User-Agent", value: settings.userAgent)
        outgoing.headers.add(name: "Accept", value: "application/json")
        if let body = request.body {
            outgoing.headers.add(name: "Content-Type", value: "application/json")
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await pool.execute(outgoing, timeout: settings.requestTimeout.timeAmount, logger: nil)
            bytes = try await response.body.collect(upTo: settings.maxResponseBytes)
        } catch is NIOTooManyBytesError {
            throw .badResponse("response larger than \(settings.maxResponseBytes / (1024 * 1024)) MB")
        } catch {
            throw classify(error, url: request.url)
        }
        return TransportAnswer(status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView))
    }

    /// A transport failure in words a person can act on; never contains request headers.
    func classify(_ error: any Error, url: URL) -> OperationsError {
        let port = url.port ?? (url.scheme == "http" ? 80 : 443)
        let host = url.host ?? "?"
        let endpoint = "\(host):\(port)"
        let proxy = self.proxy(for: host)
        let via = proxy.map { " (through the proxy \($0))" } ?? ""
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout:
                return .timeout("no connection to \(proxy.map { "the proxy \($0)" } ?? endpoint) within \(settings.connectTimeout)")
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return .timeout("no answer from \(endpoint) within \(settings.requestTimeout)\(via)")
            case .remoteConnectionClosed:
                return .transport("connection closed by \(endpoint) before the answer was complete\(via)")
            case .proxyAuthenticationRequired:
                return .transport("the proxy \(proxy.map(\.description) ?? "") asks for credentials: put user:password in the proxy URL")
            case .invalidProxyResponse, .httpProxyHandshakeTimeout:
                return .transport("the proxy \(proxy.map(\.description) ?? "") did not open a tunnel to \(endpoint): check the proxy setting and that it allows CONNECT to port \(port)")
            default: break
            }
        }
        let text = String(describing: error)
        if text.contains("invalidHeaderField") {
            // The error's own words carry the header (a credential, escaped so no redaction
            // matches it): never repeat them.
            return .invalidConfiguration("a credential has a character no HTTP header may carry (a control character or line break pasted with it): set it again, or run vigil init")
        }
        if let tls = Self.tlsProblem(text, host: host) { return .transport(tls + via) }
        if text.contains("Connection refused") || text.contains("errno: 111") {
            return .transport("connection refused by \(proxy.map { "the proxy \($0)" } ?? endpoint)")
        }
        if text.contains("Connection reset") || text.contains("errno: 104") { return .transport("connection reset by \(endpoint)\(via)") }
        if text.localizedCaseInsensitiveContains("name or service not known") || text.contains("NXDOMAIN")
            || text.localizedCaseInsensitiveContains("no address") || text.contains("EAI_") {
            return .transport("cannot resolve \(proxy?.host ?? host)")
        }
        if text.contains("Network is unreachable") || text.contains("errno: 101") { return .transport("network unreachable for \(endpoint)") }
        if text.contains("No route to host") || text.contains("errno: 113") { return .transport("no route to \(endpoint)") }
        return .transport(redact(String(text.prefix(300))))
    }

    /// A TLS failure said in words: whose certificate, and what is wrong with it.
    static func tlsProblem(_ text: String, host: String) -> String? {
        if text.contains("failedToValidateHostname") || text.contains("HOSTNAME_MISMATCH") {
            return "the certificate of \(host) is not valid for that name"
        }
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("unableToValidateCertificate") || text.contains("UNKNOWN_CA") {
            if text.contains("expired") { return "the certificate of \(host) has expired" }
            return "the certificate of \(host) is not trusted: if a proxy inspects TLS, give its CA bundle as ca_file (or SSL_CERT_FILE)"
        }
        if text.contains("handshakeFailed") || text.contains("SSL_ERROR") || text.contains("WRONG_VERSION_NUMBER") {
            return "the TLS handshake with \(host) failed (is it https on that port?)"
        }
        return nil
    }
}

/// A request for ``ServiceTransport``: the full URL (on an allowed host), method, the
/// service's own headers (its credentials) and a JSON body.
public struct TransportRequest: Sendable {
    public var method: HTTPMethod
    public var url: URL
    public var headers: [(String, String)]
    public var body: Data?

    public init(method: HTTPMethod = .GET, url: URL, headers: [(String, String)] = [], body: Data? = nil) {
        self.method = method; self.url = url; self.headers = headers; self.body = body
    }

    /// `base` + `path` + the query, every name and value percent-encoded.
    public static func url(base: String, path: String, query: [(String, String)]) -> URL? {
        var text = base
        while text.hasSuffix("/") { text.removeLast() }
        text += path
        if !query.isEmpty {
            text += "?" + query.map { "\($0.0.percentEncodedComponent)=\($0.1.percentEncodedComponent)" }.joined(separator: "&")
        }
        return URL(string: text)
    }
}

/// An answer: status, headers, body (any status: the kit decides what it means).
public struct TransportAnswer: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data
}

/// How the transport connects and retries.
public struct TransportSettings: Sendable {
    /// How long to wait for a TCP/TLS connection.
    public var connectTimeout: Duration
    /// How long one exchange may take, from sending to the last byte of the body.
    public var requestTimeout: Duration
    /// Retry behaviour for transport errors, 429 and 5xx.
    public var retry: RetryPolicy
    /// The largest answer accepted; a larger one is a bad response.
    public var maxResponseBytes: Int
    /// The `User-Agent` header.
    public var userAgent: String
    /// Straight, the environment's proxy, or a configured one.
    public var proxy: ProxySetting
    /// A PEM bundle trusted besides the system's roots (a TLS-inspecting proxy's CA).
    public var caFile: String?

    public init(connectTimeout: Duration = .seconds(5), requestTimeout: Duration = .seconds(10), retry: RetryPolicy = RetryPolicy(),
                maxResponseBytes: Int = 8 << 20, userAgent: String, proxy: ProxySetting = .environment, caFile: String? = nil) {
        self.connectTimeout = connectTimeout; self.requestTimeout = requestTimeout; self.retry = retry
        self.maxResponseBytes = maxResponseBytes; self.userAgent = userAgent; self.proxy = proxy; self.caFile = caFile
    }
}

extension Duration {
    /// The same length as a NIO `TimeAmount`.
    public var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

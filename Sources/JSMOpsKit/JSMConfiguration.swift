import Foundation
import OperationsModel
import ServiceHTTP

/// Where and how to reach a site's JSM Operations API.
public struct JSMConfiguration: Sendable {
    /// The site, e.g. `https://acme.atlassian.net`: its `_edge/tenant_info` gives the cloudId and
    /// its Jira REST API gives users' names.
    public var site: URL
    /// The Ops API host, `https://api.atlassian.com` unless replaced (tests, proxies).
    public var apiBase: URL
    /// The site's cloudId; looked up from the site when `nil`.
    public var cloudId: String?
    public var credentials: JSMCredentials
    public var connectTimeout: Duration
    public var requestTimeout: Duration
    public var retry: RetryPolicy
    /// Answers larger than this are refused as bad responses.
    public var maxResponseBytes: Int
    /// Sent as `User-Agent`.
    public var userAgent: String
    /// Straight, the environment's proxy (`HTTPS_PROXY`, `NO_PROXY`), or a configured one.
    public var proxy: ProxySetting = .environment
    /// A PEM bundle trusted besides the system's roots (a TLS-inspecting proxy's CA).
    public var caFile: String?

    /// The Atlassian API host.
    public static let atlassianAPI = URL(string: "https://api.atlassian.com")!

    /// Creates a configuration.
    public init(site: URL, apiBase: URL = JSMConfiguration.atlassianAPI, cloudId: String? = nil, credentials: JSMCredentials,
                connectTimeout: Duration = .seconds(5), requestTimeout: Duration = .seconds(10), retry: RetryPolicy = RetryPolicy(),
                maxResponseBytes: Int = 8 << 20, userAgent: String = "vigil/0.3 (+jsm)") {
        self.site = site; self.apiBase = apiBase; self.cloudId = cloudId; self.credentials = credentials
        self.connectTimeout = connectTimeout; self.requestTimeout = requestTimeout; self.retry = retry
        self.maxResponseBytes = maxResponseBytes; self.userAgent = userAgent
    }

    /// Reads `--site`: a host (`acme.atlassian.net`) or a full URL.
    public static func site(parsing text: String) -> URL? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        let withScheme = trimmed.contains("://") ? trimmed : "https://" + trimmed
        guard let url = URL(string: withScheme), let host = url.host, !host.isEmpty, url.scheme == "https" || url.scheme == "http" else { return nil }
        var components = URLComponents()
        components.scheme = url.scheme
        components.host = host
        components.port = url.port
        return components.url
    }

    /// Refuses plain http anywhere but loopback: the token must never cross a network in clear.
    public func validate() throws(OperationsError) {
        for url in [site, apiBase] where url.scheme != "https" {
            guard url.scheme == "http", ["127.0.0.1", "localhost", "::1"].contains(url.host ?? "") else {
                throw .invalidConfiguration("refusing to send the API token over plain http to \(url.absoluteString): use https (plain http only to loopback)")
            }
        }
    }

    /// The hosts the token may be sent to: the site and the Ops API host.
    public var allowedHosts: Set<String> { Set([site.host, apiBase.host].compactMap { $0 }) }

    /// What the shared transport needs.
    public var transportSettings: TransportSettings {
        TransportSettings(connectTimeout: connectTimeout, requestTimeout: requestTimeout, retry: retry, maxResponseBytes: maxResponseBytes,
                          userAgent: userAgent, proxy: proxy, caFile: caFile)
    }
}

import Foundation
import OperationsModel
import ServiceHTTP

/// Everything an ``OpsgenieClient`` needs to reach an account.
public struct ClientConfiguration: Sendable {
    /// The key sent as `Authorization: GenieKey …`.
    public var apiKey: APIKey
    /// The region or custom base URL.
    public var region: OpsgenieRegion
    /// How long to wait for a TCP/TLS connection.
    public var connectTimeout: Duration
    /// How long one HTTP exchange may take, from sending to the last byte of the body.
    public var requestTimeout: Duration
    /// Retry behaviour for transport errors, 429 and 5xx.
    public var retry: RetryPolicy
    /// The largest response body accepted; a larger one is rejected as a bad response.
    public var maxResponseBytes: Int
    /// The `User-Agent` header.
    public var userAgent: String
    /// Straight, the environment's proxy (`HTTPS_PROXY`, `NO_PROXY`), or a configured one.
    public var proxy: ProxySetting
    /// A PEM bundle trusted besides the system's roots (a TLS-inspecting proxy's CA).
    public var caFile: String?

    /// The version reported in `User-Agent`.
    public static let vigilVersion = "0.1.0"

    /// Creates a configuration with defaults suited to a dashboard.
    public init(
        apiKey: APIKey,
        region: OpsgenieRegion = .us,
        connectTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(10),
        retry: RetryPolicy = RetryPolicy(),
        maxResponseBytes: Int = 8 * 1024 * 1024,
        userAgent: String = "vigil/\(ClientConfiguration.vigilVersion)",
        proxy: ProxySetting = .environment,
        caFile: String? = nil
    ) {
        self.proxy = proxy
        self.caFile = caFile
        self.apiKey = apiKey
        self.region = region
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
    }

    /// What the shared transport needs.
    public var transportSettings: TransportSettings {
        TransportSettings(connectTimeout: connectTimeout, requestTimeout: requestTimeout, retry: retry, maxResponseBytes: maxResponseBytes,
                          userAgent: userAgent, proxy: proxy, caFile: caFile)
    }
}

import Foundation

/// How one of several sources on one screen is doing: when it last answered, why it fails,
/// and until when it is left alone. The runtime reports these; the dashboard shows the
/// failing ones by name on the status line while the others stay live.
public struct SourceHealth: Sendable, Hashable {
    /// The source's name from the config (`og-eu`), also the tag on its rows.
    public var name: String
    /// When it last answered.
    public var lastSuccess: Date?
    /// Why its last call failed; `nil` once it answers again.
    public var lastError: OperationsError?
    /// Failures in a row.
    public var failures: Int
    /// It is skipped (its last good data shown) until then.
    public var retryAt: Date?
    /// Its worst rate-limit state that is not OK.
    public var rateLimit: RateLimitStatus?

    /// Creates a report.
    public init(name: String, lastSuccess: Date? = nil, lastError: OperationsError? = nil, failures: Int = 0,
                retryAt: Date? = nil, rateLimit: RateLimitStatus? = nil) {
        self.name = name; self.lastSuccess = lastSuccess; self.lastError = lastError; self.failures = failures
        self.retryAt = retryAt; self.rateLimit = rateLimit
    }

    /// Its last call failed: what it shows is its last good data.
    public var isFailing: Bool { lastError != nil }
}

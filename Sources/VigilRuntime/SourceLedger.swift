import Foundation
import OperationsModel
import VigilCore

/// How long a failing source is left alone before it is asked again: doubling from `base`
/// up to `maximum`, and never sooner than a rate limit's period.
public struct SourceBackoff: Sendable, Hashable {
    /// The pause after the first failure.
    public var base: TimeInterval
    /// The longest pause.
    public var maximum: TimeInterval

    /// Creates a policy.
    public init(base: TimeInterval, maximum: TimeInterval) { self.base = base; self.maximum = maximum }

    /// 5 s, 10 s, 20 s … up to a minute.
    public static let standard = SourceBackoff(base: 5, maximum: 60)

    /// The pause after `failures` failures in a row, the last being `error`.
    public func delay(failures: Int, error: OperationsError) -> TimeInterval {
        let doubling = min(maximum, base * pow(2, Double(max(0, min(failures, 16) - 1))))
        return max(doubling, Double(error.rateLimit?.periodSeconds ?? 0))
    }
}

/// What the merged backend asked a source for, so its last good answer can stand in while it fails.
enum SourceCacheKey: Hashable, Sendable {
    case alerts(AlertQuery, maxPages: Int)
    case count(AlertQuery)
    case heartbeats, onCall, users, escalations, savedSearches
    case incidents(limit: Int)
}

/// Per source: its health, its back-off, and its last good answers (a bounded cache).
struct SourceLedger: Sendable {
    struct Entry: Sendable {
        var health: SourceHealth
        var cache: [SourceCacheKey: any Sendable] = [:]
        /// Keys oldest first, for eviction.
        var order: [SourceCacheKey] = []
    }

    /// Answers kept per source: enough for a poll's counts and pages under a few filters.
    static let cacheLimit = 128

    var entries: [Entry]
    let backoff: SourceBackoff

    init(names: [String], backoff: SourceBackoff) {
        entries = names.map { Entry(health: SourceHealth(name: $0)) }
        self.backoff = backoff
    }

    /// Whether the source is in back-off at `now` (its last good data stands in).
    func isResting(_ source: Int, at now: Date) -> Bool {
        entries[source].health.retryAt.map { $0 > now } ?? false
    }

    /// The last good answer for `key`, when there is one.
    func cached<T>(_ source: Int, _ key: SourceCacheKey) -> T? { entries[source].cache[key] as? T }

    mutating func succeeded(_ source: Int, key: SourceCacheKey, value: any Sendable, at now: Date,
                            rateLimit: RateLimitStatus?) {
        var entry = entries[source]
        entry.health.lastSuccess = now
        entry.health.lastError = nil
        entry.health.failures = 0
        entry.health.retryAt = nil
        entry.health.rateLimit = rateLimit
        if entry.cache.updateValue(value, forKey: key) == nil {
            entry.order.append(key)
            if entry.order.count > Self.cacheLimit { entry.cache[entry.order.removeFirst()] = nil }
        }
        entries[source] = entry
    }

    mutating func failed(_ source: Int, error: OperationsError, at now: Date, rateLimit: RateLimitStatus?) {
        entries[source].health.lastError = error
        entries[source].health.failures += 1
        entries[source].health.retryAt = now.addingTimeInterval(backoff.delay(failures: entries[source].health.failures, error: error))
        entries[source].health.rateLimit = rateLimit ?? error.rateLimit
    }

    var health: [SourceHealth] { entries.map(\.health) }

    /// Whether a failure says the source as a whole is down or refusing (network, server, rate
    /// limit, garbled answers, a refused key), so it is left alone for a while. A refusal of one
    /// request (a missing right, a 404, an API the service lacks) is that call's failure only:
    /// the source's other data keeps coming.
    static func meansSourceDown(_ error: OperationsError) -> Bool {
        switch error.faultClass {
        case .network, .server, .rateLimit, .badResponse, .auth: true
        case .permission, .request, .rejected, .configuration: false
        }
    }
}

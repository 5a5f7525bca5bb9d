import Foundation
import Synchronization

/// Opsgenie's rate-limit domains: each has its own token bucket.
public enum RateLimitDomain: String, Sendable, Hashable, CaseIterable, Codable {
    /// Alert reads and writes other than listing and counting.
    case alert
    /// Listing and counting alerts, listing users.
    case search
    /// Heartbeats.
    case heartbeat
    /// Teams, users, escalations, schedules, integrations, policies, account.
    case configuration
    /// Who is on call, next on call.
    case scheduleOnCalls = "schedule-oncalls"
    /// Incidents.
    case incident
}

/// The value of `X-RateLimit-State`.
public struct RateLimitState: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.uppercased() }
    /// Within limits.
    public static let ok = RateLimitState(rawValue: "OK")
    /// Using the burst allowance: slow down.
    public static let burst = RateLimitState(rawValue: "BURST")
    /// Requests are being refused with 429.
    public static let throttled = RateLimitState(rawValue: "THROTTLED")
    public var description: String { rawValue }
}

/// The rate-limit headers of one response.
public struct RateLimitStatus: Sendable, Hashable {
    /// `X-RateLimit-State`.
    public var state: RateLimitState
    /// `X-RateLimit-Reason` (ACCOUNT or INTEGRATION).
    public var reason: String?
    /// `X-RateLimit-Period-In-Sec`: how long the throttle lasts.
    public var periodSeconds: Int?
    /// When these headers were seen.
    public var observedAt: Date

    /// Creates a status from header values.
    public init(state: RateLimitState, reason: String? = nil, periodSeconds: Int? = nil, observedAt: Date) {
        self.state = state
        self.reason = reason
        self.periodSeconds = periodSeconds
        self.observedAt = observedAt
    }

    /// Reads the three headers; `nil` when the response carries no state header.
    public static func parse(header: (String) -> String?, at now: Date) -> RateLimitStatus? {
        guard let state = header("X-RateLimit-State"), !state.isEmpty else { return nil }
        return RateLimitStatus(
            state: RateLimitState(rawValue: state.trimmingCharacters(in: .whitespaces)),
            reason: header("X-RateLimit-Reason"),
            periodSeconds: header("X-RateLimit-Period-In-Sec").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
            observedAt: now)
    }
}

/// The last rate-limit state seen per domain, shared by every request of a client.
public final class RateLimitTracker: Sendable {
    private let states = Mutex<[RateLimitDomain: RateLimitStatus]>([:])

    /// Creates an empty tracker.
    public init() {}

    /// Records the headers of a response in `domain`. A response without headers means OK.
    public func record(_ status: RateLimitStatus?, domain: RateLimitDomain, at now: Date) {
        states.withLock { $0[domain] = status ?? RateLimitStatus(state: .ok, observedAt: now) }
    }

    /// The last state seen per domain.
    public var snapshot: [RateLimitDomain: RateLimitStatus] { states.withLock { $0 } }

    /// The worst state across domains that is not OK, for the status line.
    public var worst: (RateLimitDomain, RateLimitStatus)? {
        let all = snapshot
        if let t = all.first(where: { $0.value.state == .throttled }) { return (t.key, t.value) }
        if let b = all.first(where: { $0.value.state == .burst }) { return (b.key, b.value) }
        return nil
    }
}

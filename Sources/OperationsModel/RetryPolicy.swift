import Foundation

/// A source of time for the client: tests inject one that does not really sleep.
public protocol ClientClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Waits for `duration` (or returns at once in tests), throwing on cancellation.
    func sleep(for duration: Duration) async throws
}

/// The real clock.
public struct SystemClientClock: ClientClock {
    /// Creates the real clock.
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}

/// How often and how long to wait before sending a failed request again.
///
/// Delays follow the services' advice (Opsgenie and Atlassian alike): `base × 2^attempt` with full jitter, capped, and never
/// shorter than `X-RateLimit-Period-In-Sec` when a 429 names one.
public struct RetryPolicy: Sendable {
    /// Total attempts including the first (1 = no retries).
    public var maxAttempts: Int
    /// The base of the exponential backoff (Opsgenie suggests 200 ms).
    public var baseDelay: Duration
    /// The longest single wait.
    public var maxDelay: Duration
    /// Returns a number in `0..<1` for full jitter; injectable for tests.
    public var jitter: @Sendable () -> Double

    /// Creates a policy; the default makes 4 attempts.
    public init(maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(30),
                jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The ceiling of the wait after failed attempt number `attempt` (0-based): `base × 2^attempt`, capped.
    public func ceiling(afterAttempt attempt: Int) -> Duration {
        let factor = 1 << min(max(attempt, 0), 20)
        let raw = baseDelay * factor
        return raw < maxDelay ? raw : maxDelay
    }

    /// The wait after failed attempt `attempt`: full jitter below the ceiling, but at least the
    /// throttle period the API named.
    public func delay(afterAttempt attempt: Int, rateLimitPeriodSeconds: Int?) -> Duration {
        let ceiling = ceiling(afterAttempt: attempt)
        let jittered = ceiling * jitter()
        if let period = rateLimitPeriodSeconds, period > 0 {
            let floor = Duration.seconds(min(period, 300))
            return jittered > floor ? jittered : floor
        }
        return jittered
    }
}

extension RetryPolicy {
    /// Runs `attempt` until it succeeds or fails for good. Only transient failures are tried
    /// again; a request that is not idempotent (a note) only when the service certainly did not
    /// apply it (429, 503) — a reset or a 500 may have come after the service took it.
    public func run<T>(idempotent: Bool, clock: any ClientClock,
                       onRetry: (OperationsError, _ attempt: Int, _ delay: Duration) -> Void = { _, _, _ in },
                       _ attempt: () async throws(OperationsError) -> T) async throws(OperationsError) -> T {
        var attempts = 0
        while true {
            do {
                return try await attempt()
            } catch {
                attempts += 1
                guard error.isTransient, !error.isTimeout, idempotent || error.certainlyNotApplied, attempts < maxAttempts else { throw error }
                let wait = delay(afterAttempt: attempts - 1, rateLimitPeriodSeconds: error.rateLimit?.periodSeconds)
                onRetry(error, attempts, wait)
                do { try await clock.sleep(for: wait) } catch { throw OperationsError.transport("cancelled") }
            }
        }
    }
}

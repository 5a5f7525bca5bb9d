import Foundation
import OperationsModel

/// The kinds of data Vigil polls, each on its own interval.
public enum DataKind: String, Sendable, Hashable, CaseIterable, Codable {
    case alerts, heartbeats, onCall = "on-call", incidents
}

/// How fresh one kind of data is.
public struct FeedStatus: Sendable, Hashable {
    /// When the last poll succeeded.
    public internal(set) var lastSuccess: Date?
    /// The last failure, cleared by a success.
    public internal(set) var lastError: OperationsError?
    /// Consecutive failures (for backoff).
    public internal(set) var failures = 0
    /// A poll is under way (never two at once).
    public internal(set) var inFlight = false
    /// When the next poll is due.
    public internal(set) var nextDue: Date?
    /// Polls started so far.
    public internal(set) var polls = 0
    /// When the poll in flight started.
    public internal(set) var startedAt: Date?
    /// Something asked for a poll while one was in flight: poll again as soon as it answers.
    public internal(set) var repollWhenDone = false
}

/// When to poll each kind of data: never two polls of a kind at once, healthy kinds together
/// on a beat of their own phase (so screens do not poll in step), backoff with jitter after
/// failures, slower when rate limited. A value with
/// no clock: every decision takes the time it is given.
public struct PollScheduler: Sendable, Hashable {
    /// Per kind: last success, last failure, what is in flight, when the next poll is due.
    public private(set) var feeds: [DataKind: FeedStatus]
    /// Seconds between polls per kind.
    public let intervals: [DataKind: TimeInterval]
    /// Seeds the jitter, so several screens on one account differ.
    public let jitterSeed: UInt64

    /// The kinds polled: those with an interval.
    public let kinds: [DataKind]

    /// A scheduler with every kind that has an interval due at once.
    public init(intervals: [DataKind: TimeInterval], jitterSeed: UInt64) {
        self.intervals = intervals
        self.jitterSeed = jitterSeed
        kinds = DataKind.allCases.filter { intervals[$0] != nil }
        feeds = Dictionary(uniqueKeysWithValues: kinds.map { ($0, FeedStatus()) })
    }

    /// The interval of `kind`.
    public func interval(_ kind: DataKind) -> TimeInterval { intervals[kind] ?? 10 }

    /// Starts every poll that is due at `now` and not already in flight; returns their kinds.
    public mutating func startDue(at now: Date) -> [DataKind] {
        var started: [DataKind] = []
        for kind in kinds {
            guard var feed = feeds[kind], !feed.inFlight else { continue }
            if let due = feed.nextDue, due > now { continue }
            feed.inFlight = true
            feed.polls += 1
            feed.startedAt = now
            feed.repollWhenDone = false
            feeds[kind] = feed
            started.append(kind)
        }
        return started
    }

    /// Makes `kind` due now; if a poll of it is in flight, polls again as soon as it answers.
    public mutating func requestNow(_ kind: DataKind) {
        if feeds[kind]?.inFlight == true {
            feeds[kind]?.repollWhenDone = true
        } else {
            feeds[kind]?.nextDue = nil
        }
    }

    /// Makes every kind due now (a refresh).
    public mutating func requestAll() {
        for kind in kinds { requestNow(kind) }
    }

    /// The poll of `kind` in flight asked for something no longer wanted (the filter
    /// changed): forget it and poll again now.
    public mutating func discard(_ kind: DataKind, at now: Date) {
        feeds[kind]?.inFlight = false
        feeds[kind]?.nextDue = now
    }

    /// Records the answer to a poll of `kind` and schedules the next one.
    public mutating func finish(_ kind: DataKind, error: OperationsError?, at now: Date, rateLimit: RateLimitStatus?) {
        var feed = feeds[kind] ?? FeedStatus()
        feed.inFlight = false
        let recovered = error == nil && feed.failures > 0
        if let error {
            feed.lastError = error
            feed.failures += 1
        } else {
            feed.lastError = nil
            feed.failures = 0
            feed.lastSuccess = now
        }
        let throttled = error?.faultClass == .rateLimit || rateLimit?.state == .throttled || rateLimit?.state == .burst
        feeds[kind] = feed
        if feed.repollWhenDone {
            feeds[kind]?.nextDue = now
        } else if error == nil, !throttled, let due = alignedDue(kind, started: feed.startedAt ?? now, now: now) {
            feeds[kind]?.nextDue = due
        } else {
            let delay = pollDelay(kind, failures: feed.failures, throttled: throttled, periodSeconds: rateLimit?.periodSeconds)
            feeds[kind]?.nextDue = now.addingTimeInterval(delay)
        }
        if recovered {
            // The API answers again: kinds that were backing off poll now.
            for other in kinds where other != kind && (feeds[other]?.failures ?? 0) > 0
                && feeds[other]?.lastError?.faultClass != .rateLimit {
                feeds[other]?.nextDue = now
            }
        }
    }

    /// The beat healthy polls keep: the probe kind's interval. A kind whose interval is a
    /// whole number of beats polls on the beat, so the kinds due together go out together and
    /// an idle screen wakes once for them (at the defaults, alerts every beat of 10 s,
    /// heartbeats and incidents every third, on-call every sixth) instead of once for each.
    public var beat: TimeInterval { interval(probeKind) }

    /// Where in the beat this screen polls, from the seed: screens started together poll at
    /// different moments, and each keeps its moment.
    public var phase: TimeInterval { Double(Self.mix(jitterSeed) % 1000) / 1000 * beat }

    /// The next poll of a healthy `kind` started at `started`: the last beat no later than one
    /// interval after that start, unless that is less than a tenth of a beat after `now` (a
    /// poll just answered is not sent again at once): then the beat after. On the beat that
    /// is exactly one interval; re-aligning (after the start, a failure, a refresh) at most
    /// ``jitterFraction`` of a beat more. `nil` when the interval is not a whole number of
    /// beats: that kind keeps its own time, with jitter.
    func alignedDue(_ kind: DataKind, started: Date, now: Date) -> Date? {
        let interval = interval(kind), beat = beat
        guard beat > 0, interval >= beat, abs((interval / beat).rounded() - interval / beat) < 1e-9 else { return nil }
        let latest = started.timeIntervalSince1970 + interval
        var due = phase + ((latest - phase) / beat + 1e-6).rounded(.down) * beat
        while due < now.timeIntervalSince1970 + Self.jitterFraction * beat { due += beat }
        return Date(timeIntervalSince1970: due)
    }

    /// The kind polled most often: it keeps its interval through server and network faults
    /// and so notices first when the API is back.
    public var probeKind: DataKind {
        kinds.min { (interval($0), $0.rawValue) < (interval($1), $1.rawValue) } ?? .alerts
    }

    /// When to poll `kind` again after `failures` consecutive failures.
    ///
    /// - Rate limited (`X-RateLimit-State` BURST/THROTTLED: 2×; a 429: 4×), and never sooner
    ///   than the period the API asked for.
    /// - Other faults: the probe kind (alerts by default) keeps its interval — each of its
    ///   polls already retried with backoff inside the client — so recovery is seen within one
    ///   interval; the other kinds double up to 4× and are polled at once when the probe
    ///   succeeds again.
    /// Jitter of up to 10% keeps the kinds (and several screens) from retrying in step.
    public func pollDelay(_ kind: DataKind, failures: Int, throttled: Bool, periodSeconds: Int? = nil) -> TimeInterval {
        let base = interval(kind)
        var delay = base
        if throttled {
            delay = max(base * pow(2, Double(min(failures + 1, 2))), Double(periodSeconds ?? 0))
        } else if failures > 0, kind != probeKind {
            delay = base * pow(2, Double(min(failures, 3) - 1))
        }
        return delay + jitter(kind, base: delay)
    }

    /// Up to ``jitterFraction`` (10%) of `base`, different per screen (the seed), per kind and per poll. Derived
    /// from the seed and the poll count, not a random source, so decisions are repeatable.
    public func jitter(_ kind: DataKind, base: TimeInterval) -> TimeInterval {
        var x = jitterSeed ^ UInt64(feeds[kind]?.polls ?? 0) &* 0x9E37_79B9_7F4A_7C15
        for scalar in kind.rawValue.unicodeScalars { x = (x ^ UInt64(scalar.value)) &* 0x100_0000_01B3 }
        return Double(Self.mix(x) % 1000) / 1000 * Self.jitterFraction * base
    }

    /// The splitmix64 finaliser: neighbouring seeds give unrelated numbers.
    static func mix(_ seed: UInt64) -> UInt64 {
        var x = seed
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 31)
    }

    /// The most a poll's wait exceeds its interval, as a fraction: the jitter of a failing
    /// poll's delay, and a healthy poll re-aligning to the beat (of the beat).
    public static let jitterFraction = 0.1

    /// Whether `kind` is stale at `now`: the last poll failed, or the last success is older
    /// than three intervals.
    public func isStale(_ kind: DataKind, at now: Date) -> Bool {
        guard let feed = feeds[kind] else { return false }  // not polled
        if feed.lastError != nil { return true }
        guard let last = feed.lastSuccess else { return false }
        return now.timeIntervalSince(last) > 3 * interval(kind)
    }

    /// The earliest time a poll not in flight falls due, for a loop that sleeps until then.
    /// Takes `other`'s record of when each healthy feed last answered, started and is due: what
    /// no pane shows while a feed is healthy (see ``DashboardState/drawsSameFrame(as:)``).
    mutating func adoptBookkeeping(of other: PollScheduler) {
        for (kind, feed) in feeds {
            guard let shown = other.feeds[kind], feed.lastError == nil, shown.lastError == nil,
                  (feed.lastSuccess == nil) == (shown.lastSuccess == nil) else { continue }
            var adopted = feed
            adopted.lastSuccess = shown.lastSuccess
            adopted.inFlight = shown.inFlight
            adopted.nextDue = shown.nextDue
            adopted.polls = shown.polls
            adopted.startedAt = shown.startedAt
            adopted.repollWhenDone = shown.repollWhenDone
            feeds[kind] = adopted
        }
    }

    public var nextDue: Date? {
        feeds.values.filter { !$0.inFlight }.compactMap(\.nextDue).min()
    }
}

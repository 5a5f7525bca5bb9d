import Foundation
import OperationsModel

/// What keeps the data coming: when each kind is polled and how fresh it is, the rate limit
/// the service reports, each source's health when several share the screen, and the on-call
/// and heartbeat data with what the account cannot read of them.
public struct Feeds: Sendable, Equatable {
    /// When each kind of data is polled, and how fresh it is.
    public internal(set) var polls: PollScheduler
    /// The most constrained rate-limit domain the last answers reported.
    public internal(set) var rateLimit: RateLimitReading?
    /// Each source's health when several share the screen (empty with one source).
    public internal(set) var sources: [SourceHealth] = []
    /// Who is on call, per schedule.
    public internal(set) var onCall: [OnCallSummary] = []
    /// Heartbeats, grouped by source, expired first.
    public internal(set) var heartbeats: [Heartbeat] = []
    /// What the account cannot read, per pane (a plan without heartbeats, a team without
    /// access): said in the pane, never an outage.
    public internal(set) var limits: [DataKind: [FeatureLimit]] = [:]

    /// Feeds polled at `settings`' intervals, nothing read yet.
    init(settings: DashboardSettings) {
        polls = PollScheduler(intervals: settings.polledIntervals, jitterSeed: settings.jitterSeed)
    }

    /// Records a poll's answer with the scheduler.
    mutating func finishPoll(_ kind: DataKind, error: OperationsError?, at now: Date) {
        polls.finish(kind, error: error, at: now, rateLimit: rateLimit?.status)
    }

    /// Takes heartbeats, on-call and rate-limit readings; returns lines for the message area
    /// when a source starts failing or answers again.
    mutating func update(_ event: DashboardEvent, at now: Date) -> [(String, StatusMessage.Level)] {
        switch event {
        case .heartbeatsLoaded(let result, let limits):
            if case .success(let beats) = result {
                heartbeats = Self.groupedBySource(beats)
                self.limits[.heartbeats] = limits.isEmpty ? nil : limits
            }
            finishPoll(.heartbeats, error: result.failure, at: now)
        case .onCallLoaded(let result, let limits):
            if case .success(let summaries) = result {
                onCall = summaries
                self.limits[.onCall] = limits.isEmpty ? nil : limits
            }
            finishPoll(.onCall, error: result.failure, at: now)
        case .rateLimitChanged(let domain, let status):
            if let domain, let status { rateLimit = RateLimitReading(domain: domain, status: status) } else { rateLimit = nil }
        case .sourcesChanged(let health):
            let before = Dictionary(sources.map { ($0.name, $0.isFailing) }, uniquingKeysWith: { a, _ in a })
            var lines: [(String, StatusMessage.Level)] = []
            for source in health where before[source.name] != nil && before[source.name] != source.isFailing {
                if let error = source.lastError {
                    lines.append(("\(source.name): failing, showing its last good data — \(error.headline)", .warning))
                } else {
                    lines.append(("\(source.name): answering again", .info))
                }
            }
            sources = health
            return lines
        default: break
        }
        return []
    }

    /// Heartbeats grouped by source (in the order the sources first appear), expired first,
    /// then enabled, then disabled, by name within each. With one source: just the latter.
    static func groupedBySource(_ beats: [Heartbeat]) -> [Heartbeat] {
        var order: [String: Int] = [:]
        for beat in beats { if let origin = beat.origin, order[origin] == nil { order[origin] = order.count } }
        func rank(_ beat: Heartbeat) -> Int { beat.expired == true ? 0 : (beat.enabled == false ? 2 : 1) }
        func group(_ beat: Heartbeat) -> Int { beat.origin.flatMap { order[$0] } ?? -1 }
        return beats.sorted { a, b in (group(a), rank(a), a.name) < (group(b), rank(b), b.name) }
    }
}

import Foundation
import OperationsModel

/// ``OperationsBackend`` over the Opsgenie REST API.
public struct OpsgenieBackend: OperationsBackend {
    /// The client calls go through.
    public let client: OpsgenieClient

    /// Wraps a client.
    public init(client: OpsgenieClient) { self.client = client }

    public var hostDescription: String { client.configuration.region.host }
    public var rateLimits: RateLimitTracker { client.rateLimits }

    public func alerts(_ query: AlertQuery, maxPages: Int) async throws(OperationsError) -> AlertPage {
        try await client.listAlerts(query, maxPages: maxPages)
    }
    public func countAlerts(_ query: AlertQuery) async throws(OperationsError) -> Int {
        try await client.countAlerts(query: query.query, searchIdentifier: query.searchIdentifier, searchIdentifierType: query.searchIdentifierType)
    }
    public func alert(id: String) async throws(OperationsError) -> Alert { try await client.getAlert(.id(id)) }
    public func notes(alertId: String, limit: Int) async throws(OperationsError) -> [AlertNote] {
        try await client.listNotes(.id(alertId), limit: limit)
    }
    public func logs(alertId: String, limit: Int) async throws(OperationsError) -> [AlertLog] {
        try await client.listLogs(.id(alertId), limit: limit)
    }
    /// Heartbeats; a plan without them (402) or a key without the right (403) is a limit, not an outage.
    public func heartbeats() async throws(OperationsError) -> LimitedAnswer<[Heartbeat]> {
        do { return LimitedAnswer(try await client.listHeartbeats()) } catch {
            guard let limit = FeatureLimit.from(error, feature: "heartbeats", planText: "heartbeats are not in this Opsgenie plan") else { throw error }
            return LimitedAnswer([], limits: [limit])
        }
    }
    public func users() async throws(OperationsError) -> [User] { try await client.listUsers() }
    public func escalations() async throws(OperationsError) -> [Escalation] { try await client.listEscalations() }
    public func savedSearches() async throws(OperationsError) -> [SavedSearchMeta] { try await client.listSavedSearches() }

    /// One schedule list plus one timeline per schedule: the final timeline gives who is on
    /// call now, when that shift ends and who comes next, overrides included.
    /// A schedule the key may not read is a limit on that schedule; the others still show.
    public func onCall(at now: Date) async throws(OperationsError) -> LimitedAnswer<[OnCallSummary]> {
        let schedules: [Schedule]
        do { schedules = try await client.listSchedules(expandRotations: false) } catch {
            guard let limit = FeatureLimit.from(error, feature: "on-call", planText: "schedules are not in this Opsgenie plan") else { throw error }
            return LimitedAnswer([], limits: [limit])
        }
        var summaries: [OnCallSummary] = []
        var limits: [FeatureLimit] = []
        for schedule in schedules where schedule.enabled != false {
            do {
                let timeline = try await client.timeline(schedule: .id(schedule.id), interval: 2, intervalUnit: .weeks, date: now)
                summaries.append(Self.summarize(schedule: schedule, timeline: timeline, at: now))
            } catch {
                guard let limit = FeatureLimit.from(error, feature: "on-call", scope: "schedule \(schedule.name ?? schedule.id)") else { throw error }
                limits.append(limit)
            }
        }
        return LimitedAnswer(summaries, limits: limits)
    }

    /// Reads now / next / handoff from a final timeline.
    public static func summarize(schedule: Schedule, timeline: ScheduleTimeline, at now: Date) -> OnCallSummary {
        let periods = timeline.finalPeriods
        let current = periods.filter { ($0.startDate ?? .distantPast) <= now && now < ($0.endDate ?? .distantFuture) }
        let handoff = current.compactMap(\.endDate).min()
        var next: [String] = []
        if let handoff {
            next = periods.filter { ($0.startDate ?? .distantPast) <= handoff && handoff < ($0.endDate ?? .distantFuture) }
                .compactMap { $0.recipient?.name }
        }
        return OnCallSummary(scheduleId: schedule.id, scheduleName: schedule.name ?? schedule.id, timezone: schedule.timezone,
                             current: Array(Set(current.compactMap { $0.recipient?.name })).sorted(),
                             next: Array(Set(next)).sorted(), handoffAt: handoff)
    }

    public func perform(_ action: AlertAction, alertId: String, context: ActionContext) async throws(OperationsError) -> ActionReceipt {
        let alert = AlertIdentifier.id(alertId)
        let accepted: AcceptedRequest
        switch action {
        case .acknowledge: accepted = try await client.acknowledge(alert, context: context)
        case .unacknowledge: accepted = try await client.unacknowledge(alert, context: context)
        case .close: accepted = try await client.close(alert, context: context)
        case .snooze(let until): accepted = try await client.snooze(alert, until: until, context: context)
        case .assign(let owner): accepted = try await client.assign(alert, to: owner, context: context)
        case .escalate(let escalation): accepted = try await client.escalate(alert, to: escalation, context: context)
        case .addNote(let note): accepted = try await client.addNote(alert, note: note, context: context)
        case .addTags(let tags): accepted = try await client.addTags(alert, tags: tags, context: context)
        case .removeTags(let tags): accepted = try await client.removeTags(alert, tags: tags, context: context)
        case .customAction(let name): accepted = try await client.executeAction(alert, action: name, context: context)
        }
        return ActionReceipt(requestId: accepted.requestId)
    }

    public func confirm(_ receipt: ActionReceipt, timeout: Duration) async throws(OperationsError) -> RequestStatus {
        try await client.awaitOutcome(of: receipt.requestId, timeout: timeout)
    }
}

import Foundation

/// A change a person asks for on an alert.
public enum AlertAction: Sendable, Hashable, Codable {
    case acknowledge
    case unacknowledge
    case close
    case snooze(until: Date)
    case assign(UserReference)
    case escalate(EscalationReference)
    case addNote(String)
    case addTags([String])
    case removeTags([String])

    /// Whether applying it twice leaves the alert as applying it once (a note does not).
    public var isRepeatSafe: Bool {
        if case .addNote = self { return false }
        return true
    }

    /// A short verb for the screen: `ack`, `close`, `snooze`, …
    public var verb: String {
        switch self {
        case .acknowledge: "ack"
        case .unacknowledge: "unack"
        case .close: "close"
        case .snooze: "snooze"
        case .assign: "assign"
        case .escalate: "escalate"
        case .addNote: "note"
        case .addTags: "tag"
        case .removeTags: "untag"
        }
    }
}

/// What a backend gives back for an accepted write: enough to ask for its outcome later.
public struct ActionReceipt: Sendable, Hashable, Codable {
    /// The backend's id for the request (Opsgenie's `requestId`).
    public var requestId: String
    /// Creates a receipt.
    public init(requestId: String) { self.requestId = requestId }
}

/// Who is on call for one schedule: now, next, and when it changes.
public struct OnCallSummary: Sendable, Hashable, Codable {
    public var scheduleId: String
    public var scheduleName: String
    /// The schedule's time zone, when known.
    public var timezone: String?
    /// Names on call now.
    public var current: [String]
    /// Names on call after the next handoff.
    public var next: [String]
    /// When the current shift ends, when known.
    public var handoffAt: Date?
    /// Creates a summary.
    public init(scheduleId: String, scheduleName: String, timezone: String? = nil, current: [String], next: [String], handoffAt: Date?) {
        self.scheduleId = scheduleId; self.scheduleName = scheduleName; self.timezone = timezone
        self.current = current; self.next = next; self.handoffAt = handoffAt
    }
}

/// What the dashboard needs from an alerting service, independent of its URLs and auth.
///
/// ``OpsgenieBackend`` implements it over the Opsgenie REST API. A Jira Service Management
/// Operations backend (same alert actions under `/jsm/ops/api/{cloudId}/v1/…`, Basic auth)
/// implements the same protocol without the dashboard changing.
public protocol OperationsBackend: Sendable {
    /// The host shown on the status line.
    var hostDescription: String { get }
    /// The last rate-limit state per domain.
    var rateLimits: RateLimitTracker { get }
    /// Lists alerts for a query, at most `maxPages` pages.
    func alerts(_ query: AlertQuery, maxPages: Int) async throws(OpsgenieError) -> AlertPage
    /// Fetches one alert with description and details.
    func alert(id: String) async throws(OpsgenieError) -> Alert
    /// Recent notes of an alert.
    func notes(alertId: String, limit: Int) async throws(OpsgenieError) -> [AlertNote]
    /// Recent log entries of an alert.
    func logs(alertId: String, limit: Int) async throws(OpsgenieError) -> [AlertLog]
    /// All heartbeats.
    func heartbeats() async throws(OpsgenieError) -> [Heartbeat]
    /// Who is on call now and next, per schedule, at `now`.
    func onCall(at now: Date) async throws(OpsgenieError) -> [OnCallSummary]
    /// Users, for the assign picker.
    func users() async throws(OpsgenieError) -> [User]
    /// Escalations, for the escalate picker.
    func escalations() async throws(OpsgenieError) -> [Escalation]
    /// Saved searches, for quick filters.
    func savedSearches() async throws(OpsgenieError) -> [SavedSearchMeta]
    /// Sends a write; returns once the service accepted it.
    func perform(_ action: AlertAction, alertId: String, context: ActionContext) async throws(OpsgenieError) -> ActionReceipt
    /// Waits for the outcome of an accepted write; throws with the service's reason if it failed.
    func confirm(_ receipt: ActionReceipt, timeout: Duration) async throws(OpsgenieError) -> RequestStatus
}

/// ``OperationsBackend`` over the Opsgenie REST API.
public struct OpsgenieBackend: OperationsBackend {
    /// The client calls go through.
    public let client: OpsgenieClient

    /// Wraps a client.
    public init(client: OpsgenieClient) { self.client = client }

    public var hostDescription: String { client.configuration.region.host }
    public var rateLimits: RateLimitTracker { client.rateLimits }

    public func alerts(_ query: AlertQuery, maxPages: Int) async throws(OpsgenieError) -> AlertPage {
        try await client.listAlerts(query, maxPages: maxPages)
    }
    public func alert(id: String) async throws(OpsgenieError) -> Alert { try await client.getAlert(.id(id)) }
    public func notes(alertId: String, limit: Int) async throws(OpsgenieError) -> [AlertNote] {
        try await client.listNotes(.id(alertId), limit: limit)
    }
    public func logs(alertId: String, limit: Int) async throws(OpsgenieError) -> [AlertLog] {
        try await client.listLogs(.id(alertId), limit: limit)
    }
    public func heartbeats() async throws(OpsgenieError) -> [Heartbeat] { try await client.listHeartbeats() }
    public func users() async throws(OpsgenieError) -> [User] { try await client.listUsers() }
    public func escalations() async throws(OpsgenieError) -> [Escalation] { try await client.listEscalations() }
    public func savedSearches() async throws(OpsgenieError) -> [SavedSearchMeta] { try await client.listSavedSearches() }

    /// One schedule list plus one timeline per schedule: the final timeline gives who is on
    /// call now, when that shift ends and who comes next, overrides included.
    public func onCall(at now: Date) async throws(OpsgenieError) -> [OnCallSummary] {
        let schedules = try await client.listSchedules(expandRotations: false)
        var summaries: [OnCallSummary] = []
        for schedule in schedules where schedule.enabled != false {
            let timeline = try await client.timeline(schedule: .id(schedule.id), interval: 2, intervalUnit: .weeks, date: now)
            summaries.append(Self.summarize(schedule: schedule, timeline: timeline, at: now))
        }
        return summaries
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

    public func perform(_ action: AlertAction, alertId: String, context: ActionContext) async throws(OpsgenieError) -> ActionReceipt {
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
        }
        return ActionReceipt(requestId: accepted.requestId)
    }

    public func confirm(_ receipt: ActionReceipt, timeout: Duration) async throws(OpsgenieError) -> RequestStatus {
        try await client.awaitOutcome(of: receipt.requestId, timeout: timeout)
    }
}

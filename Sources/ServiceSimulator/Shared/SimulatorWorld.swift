import Foundation
import OpsgenieKit

/// The body of `POST /v2/alerts`, as the simulator decodes it: its own type, not OpsgenieKit's, so a
/// mistake in the client's encoding is not mirrored here.
struct CreateAlertRequest: Codable, Sendable {
    var message: String?
    var alias: String?
    var description: String?
    var responders: [Recipient]?
    var tags: [String]?
    var details: [String: String]?
    var entity: String?
    var source: String?
    var priority: String?
    var user: String?
    var note: String?
}

/// Something a scenario makes happen at a simulated time.
enum ScenarioEvent: Sendable {
    /// An alert fires (deduplicated by alias while open); closes itself after `autoCloseAfter` if set.
    case fire(CreateAlertRequest, autoCloseAfter: TimeInterval?)
    /// A heartbeat stops pinging.
    case stopHeartbeat(String)
    /// A heartbeat pings again.
    case resumeHeartbeat(String)
}

/// A heartbeat and whether its system is alive.
struct SimulatedHeartbeat: Sendable {
    var heartbeat: Heartbeat
    var alive: Bool
    var alertRaised = false
}

/// Everything the simulator knows: the account's data and what is pending.
struct SimulatorWorld: Sendable {
    var alerts: [String: Alert] = [:]
    var creationOrder: [String] = []
    var openAliases: [String: String] = [:]
    var notes: [String: [AlertNote]] = [:]
    var logs: [String: [AlertLog]] = [:]
    var autoCloseAt: [String: Date] = [:]
    var escalated: Set<String> = []
    var nextTinyId = 1
    var heartbeats: [String: SimulatedHeartbeat] = [:]
    var heartbeatOrder: [String] = []
    var schedules: [Schedule] = []
    var users: [User] = []
    var teams: [Team] = []
    var escalations: [Escalation] = []
    var savedSearches: [(meta: SavedSearchMeta, query: String)] = []
    /// Incidents (v1), their notes, logs and pending writes.
    var incidents = IncidentStore()
    var account = AccountInfo(name: "vigil-demo", userCount: 0, plan: AccountPlan(maxUserCount: 100, name: "Enterprise", isYearly: true))
    var processed: [String: RequestStatus] = [:]
    var pending: [(requestId: String, applyAt: ContinuousClock.Instant, operation: WriteOperation)] = []
    /// The `user` a pending write's body named, by request id: the log, notes and owner say who acted.
    var writers: [String: String] = [:]
    /// Who the write being applied is recorded as.
    var writer = SimulatorWorld.defaultWriter
    var events: [(at: Date, event: ScenarioEvent)] = []
    var eventCursor = 0
    var lastAdvance: Date
    /// Unacknowledged P1/P2 alerts escalate after this long.
    var escalateAfter: TimeInterval = 600
    var nextId: UInt64 = 1

    init(start: Date) { lastAdvance = start }

    var teamNames: [String: String] { Dictionary(teams.map { ($0.id, $0.name ?? $0.id) }, uniquingKeysWith: { a, _ in a }) }

    mutating func makeId(_ prefix: String) -> String {
        defer { nextId += 1 }
        return String(format: "%@-%08llx-%04llx", prefix, nextId &* 2_654_435_761 % 0xFFFF_FFFF, nextId % 0xFFFF)
    }

    // MARK: Alerts

    mutating func log(_ id: String, _ text: String, by owner: String, at date: Date, type: String = "system") {
        logs[id, default: []].append(AlertLog(log: text, type: type, owner: owner, createdAt: date,
                                               offset: String(Int64(date.timeIntervalSince1970 * 1000))))
    }

    /// Creates an alert, or bumps the open one with the same alias.
    mutating func create(_ request: CreateAlertRequest, at date: Date, by owner: String) -> RequestStatus {
        if let alias = request.alias, let existingId = openAliases[alias], var existing = alerts[existingId], existing.status == .open {
            existing.count = (existing.count ?? 1) + 1
            existing.lastOccurredAt = date
            existing.updatedAt = date
            alerts[existingId] = existing
            log(existingId, "Alert is deduplicated (count: \(existing.count ?? 1))", by: owner, at: date)
            return RequestStatus(action: "Create", processedAt: date, isSuccess: true, status: "Alert deduplicated",
                                 alertId: existingId, alias: alias)
        }
        let id = makeId("alert")
        let tiny = String(nextTinyId)
        nextTinyId += 1
        let alert = Alert(
            id: id, tinyId: tiny, alias: request.alias ?? id, message: request.message, status: .open, acknowledged: false,
            isSeen: false, tags: request.tags ?? [], snoozed: false, count: 1, lastOccurredAt: date, createdAt: date,
            updatedAt: date, source: request.source ?? owner, owner: "",
            priority: AlertPriority(rawValue: request.priority ?? "P3"),
            responders: (request.responders ?? []).map { Responder(type: $0.type, id: $0.id ?? teamId(named: $0.name), name: $0.name) },
            integration: AlertIntegration(id: "sim-integration", name: "Simulator", type: "API"),
            report: AlertReport(), ownerTeamId: (request.responders ?? []).first(where: { $0.type == "team" }).flatMap { $0.id ?? teamId(named: $0.name) },
            actions: request.priority.map { ["P1", "P2", "P3"].contains($0) } == true ? ["Restart service", "Run diagnostics", "Fail over"] : [], entity: request.entity ?? "", description: request.description ?? "", details: request.details ?? [:])
        alerts[id] = alert
        creationOrder.append(id)
        openAliases[alert.alias ?? id] = id
        log(id, "Alert created via \(request.source ?? "API")", by: owner, at: date)
        if let note = request.note { notes[id, default: []].append(AlertNote(note: note, owner: request.user ?? owner, createdAt: date)) }
        return RequestStatus(action: "Create", processedAt: date, isSuccess: true, status: "Created alert", alertId: id, alias: alert.alias)
    }

    func teamId(named name: String?) -> String? {
        guard let name else { return nil }
        return teams.first { $0.name == name }?.id
    }

    mutating func closeAlert(_ id: String, by owner: String, at date: Date, reason: String) {
        guard var alert = alerts[id] else { return }
        alert.status = .closed
        alert.snoozed = false
        alert.snoozedUntil = nil
        alert.updatedAt = date
        var report = alert.report ?? AlertReport()
        report.closeTime = Int64(date.timeIntervalSince(alert.createdAt ?? date) * 1000)
        report.closedBy = owner
        alert.report = report
        alerts[id] = alert
        if let alias = alert.alias, openAliases[alias] == id { openAliases[alias] = nil }
        log(id, reason, by: owner, at: date)
    }

    /// Resolves an identifier of any type to an alert id.
    func resolve(_ identifier: String, type: String) -> String? {
        switch type {
        case "alias": return openAliases[identifier] ?? creationOrder.last { alerts[$0]?.alias == identifier }
        case "tiny": return creationOrder.last { alerts[$0]?.tinyId == identifier }
        default: return alerts[identifier] != nil ? identifier : nil
        }
    }

    /// The alert with snooze expiry applied at `now` (a snooze ends by itself).
    func current(_ id: String, at now: Date) -> Alert? {
        guard var alert = alerts[id] else { return nil }
        if alert.snoozed == true, let until = alert.snoozedUntil, until <= now {
            alert.snoozed = false
            alert.snoozedUntil = nil
        }
        return alert
    }
}

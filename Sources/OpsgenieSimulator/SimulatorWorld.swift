import Foundation
import OpsgenieKit

/// A write accepted with 202 and applied later, as Opsgenie does.
enum WriteOperation: Sendable {
    case create(CreateAlertRequest)
    case acknowledge(alertId: String)
    case unacknowledge(alertId: String)
    case close(alertId: String)
    case snooze(alertId: String, endTime: Date)
    case assign(alertId: String, owner: Recipient)
    case escalate(alertId: String, escalation: Recipient)
    case addNote(alertId: String, note: String)
    case addTags(alertId: String, tags: [String])
    case removeTags(alertId: String, tags: [String])

    var actionName: String {
        switch self {
        case .create: "Create"
        case .acknowledge: "Acknowledge"
        case .unacknowledge: "UnAcknowledge"
        case .close: "Close"
        case .snooze: "Snooze"
        case .assign: "Assign Ownership"
        case .escalate: "Escalate"
        case .addNote: "Add Note"
        case .addTags: "Add Tags"
        case .removeTags: "Remove Tags"
        }
    }
}

/// The body of `POST /v2/alerts`.
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
    var incidents: [Incident] = []
    var account = AccountInfo(name: "vigil-demo", userCount: 0, plan: AccountPlan(maxUserCount: 100, name: "Enterprise", isYearly: true))
    var processed: [String: RequestStatus] = [:]
    var pending: [(requestId: String, applyAt: ContinuousClock.Instant, operation: WriteOperation)] = []
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

    // MARK: Time

    /// Applies scenario events, heartbeats, auto-closes, escalations up to `now`, and writes whose delay has passed.
    mutating func advance(to now: Date, realNow: ContinuousClock.Instant) {
        if now > lastAdvance {
            while eventCursor < events.count, events[eventCursor].at <= now {
                let (at, event) = events[eventCursor]
                eventCursor += 1
                apply(event, at: at)
            }
            advanceHeartbeats(to: now)
            for (id, at) in autoCloseAt where at <= now {
                autoCloseAt[id] = nil
                if alerts[id]?.status == .open { closeAlert(id, by: "System", at: at, reason: "Alert auto-closed") }
            }
            escalateUnacknowledged(at: now)
            lastAdvance = now
        }
        let due = pending.filter { $0.applyAt <= realNow }
        if !due.isEmpty {
            pending.removeAll { $0.applyAt <= realNow }
            for write in due { processed[write.requestId] = apply(write.operation, at: max(now, lastAdvance)) }
        }
    }

    private mutating func apply(_ event: ScenarioEvent, at date: Date) {
        switch event {
        case .fire(let request, let autoClose):
            let status = create(request, at: date, by: request.source ?? "monitoring")
            if let autoClose, let id = status.alertId { autoCloseAt[id] = date.addingTimeInterval(autoClose) }
        case .stopHeartbeat(let name): heartbeats[name]?.alive = false
        case .resumeHeartbeat(let name):
            heartbeats[name]?.alive = true
            heartbeats[name]?.heartbeat.lastPingTime = date
            heartbeats[name]?.heartbeat.expired = false
        }
    }

    private mutating func advanceHeartbeats(to now: Date) {
        for name in heartbeatOrder {
            guard var sim = heartbeats[name], sim.heartbeat.enabled != false, let interval = sim.heartbeat.intervalDuration else { continue }
            let seconds = interval.timeInterval
            if sim.alive {
                // A live system pings a little before each interval ends.
                let last = sim.heartbeat.lastPingTime ?? now
                let step = seconds * 0.8
                if now.timeIntervalSince(last) >= step {
                    let pings = floor(now.timeIntervalSince(last) / step)
                    sim.heartbeat.lastPingTime = last.addingTimeInterval(pings * step)
                }
                sim.heartbeat.expired = false
            } else if let last = sim.heartbeat.lastPingTime, now.timeIntervalSince(last) > seconds, sim.heartbeat.expired != true {
                sim.heartbeat.expired = true
                if !sim.alertRaised {
                    sim.alertRaised = true
                    heartbeats[name] = sim
                    _ = create(CreateAlertRequest(message: "HeartbeatName \(name) is expired", alias: "heartbeat-\(name)",
                                                  description: "No ping received from \(name) in the last \(sim.heartbeat.interval ?? 0) \(sim.heartbeat.intervalUnit?.rawValue ?? "minutes").",
                                                  tags: ["heartbeat"], source: "Heartbeat", priority: "P2"),
                               at: last.addingTimeInterval(seconds), by: "Heartbeat")
                    continue
                }
            }
            heartbeats[name] = sim
        }
    }

    private mutating func escalateUnacknowledged(at now: Date) {
        guard let escalation = escalations.first else { return }
        for id in creationOrder.suffix(2000) where !escalated.contains(id) {
            guard let alert = alerts[id], alert.status == .open, alert.acknowledged != true,
                  let priority = alert.priority, priority <= .p2,
                  let created = alert.createdAt, now.timeIntervalSince(created) >= escalateAfter else { continue }
            escalated.insert(id)
            var updated = alert
            updated.responders = (updated.responders ?? []) + [Responder(type: "escalation", id: escalation.id, name: escalation.name)]
            updated.updatedAt = now
            alerts[id] = updated
            log(id, "Alert escalated to \(escalation.name ?? escalation.id): not acknowledged in \(Int(escalateAfter / 60)) minutes", by: "System", at: created.addingTimeInterval(escalateAfter))
        }
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
            actions: [], entity: request.entity ?? "", description: request.description ?? "", details: request.details ?? [:])
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

    private func fail(_ op: WriteOperation, _ reason: String, alertId: String?, at date: Date) -> RequestStatus {
        RequestStatus(action: op.actionName, processedAt: date, isSuccess: false, status: reason, alertId: alertId,
                      alias: alertId.flatMap { alerts[$0]?.alias })
    }

    /// Applies a write and reports its outcome as request status will.
    mutating func apply(_ op: WriteOperation, at date: Date) -> RequestStatus {
        let who = "vigil"
        func ok(_ id: String, _ status: String) -> RequestStatus {
            RequestStatus(action: op.actionName, processedAt: date, integrationId: "sim-integration", isSuccess: true,
                          status: status, alertId: id, alias: alerts[id]?.alias)
        }
        switch op {
        case .create(let request):
            return create(request, at: date, by: request.user ?? who)
        case .acknowledge(let id):
            guard var alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
            guard alert.status == .open else { return fail(op, "Alert is closed", alertId: id, at: date) }
            if alert.acknowledged != true {
                alert.acknowledged = true
                alert.isSeen = true
                alert.updatedAt = date
                var report = alert.report ?? AlertReport()
                report.ackTime = Int64(date.timeIntervalSince(alert.createdAt ?? date) * 1000)
                report.acknowledgedBy = who
                alert.report = report
                alerts[id] = alert
                log(id, "Alert acknowledged via Vigil", by: who, at: date)
            }
            return ok(id, "Acknowledged")
        case .unacknowledge(let id):
            guard var alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
            guard alert.status == .open else { return fail(op, "Alert is closed", alertId: id, at: date) }
            alert.acknowledged = false
            alert.updatedAt = date
            alerts[id] = alert
            log(id, "Alert unacknowledged via Vigil", by: who, at: date)
            return ok(id, "Unacknowledged")
        case .close(let id):
            guard let alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
            guard alert.status == .open else { return fail(op, "Alert is already closed", alertId: id, at: date) }
            closeAlert(id, by: who, at: date, reason: "Alert closed via Vigil")
            return ok(id, "Closed")
        case .snooze(let id, let endTime):
            guard var alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
            guard alert.status == .open else { return fail(op, "Alert is closed", alertId: id, at: date) }
            guard endTime > date else { return fail(op, "End time must be in the future", alertId: id, at: date) }
            alert.snoozed = true
            alert.snoozedUntil = endTime
            alert.updatedAt = date
            alerts[id] = alert
            log(id, "Alert snoozed until \(ServiceJSON.formatDate(endTime))", by: who, at: date)
            return ok(id, "Snoozed")
        case .assign(let id, let owner):
            guard var alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
            guard let user = users.first(where: { ($0.id == owner.id && owner.id != nil) || ($0.username == owner.username && owner.username != nil) }) else {
                return fail(op, "User [\(owner.username ?? owner.id ?? "?")] does not exist", alertId: id, at: date)
            }
            alert.owner = user.username
            alert.updatedAt = date
            alerts[id] = alert
            log(id, "Alert owner changed to \(user.username ?? user.id)", by: who, at: date)
            return ok(id, "Assigned ownership")
        case .escalate(let id, let target):
            guard var alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
            guard let escalation = escalations.first(where: { ($0.id == target.id && target.id != nil) || ($0.name == target.name && target.name != nil) }) else {
                return fail(op, "Escalation [\(target.name ?? target.id ?? "?")] does not exist", alertId: id, at: date)
            }
            alert.responders = (alert.responders ?? []) + [Responder(type: "escalation", id: escalation.id, name: escalation.name)]
            alert.updatedAt = date
            alerts[id] = alert
            log(id, "Alert escalated to \(escalation.name ?? escalation.id)", by: who, at: date)
            return ok(id, "Escalated")
        case .addNote(let id, let note):
            guard alerts[id] != nil else { return fail(op, "Alert does not exist", alertId: id, at: date) }
            notes[id, default: []].append(AlertNote(note: note, owner: who, createdAt: date,
                                                    offset: String(Int64(date.timeIntervalSince1970 * 1000))))
            log(id, "Note added", by: who, at: date)
            return ok(id, "Note added")
        case .addTags(let id, let tags):
            guard var alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
            var current = alert.tags ?? []
            for tag in tags where !current.contains(tag) { current.append(tag) }
            alert.tags = current
            alerts[id] = alert
            return ok(id, "Tags added")
        case .removeTags(let id, let tags):
            guard var alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
            alert.tags = (alert.tags ?? []).filter { !tags.contains($0) }
            alerts[id] = alert
            return ok(id, "Tags removed")
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

    // MARK: Schedules

    /// Who a rotation has on call at `date`, and that shift's bounds.
    static func shift(of rotation: ScheduleRotation, at date: Date) -> (recipient: Recipient, start: Date, end: Date)? {
        guard let start = rotation.startDate, let participants = rotation.participants, !participants.isEmpty, date >= start else { return nil }
        if let end = rotation.endDate, date >= end { return nil }
        let unit: TimeInterval
        switch rotation.type?.rawValue ?? "weekly" {
        case "hourly": unit = 3600
        case "daily": unit = 86400
        default: unit = 7 * 86400
        }
        let length = unit * Double(max(1, rotation.length ?? 1))
        let index = Int(floor(date.timeIntervalSince(start) / length))
        let shiftStart = start.addingTimeInterval(Double(index) * length)
        return (participants[index % participants.count], shiftStart, shiftStart.addingTimeInterval(length))
    }

    func name(of recipient: Recipient) -> String {
        if let username = recipient.username { return username }
        if let id = recipient.id, let user = users.first(where: { $0.id == id }) { return user.username ?? id }
        return recipient.name ?? recipient.id ?? "nobody"
    }

    func onCallNames(_ schedule: Schedule, at date: Date) -> [String] {
        (schedule.rotations ?? []).compactMap { Self.shift(of: $0, at: date) }.map { name(of: $0.recipient) }
    }

    /// The final timeline of a schedule between two dates.
    func timeline(_ schedule: Schedule, from start: Date, to end: Date) -> ScheduleTimeline {
        var rotations: [TimelineRotation] = []
        for (order, rotation) in (schedule.rotations ?? []).enumerated() {
            var periods: [TimelinePeriod] = []
            var cursor = start
            var guardCount = 0
            while cursor < end, guardCount < 1000, let shift = Self.shift(of: rotation, at: cursor) {
                guardCount += 1
                let user = shift.recipient
                periods.append(TimelinePeriod(startDate: max(shift.start, start), endDate: min(shift.end, end),
                                              type: shift.end <= start ? "historical" : "default",
                                              recipient: TimelineRecipient(id: user.id, name: name(of: user), type: user.type?.rawValue ?? "user")))
                cursor = shift.end
            }
            rotations.append(TimelineRotation(id: rotation.id, name: rotation.name, order: Double(order + 1), periods: periods))
        }
        return ScheduleTimeline(parent: ScheduleMeta(id: schedule.id, name: schedule.name, enabled: schedule.enabled),
                                startDate: start, endDate: end, finalTimeline: Timeline(rotations: rotations))
    }
}

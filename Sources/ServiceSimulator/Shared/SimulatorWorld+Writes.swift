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
    /// Runs one of the alert's custom actions (backed by an action channel).
    case customAction(alertId: String, action: String)
    /// JSM's custom action: an unknown name is accepted and does nothing (the API cannot list an alert's actions).
    case jsmCustomAction(alertId: String, action: String)

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
        case .customAction, .jsmCustomAction: "Execute Custom Action"
        }
    }
}

/// Applying accepted writes: each one changes the world and reports its outcome as request status will.
extension SimulatorWorld {
    /// Who the simulator records as making writes that came through the API without a `user`.
    static let defaultWriter = "vigil"

    /// Applies a write and reports its outcome as request status will.
    mutating func apply(_ op: WriteOperation, at date: Date) -> RequestStatus {
        switch op {
        case .create(let request): create(request, at: date, by: request.user ?? writer)
        case .acknowledge(let id): acknowledge(id, op, at: date)
        case .unacknowledge(let id): unacknowledge(id, op, at: date)
        case .close(let id): close(id, op, at: date)
        case .snooze(let id, let endTime): snooze(id, until: endTime, op, at: date)
        case .assign(let id, let owner): assign(id, to: owner, op, at: date)
        case .escalate(let id, let target): escalate(id, to: target, op, at: date)
        case .addNote(let id, let note): addNote(id, note, op, at: date)
        case .addTags(let id, let tags): addTags(id, tags, op, at: date)
        case .removeTags(let id, let tags): removeTags(id, tags, op, at: date)
        case .customAction(let id, let action): runCustomAction(id, action, op, at: date)
        case .jsmCustomAction(let id, let action):
            if let alert = alerts[id], !(alert.actions ?? []).contains(action) {
                succeeded(op, id, "Executed custom action", at: date)  // nothing runs, and nothing says so
            } else {
                runCustomAction(id, action, op, at: date)
            }
        }
    }

    /// The scenario's action channels: every action but `Fail over` succeeds.
    private mutating func runCustomAction(_ id: String, _ action: String, _ op: WriteOperation, at date: Date) -> RequestStatus {
        guard let alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
        guard (alert.actions ?? []).contains(action) else { return fail(op, "Action [\(action)] is not defined for this alert", alertId: id, at: date) }
        if action == "Fail over" {
            log(id, "Custom action [\(action)] failed: no healthy standby", by: writer, at: date)
            return fail(op, "Action channel reported: no healthy standby to fail over to", alertId: id, at: date)
        }
        log(id, "Custom action [\(action)] executed via Vigil", by: writer, at: date)
        return succeeded(op, id, "Executed custom action", at: date)
    }

    private func succeeded(_ op: WriteOperation, _ id: String, _ status: String, at date: Date) -> RequestStatus {
        RequestStatus(action: op.actionName, processedAt: date, integrationId: "sim-integration", isSuccess: true,
                      status: status, alertId: id, alias: alerts[id]?.alias)
    }

    private func fail(_ op: WriteOperation, _ reason: String, alertId: String?, at date: Date) -> RequestStatus {
        RequestStatus(action: op.actionName, processedAt: date, isSuccess: false, status: reason, alertId: alertId,
                      alias: alertId.flatMap { alerts[$0]?.alias })
    }

    // MARK: State

    private mutating func acknowledge(_ id: String, _ op: WriteOperation, at date: Date) -> RequestStatus {
        guard var alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
        guard alert.status == .open else { return fail(op, "Alert is closed", alertId: id, at: date) }
        if alert.acknowledged != true {
            alert.acknowledged = true
            alert.isSeen = true
            alert.updatedAt = date
            var report = alert.report ?? AlertReport()
            report.ackTime = Int64(date.timeIntervalSince(alert.createdAt ?? date) * 1000)
            report.acknowledgedBy = writer
            alert.report = report
            // Whoever acknowledges an unowned alert owns it, as the services show it (the
            // acknowledger becomes the owner); an owner already assigned stays.
            if (alert.owner ?? "").isEmpty, !writer.isEmpty { alert.owner = writer }
            alerts[id] = alert
            log(id, "Alert acknowledged via Vigil", by: writer, at: date)
        }
        return succeeded(op, id, "Acknowledged", at: date)
    }

    private mutating func unacknowledge(_ id: String, _ op: WriteOperation, at date: Date) -> RequestStatus {
        guard var alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
        guard alert.status == .open else { return fail(op, "Alert is closed", alertId: id, at: date) }
        alert.acknowledged = false
        alert.updatedAt = date
        alerts[id] = alert
        log(id, "Alert unacknowledged via Vigil", by: writer, at: date)
        return succeeded(op, id, "Unacknowledged", at: date)
    }

    private mutating func close(_ id: String, _ op: WriteOperation, at date: Date) -> RequestStatus {
        guard let alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
        guard alert.status == .open else { return fail(op, "Alert is already closed", alertId: id, at: date) }
        closeAlert(id, by: writer, at: date, reason: "Alert closed via Vigil")
        return succeeded(op, id, "Closed", at: date)
    }

    private mutating func snooze(_ id: String, until endTime: Date, _ op: WriteOperation, at date: Date) -> RequestStatus {
        guard var alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
        guard alert.status == .open else { return fail(op, "Alert is closed", alertId: id, at: date) }
        guard endTime > date else { return fail(op, "End time must be in the future", alertId: id, at: date) }
        alert.snoozed = true
        alert.snoozedUntil = endTime
        alert.updatedAt = date
        alerts[id] = alert
        log(id, "Alert snoozed until \(ServiceJSON.formatDate(endTime))", by: writer, at: date)
        return succeeded(op, id, "Snoozed", at: date)
    }

    // MARK: People

    private mutating func assign(_ id: String, to owner: Recipient, _ op: WriteOperation, at date: Date) -> RequestStatus {
        guard var alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
        guard let user = users.first(where: { ($0.id == owner.id && owner.id != nil) || ($0.username == owner.username && owner.username != nil) }) else {
            return fail(op, "User [\(owner.username ?? owner.id ?? "?")] does not exist", alertId: id, at: date)
        }
        alert.owner = user.username
        alert.updatedAt = date
        alerts[id] = alert
        log(id, "Alert owner changed to \(user.username ?? user.id)", by: writer, at: date)
        return succeeded(op, id, "Assigned ownership", at: date)
    }

    private mutating func escalate(_ id: String, to target: Recipient, _ op: WriteOperation, at date: Date) -> RequestStatus {
        guard var alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
        guard let escalation = escalations.first(where: { ($0.id == target.id && target.id != nil) || ($0.name == target.name && target.name != nil) }) else {
            return fail(op, "Escalation [\(target.name ?? target.id ?? "?")] does not exist", alertId: id, at: date)
        }
        alert.responders = (alert.responders ?? []) + [Responder(type: "escalation", id: escalation.id, name: escalation.name)]
        alert.updatedAt = date
        alerts[id] = alert
        log(id, "Alert escalated to \(escalation.name ?? escalation.id)", by: writer, at: date)
        return succeeded(op, id, "Escalated", at: date)
    }

    // MARK: Notes and tags

    private mutating func addNote(_ id: String, _ note: String, _ op: WriteOperation, at date: Date) -> RequestStatus {
        guard alerts[id] != nil else { return fail(op, "Alert does not exist", alertId: id, at: date) }
        notes[id, default: []].append(AlertNote(note: note, owner: writer, createdAt: date,
                                                offset: String(Int64(date.timeIntervalSince1970 * 1000))))
        log(id, "Note added", by: writer, at: date)
        return succeeded(op, id, "Note added", at: date)
    }

    private mutating func addTags(_ id: String, _ tags: [String], _ op: WriteOperation, at date: Date) -> RequestStatus {
        guard var alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
        var current = alert.tags ?? []
        for tag in tags where !current.contains(tag) { current.append(tag) }
        alert.tags = current
        alerts[id] = alert
        return succeeded(op, id, "Tags added", at: date)
    }

    private mutating func removeTags(_ id: String, _ tags: [String], _ op: WriteOperation, at date: Date) -> RequestStatus {
        guard var alert = alerts[id] else { return fail(op, "Alert does not exist", alertId: id, at: date) }
        alert.tags = (alert.tags ?? []).filter { !tags.contains($0) }
        alerts[id] = alert
        return succeeded(op, id, "Tags removed", at: date)
    }
}

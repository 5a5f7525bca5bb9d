import Foundation
import OpsgenieKit

// The Incident API (v1) as published sources describe it:
// - the API description Vigil was specified from (shared/seeds, "OpsGenie Incident API"): create, list, get,
//   delete, close, resolve and request status, `impactedServices` and `details` on an incident;
// - Opsgenie's swagger (opsgenie-oas, `BaseIncident`, `IncidentRequestStatus`, `CreateIncidentPayload`):
//   `extraProperties`, `serviceId` and `note` on create, `success`/`isSuccess`/`incidentId` on request status;
// - docs.opsgenie.com/docs/incident-api, "Get Request Status": a resolve of an incident that does not exist is
//   accepted and then fails with "Incident does not exist";
// - opsgenie-go-sdk-v2, package incident (`AddNoteRequest`, `ListNotesRequest`, `ListLogsRequest`):
//   `POST /v1/incidents/{id}/notes` with `{"note"}`, `GET /v1/incidents/{id}/notes` and `/logs` with
//   limit, offset, order and direction, entries shaped as `NoteResult` and `LogResult`.

/// The body of `POST /v1/incidents/create`, as the simulator reads it: its own type, not OpsgenieKit's, so a
/// mistake in the client's encoding is not mirrored here. `statusPageEntry` is not read (the seed and the
/// swagger disagree on its shape, and nothing here shows a status page).
struct CreateIncidentRequest: Codable, Sendable {
    var message: String?
    var description: String?
    var responders: [Recipient]?
    var tags: [String]?
    var details: [String: String]?
    var priority: String?
    var impactedServices: [String]?
    var note: String?
    var serviceId: String?
    var notifyStakeholders: Bool?
}

/// An incident write accepted with 202 and applied after the processing delay, as Opsgenie does.
enum IncidentWrite: Sendable {
    case create(CreateIncidentRequest)
    /// `nil`: the identifier named no incident; the request is still accepted and fails when processed.
    case resolve(incidentId: String?, note: String?)
    case close(incidentId: String, note: String?)
    case delete(incidentId: String)
    case addNote(incidentId: String, note: String)

    /// The `action` request status reports.
    var actionName: String {
        switch self {
        case .create: "Create"
        case .resolve: "Resolve"
        case .close: "Close"
        case .delete: "Delete"
        case .addNote: "Add Note"
        }
    }
}

/// What `GET /v1/incidents/requests/{requestId}` answers: the swagger's `IncidentRequestStatus`.
struct IncidentRequestOutcome: Codable, Sendable {
    var success: Bool
    var action: String
    var processedAt: Date
    var integrationId: String
    var isSuccess: Bool
    var status: String
    /// Empty when the request named no incident (as in the documented failure sample).
    var incidentId: String
}

/// An incident on the wire: every field of ``Incident``, with its details also under `extraProperties`
/// (the swagger's name for them; the seed's is `details`).
struct IncidentWire: Encodable {
    var incident: Incident
    private enum Keys: String, CodingKey { case extraProperties }
    func encode(to encoder: any Encoder) throws {
        try incident.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encodeIfPresent(incident.details, forKey: .extraProperties)
    }
}

/// The account's incidents, their notes and logs, and the incident writes not yet processed.
struct IncidentStore: Sendable {
    /// Every incident, in creation order.
    var all: [Incident] = []
    var notes: [String: [AlertNote]] = [:]
    var logs: [String: [AlertLog]] = [:]
    var pending: [(requestId: String, applyAt: ContinuousClock.Instant, write: IncidentWrite)] = []
    var processed: [String: IncidentRequestOutcome] = [:]
    var nextTinyId = 1

    /// The incident with this id.
    func incident(_ id: String) -> Incident? { all.first { $0.id == id } }

    /// Resolves an identifier of `type` (`id` or `tiny`) to an incident id.
    func resolve(_ identifier: String, type: String) -> String? {
        all.first { type == "tiny" ? $0.tinyId == identifier : $0.id == identifier }?.id
    }

    /// Adds an incident that is already there when the scenario starts, with its log and notes.
    mutating func seed(_ incident: Incident, notes seeded: [AlertNote] = [], log seededLog: [String] = []) {
        all.append(incident)
        nextTinyId = max(nextTinyId, (Int(incident.tinyId ?? "") ?? 0) + 1)
        let created = incident.createdAt ?? Date(timeIntervalSince1970: 0)
        for (i, text) in (["Incident created"] + seededLog).enumerated() {
            append(log: text, to: incident.id, by: "System", at: created.addingTimeInterval(Double(i) * 60))
        }
        for note in seeded { append(note: note.note ?? "", to: incident.id, by: note.owner ?? "System", at: note.createdAt ?? created) }
    }

    mutating func append(log text: String, to id: String, by owner: String, at date: Date) {
        logs[id, default: []].append(AlertLog(log: text, type: "system", owner: owner, createdAt: date, offset: Self.offset(date)))
    }

    mutating func append(note text: String, to id: String, by owner: String, at date: Date) {
        notes[id, default: []].append(AlertNote(note: text, owner: owner, createdAt: date, offset: Self.offset(date)))
    }

    private static func offset(_ date: Date) -> String { String(Int64(date.timeIntervalSince1970 * 1000)) }
}

/// Applying accepted incident writes: each changes the incidents and reports its outcome as request status will.
extension SimulatorWorld {
    /// Who the simulator records as making incident writes that came through the API.
    private static let incidentWriter = "vigil"

    /// Applies the incident writes whose processing delay has passed.
    mutating func applyDueIncidentWrites(realNow: ContinuousClock.Instant, at date: Date) {
        let due = incidents.pending.filter { $0.applyAt <= realNow }
        guard !due.isEmpty else { return }
        incidents.pending.removeAll { $0.applyAt <= realNow }
        for write in due { incidents.processed[write.requestId] = apply(write.write, at: date) }
    }

    /// Applies one incident write.
    mutating func apply(_ write: IncidentWrite, at date: Date) -> IncidentRequestOutcome {
        switch write {
        case .create(let request): return createIncident(request, at: date)
        case .resolve(let id, let note):
            guard let id else { return outcome(write, false, "Incident does not exist", id: "", at: date) }
            return transition(id, to: "resolved", from: ["open"], note: note, write, at: date)
        case .close(let id, let note): return transition(id, to: "closed", from: ["open", "resolved"], note: note, write, at: date)
        case .delete(let id):
            guard incidents.incident(id) != nil else { return outcome(write, false, "Incident does not exist", id: id, at: date) }
            incidents.all.removeAll { $0.id == id }
            incidents.notes[id] = nil
            incidents.logs[id] = nil
            return outcome(write, true, "Deleted incident", id: id, at: date)
        case .addNote(let id, let note):
            guard incidents.incident(id) != nil else { return outcome(write, false, "Incident does not exist", id: id, at: date) }
            incidents.append(note: note, to: id, by: Self.incidentWriter, at: date)
            incidents.append(log: "Note added", to: id, by: Self.incidentWriter, at: date)
            return outcome(write, true, "Note added", id: id, at: date)
        }
    }

    private func outcome(_ write: IncidentWrite, _ success: Bool, _ status: String, id: String, at date: Date) -> IncidentRequestOutcome {
        IncidentRequestOutcome(success: success, action: write.actionName, processedAt: date, integrationId: "sim-integration",
                               isSuccess: success, status: status, incidentId: id)
    }

    private mutating func createIncident(_ request: CreateIncidentRequest, at date: Date) -> IncidentRequestOutcome {
        var responders: [Responder] = []
        for recipient in request.responders ?? [] {
            guard let responder = responder(recipient) else {
                let name = recipient.name ?? recipient.username ?? recipient.id ?? "?"
                return outcome(.create(request), false, "Responder [\(name)] does not exist", id: "", at: date)
            }
            responders.append(responder)
        }
        let id = makeId("incident")
        let tiny = String(incidents.nextTinyId)
        incidents.nextTinyId += 1
        var services = request.impactedServices ?? []
        if let service = request.serviceId, !services.contains(service) { services.append(service) }
        let incident = Incident(
            id: id, tinyId: tiny, message: request.message, status: "open", isSeen: false, tags: request.tags ?? [],
            createdAt: date, updatedAt: date, source: Self.incidentWriter, owner: "",
            priority: AlertPriority(rawValue: request.priority ?? "P3"), responders: responders,
            ownerTeam: responders.first { $0.type == .team }?.id, description: request.description ?? "",
            impactedServices: services, details: request.details ?? [:])
        incidents.all.append(incident)
        incidents.append(log: "Incident created via API", to: id, by: Self.incidentWriter, at: date)
        if let note = request.note, !note.isEmpty { incidents.append(note: note, to: id, by: Self.incidentWriter, at: date) }
        return outcome(.create(request), true, "Created incident", id: id, at: date)
    }

    /// The team or user a recipient names (by id, name or username), as a responder with its id.
    private func responder(_ recipient: Recipient) -> Responder? {
        if recipient.type == .user {
            let login = recipient.username ?? recipient.name
            let user = users.first { ($0.id == recipient.id && recipient.id != nil) || ($0.username == login && login != nil) }
            return user.map { Responder(type: .user, id: $0.id, name: $0.fullName, username: $0.username) }
        }
        let team = teams.first { ($0.id == recipient.id && recipient.id != nil) || ($0.name == recipient.name && recipient.name != nil) }
        return team.map { Responder(type: .team, id: $0.id, name: $0.name) }
    }

    /// Moves an incident to `status` if it is in one of `from`; otherwise the write fails with the reason.
    private mutating func transition(_ id: String, to status: String, from allowed: Set<String>, note: String?,
                                     _ write: IncidentWrite, at date: Date) -> IncidentRequestOutcome {
        guard let index = incidents.all.firstIndex(where: { $0.id == id }) else {
            return outcome(write, false, "Incident does not exist", id: id, at: date)
        }
        let current = incidents.all[index].status ?? "open"
        guard allowed.contains(current) else {
            let reason = current == status ? "Incident is already \(status)" : "Incident is \(current): it can not be \(status)"
            return outcome(write, false, reason, id: id, at: date)
        }
        incidents.all[index].status = status
        incidents.all[index].updatedAt = date
        incidents.append(log: "Incident \(status) via API", to: id, by: Self.incidentWriter, at: date)
        if let note, !note.isEmpty { incidents.append(note: note, to: id, by: Self.incidentWriter, at: date) }
        return outcome(write, true, status == "resolved" ? "Resolved incident" : "Closed incident", id: id, at: date)
    }
}

extension Simulator {
    /// Every incident, newest first, as the API would show it now (for tests and tools).
    public func allIncidents() -> [Incident] { withWorld { w, _ in w.incidents.all.reversed() } }

    /// The notes of an incident, oldest first.
    public func notes(incidentId: String) -> [AlertNote] { withWorld { w, _ in w.incidents.notes[incidentId] ?? [] } }
}

import Foundation
import OpsgenieKit

/// The Incident API (v1) under `/v1/incidents` (its sources are named in `SimulatorWorld+Incidents.swift`).
/// Reads answer at once; writes are checked, queued, and answered 202 with a request id whose outcome
/// `/v1/incidents/requests/{requestId}` gives once processed. Access rights are checked before anything else.
extension SimulatorResponder {
    /// Sort fields of `GET /v1/incidents` (the swagger's `ListIncidents`, the seed's `listIncidents`).
    static let incidentSortFields: Set<String> = ["createdAt", "tinyId", "message", "status", "isSeen", "owner"]

    /// Routes a request under `/v1/incidents`; `parts` is the path after it.
    func incidents(method: String, parts: [String], query: [String: String], body: Data, rights: AccessRights, host: String) throws -> Routed {
        switch (method, parts.count, parts.first) {
        case ("GET", 0, _):
            try rights.require(.read)
            return try listIncidents(query, host: host)
        case ("POST", 1, "create"):
            try rights.require(.createAndUpdate)
            return try createIncident(body)
        case ("GET", 2, "requests"):
            try rights.require(.read)
            guard let outcome = simulator.withWorld({ w, _ in w.incidents.processed[parts[1]] }) else {
                throw APIFailure(status: 404, message: "Request not found. It might not be processed, yet.")
            }
            return Routed(data: outcome)
        case ("GET", 1, _):
            try rights.require(.read)
            let id = try resolveIncident(parts[0], query)
            guard let incident = simulator.withWorld({ w, _ in w.incidents.incident(id) }) else { throw Self.noIncident(parts[0], query) }
            return Routed(data: IncidentWire(incident: incident))
        case ("DELETE", 1, _):
            try rights.require(.delete)
            return acceptIncident(.delete(incidentId: try resolveIncident(parts[0], query)))
        case ("GET", 2, _) where parts[1] == "notes" || parts[1] == "logs":
            try rights.require(.read)
            let id = try resolveIncident(parts[0], query)
            if parts[1] == "notes" { return try entriesPage(simulator.withWorld { w, _ in w.incidents.notes[id] ?? [] }, query: query) }
            return try entriesPage(simulator.withWorld { w, _ in w.incidents.logs[id] ?? [] }, query: query)
        case ("POST", 2, _):
            try rights.require(.createAndUpdate)
            return try incidentAction(parts[1], on: parts[0], query: query, body: body)
        default:
            throw APIFailure(status: 404, message: "No handler found for \(method) /v1/incidents/\(parts.joined(separator: "/"))")
        }
    }

    /// The body of resolve, close and add note: `{"note": …}`, optional but for a note.
    private struct IncidentNoteBody: Decodable {
        var note: String?
    }

    /// `POST /v1/incidents/{id}/resolve`, `/close` or `/notes`.
    ///
    /// A resolve is accepted whatever the identifier names and fails when processed if it names no incident,
    /// as the documented request-status sample shows; close and notes answer 404 at once, as alert writes do.
    private func incidentAction(_ action: String, on identifier: String, query: [String: String], body: Data) throws -> Routed {
        guard ["resolve", "close", "notes"].contains(action) else {
            throw APIFailure(status: 404, message: "No handler found for POST /v1/incidents/{identifier}/\(action)")
        }
        let note = try decodeBody(IncidentNoteBody.self, body).note
        if let note, note.count > 25000 { throw APIFailure(status: 422, message: "note is longer than 25000 characters") }
        if action == "resolve" {
            let type = try incidentIdentifierType(query)
            return acceptIncident(.resolve(incidentId: simulator.withWorld { w, _ in w.incidents.resolve(identifier, type: type) }, note: note))
        }
        let id = try resolveIncident(identifier, query)
        if action == "close" { return acceptIncident(.close(incidentId: id, note: note)) }
        guard let note, !note.isEmpty else { throw APIFailure(status: 422, message: "note can not be empty") }
        return acceptIncident(.addNote(incidentId: id, note: note))
    }

    /// `POST /v1/incidents/create`: a message of at most 130 characters, priority P1…P5, responders by id or name.
    private func createIncident(_ body: Data) throws -> Routed {
        let create = try decodeBody(CreateIncidentRequest.self, body)
        guard let message = create.message, !message.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIFailure(status: 422, message: "Message can not be empty.")
        }
        guard message.count <= 130 else { throw APIFailure(status: 422, message: "Message can not be longer than 130 characters.") }
        guard (create.description ?? "").count <= 15000 else {
            throw APIFailure(status: 422, message: "Description can not be longer than 15000 characters.")
        }
        if let priority = create.priority, !["P1", "P2", "P3", "P4", "P5"].contains(priority) {
            throw APIFailure(status: 422, message: "Priority should be one of [P1, P2, P3, P4, P5]")
        }
        guard (create.tags ?? []).count <= 20 else { throw APIFailure(status: 422, message: "An incident can have at most 20 tags.") }
        for responder in create.responders ?? [] {
            guard responder.type == .team || responder.type == .user, responder.id != nil || responder.name != nil || responder.username != nil else {
                throw APIFailure(status: 422, message: "Responders should be teams or users given by id or name")
            }
        }
        return acceptIncident(.create(create))
    }

    /// `GET /v1/incidents`: one sorted page of the incidents matching `query` (required, as the API describes it),
    /// with paging links and the number that matched.
    private func listIncidents(_ query: [String: String], host: String) throws -> Routed {
        guard let text = query["query"] else { throw APIFailure(status: 422, message: "query is required") }
        let (offset, limit) = try paging(query)
        let (sort, order) = try sortAndOrder(query, fields: Self.incidentSortFields)
        let expression: AlertQueryExpression
        do { expression = try AlertQueryExpression.parseIncidentQuery(text) } catch { throw APIFailure(status: 422, message: error.message) }
        // Kept with their creation order, which breaks ties: on a frozen clock many share a createdAt.
        var all = simulator.withWorld { w, _ in
            let teams = w.teamNames
            return w.incidents.all.enumerated().filter { expression.matches($0.element, teamNames: teams) }
        }
        all.sort { a, b in order == "asc" ? Self.ascending(a, b, by: sort) : Self.ascending(b, a, by: sort) }
        let page = all.dropFirst(offset).prefix(limit).map { IncidentWire(incident: $0.element) }
        let paging = pagingLinks(path: "/v1/incidents", query: query, host: host, offset: offset, limit: limit, total: all.count,
                                 sort: sort, order: order)
        return Routed(data: page, paging: paging, extra: ["totalCount": all.count])
    }

    /// Ascending order of two incidents (with their creation positions) on a sort field.
    static func ascending(_ x: (offset: Int, element: Incident), _ y: (offset: Int, element: Incident), by field: String) -> Bool {
        let (a, b, tie) = (x.element, y.element, x.offset < y.offset)
        switch field {
        case "tinyId": return Self.nilsFirst(Int(a.tinyId ?? ""), Int(b.tinyId ?? ""), tie: tie)
        case "message": return Self.nilsFirst(a.message, b.message, tie: tie)
        case "status": return Self.nilsFirst(a.status, b.status, tie: tie)
        case "isSeen": return Self.nilsFirst(a.isSeen.map { $0 ? 1 : 0 }, b.isSeen.map { $0 ? 1 : 0 }, tie: tie)
        case "owner": return Self.nilsFirst(a.owner, b.owner, tie: tie)
        default: return Self.nilsFirst(a.createdAt, b.createdAt, tie: tie)
        }
    }

    /// The `identifierType` of an incident request: `id` (the default) or `tiny`.
    private func incidentIdentifierType(_ query: [String: String]) throws -> String {
        let type = query["identifierType"] ?? "id"
        guard type == "id" || type == "tiny" else { throw APIFailure(status: 422, message: "identifierType must be one of id, tiny") }
        return type
    }

    /// Resolves `identifier` (of the query's `identifierType`) to an incident id, or throws Opsgenie's 422/404.
    private func resolveIncident(_ identifier: String, _ query: [String: String]) throws -> String {
        let type = try incidentIdentifierType(query)
        guard let id = simulator.withWorld({ w, _ in w.incidents.resolve(identifier, type: type) }) else {
            throw Self.noIncident(identifier, query)
        }
        return id
    }

    private static func noIncident(_ identifier: String, _ query: [String: String]) -> APIFailure {
        APIFailure(status: 404, message: "Incident with \(query["identifierType"] ?? "id") [\(identifier)] not found.")
    }

    /// Queues an incident write to apply after the processing delay and answers 202 with its request id.
    private func acceptIncident(_ write: IncidentWrite) -> Routed {
        let requestId = UUID().uuidString.lowercased()
        let applyAt = ContinuousClock.now + simulator.configuration.processingDelay
        simulator.world.withLock { $0.incidents.pending.append((requestId, applyAt, write)) }
        return Routed(status: 202, data: AcceptedMarker(result: "Request will be processed", requestId: requestId))
    }
}

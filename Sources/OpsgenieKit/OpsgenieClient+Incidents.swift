import Foundation
import OperationsModel

/// The Incident API (v1): Opsgenie's swagger (`/v1/incidents…`), the seed's description (resolve), and the
/// Go SDK v2's incident package (notes and logs). Writes answer 202; confirm them with
/// ``awaitIncidentOutcome(of:timeout:initialDelay:maxDelay:)``, which asks `/v1/incidents/requests/{id}`.
extension OpsgenieClient {
    private func incidentPath(_ incident: IncidentIdentifier, _ suffix: String = "") -> String {
        "/v1/incidents/\(Self.encode(incident.value))\(suffix)"
    }

    private func identifierQuery(_ incident: IncidentIdentifier) -> [(String, String)] {
        [("identifierType", incident.identifierType)]
    }

    /// One page of incidents matching `query` (Opsgenie's search language, e.g. `status:open`), with the
    /// total that matched and the next page's offset.
    public func listIncidentPage(query: String, offset: Int = 0, limit: Int = 20, sort: String? = nil,
                                 order: ListOrder? = nil) async throws(OperationsError) -> IncidentListPage {
        var items: [(String, String)] = [("query", query), ("offset", String(max(0, offset))), ("limit", String(min(max(1, limit), 100)))]
        if let sort { items.append(("sort", sort)) }
        if let order { items.append(("order", order.rawValue)) }
        let envelope = try await get([IncidentPayload].self, APIRequest(method: .GET, path: "/v1/incidents", query: items, domain: .incident))
        return IncidentListPage(incidents: envelope.data.map(\.incident), totalCount: envelope.totalCount,
                                nextOffset: envelope.paging?.next.flatMap(Self.offset(inLink:)))
    }

    /// Lists incidents matching a query (one page).
    public func listIncidents(query: String = "", offset: Int = 0, limit: Int = 20, sort: String? = nil,
                              order: ListOrder? = nil) async throws(OperationsError) -> [Incident] {
        try await listIncidentPage(query: query, offset: offset, limit: limit, sort: sort, order: order).incidents
    }

    /// Fetches one incident by id or tiny id, with description, impacted services and details.
    public func getIncident(_ incident: IncidentIdentifier) async throws(OperationsError) -> Incident {
        try await get(IncidentPayload.self, APIRequest(method: .GET, path: incidentPath(incident), query: identifierQuery(incident),
                                                       domain: .incident)).data.incident
    }

    /// Creates an incident (202; the new incident's id comes with the request status). Never retried after an
    /// ambiguous failure, so one call creates at most one incident.
    public func createIncident(_ payload: CreateIncidentPayload) async throws(OperationsError) -> AcceptedRequest {
        try await accepted(APIRequest(method: .POST, path: "/v1/incidents/create", body: Self.body(payload), domain: .incident,
                                      idempotent: false))
    }

    /// Resolves an open incident, with an optional note.
    public func resolveIncident(_ incident: IncidentIdentifier, note: String? = nil) async throws(OperationsError) -> AcceptedRequest {
        try await incidentWrite(incident, "/resolve", note: note)
    }

    /// Closes an open or resolved incident, with an optional note.
    public func closeIncident(_ incident: IncidentIdentifier, note: String? = nil) async throws(OperationsError) -> AcceptedRequest {
        try await incidentWrite(incident, "/close", note: note)
    }

    /// Adds a note. Not retried after an ambiguous failure, so it is never posted twice.
    public func addIncidentNote(_ incident: IncidentIdentifier, note: String) async throws(OperationsError) -> AcceptedRequest {
        try await incidentWrite(incident, "/notes", note: note, idempotent: false)
    }

    /// Deletes an incident.
    public func deleteIncident(_ incident: IncidentIdentifier) async throws(OperationsError) -> AcceptedRequest {
        try await accepted(APIRequest(method: .DELETE, path: incidentPath(incident), query: identifierQuery(incident), domain: .incident))
    }

    private func incidentWrite(_ incident: IncidentIdentifier, _ suffix: String, note: String?,
                               idempotent: Bool = true) async throws(OperationsError) -> AcceptedRequest {
        try await accepted(APIRequest(method: .POST, path: incidentPath(incident, suffix), query: identifierQuery(incident),
                                      body: Self.body(IncidentNotePayload(note: note)), domain: .incident, idempotent: idempotent))
    }

    /// Lists an incident's notes, newest first.
    public func listIncidentNotes(_ incident: IncidentIdentifier, limit: Int = 20,
                                  order: ListOrder = .desc) async throws(OperationsError) -> [AlertNote] {
        try await get([AlertNote].self, APIRequest(method: .GET, path: incidentPath(incident, "/notes"),
                                                   query: entriesQuery(incident, limit: limit, order: order), domain: .incident)).data
    }

    /// Lists an incident's activity log, newest first.
    public func listIncidentLogs(_ incident: IncidentIdentifier, limit: Int = 20,
                                 order: ListOrder = .desc) async throws(OperationsError) -> [AlertLog] {
        try await get([AlertLog].self, APIRequest(method: .GET, path: incidentPath(incident, "/logs"),
                                                  query: entriesQuery(incident, limit: limit, order: order), domain: .incident)).data
    }

    private func entriesQuery(_ incident: IncidentIdentifier, limit: Int, order: ListOrder) -> [(String, String)] {
        identifierQuery(incident) + [("limit", String(min(max(1, limit), 100))), ("order", order.rawValue), ("direction", "next")]
    }

    /// Asks once for the outcome of an asynchronous incident write; `nil` while Opsgenie has not processed it
    /// yet (the endpoint answers 404 until then).
    public func incidentRequestStatus(_ requestId: String) async throws(OperationsError) -> RequestStatus? {
        try await processed(IncidentRequestStatusPayload.self, path: "/v1/incidents/requests/\(Self.encode(requestId))",
                            domain: .incident)?.requestStatus
    }

    /// Waits for the outcome of an incident write's 202, as ``awaitOutcome(of:timeout:initialDelay:maxDelay:)``
    /// does for alerts: the status on success, ``OperationsError/requestFailed(reason:requestId:)`` with
    /// Opsgenie's reason when the write did not apply, ``OperationsError/requestStatusTimeout(requestId:)``
    /// when no outcome came in time.
    public func awaitIncidentOutcome(of requestId: String, timeout: Duration = .seconds(60),
                                     initialDelay: Duration = .milliseconds(250),
                                     maxDelay: Duration = .seconds(5)) async throws(OperationsError) -> RequestStatus {
        try await pollOutcome(of: requestId, timeout: timeout, initialDelay: initialDelay, maxDelay: maxDelay) { id async throws(OperationsError) in
            try await incidentRequestStatus(id)
        }
    }
}

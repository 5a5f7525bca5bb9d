import Foundation
import OperationsModel

/// The incident side of ``OperationsBackend`` over Opsgenie's Incident API (v1).
extension OpsgenieBackend {
    /// Opsgenie serves incidents itself.
    public var incidentsElsewhere: String? { nil }

    /// Open incidents (`status:open`), newest first, following the paging until `limit` are read;
    /// `hasMore` when more matched.
    public func incidents(limit: Int) async throws(OperationsError) -> IncidentPage {
        try await incidents(matching: "status:open", limit: limit)
    }

    /// Incidents matching `query`, newest first, following the paging until `limit` are read.
    public func incidents(matching query: String, limit: Int) async throws(OperationsError) -> IncidentPage {
        let wanted = max(1, limit)
        var incidents: [Incident] = []
        var offset = 0
        while true {
            let page = try await client.listIncidentPage(query: query, offset: offset, limit: min(100, wanted - incidents.count),
                                                         sort: "createdAt", order: .desc)
            incidents.append(contentsOf: page.incidents)
            let more = page.nextOffset != nil || (page.totalCount ?? 0) > offset + page.incidents.count
            guard more, !page.incidents.isEmpty, incidents.count < wanted, let next = page.nextOffset, next > offset else {
                return IncidentPage(incidents: incidents, hasMore: more && !page.incidents.isEmpty)
            }
            offset = next
        }
    }

    /// The incident with its latest notes and log entries (newest first).
    public func incidentDetail(id: String) async throws(OperationsError) -> IncidentDetail {
        let incident = try await client.getIncident(.id(id))
        let notes = try await client.listIncidentNotes(.id(id), limit: Self.detailEntries)
        let log = try await client.listIncidentLogs(.id(id), limit: Self.detailEntries)
        return IncidentDetail(incident: incident, notes: notes, log: log)
    }

    /// How many notes and log entries a detail reads.
    private static var detailEntries: Int { 20 }

    /// Resolve and close carry the context's note; a note is never retried after an ambiguous failure.
    public func perform(_ action: IncidentAction, incidentId: String, context: ActionContext) async throws(OperationsError) -> ActionReceipt {
        let incident = IncidentIdentifier.id(incidentId)
        let accepted: AcceptedRequest
        switch action {
        case .resolve: accepted = try await client.resolveIncident(incident, note: context.note)
        case .close: accepted = try await client.closeIncident(incident, note: context.note)
        case .addNote(let note): accepted = try await client.addIncidentNote(incident, note: note)
        }
        return ActionReceipt(requestId: accepted.requestId)
    }

    /// Polls `/v1/incidents/requests/{id}` as ``confirm(_:timeout:)`` polls the alert requests.
    public func confirmIncident(_ receipt: ActionReceipt, timeout: Duration) async throws(OperationsError) -> RequestStatus {
        try await client.awaitIncidentOutcome(of: receipt.requestId, timeout: timeout)
    }
}

import Foundation
import OperationsModel

/// Incidents across the sources that have an incident API (JSM Operations has none).
extension SourceSet {
    /// The sources whose service serves incidents.
    var incidentSources: [Int] { sources.indices.filter { sources[$0].backend.incidentsElsewhere == nil } }

    /// `nil` when any source serves incidents; else where each source's incidents live.
    public var incidentsElsewhere: String? {
        guard incidentSources.isEmpty else { return nil }
        return sources.map { "\($0.name): \($0.backend.incidentsElsewhere ?? "no incident API")" }.joined(separator: "; ")
    }

    /// The sources without an incident API when others have one, each with where its incidents live.
    public var incidentsNotListed: String? {
        guard !incidentSources.isEmpty else { return nil }
        let missing = sources.compactMap { source in source.backend.incidentsElsewhere.map { "\(source.name) (\($0))" } }
        return missing.isEmpty ? nil : missing.joined(separator: "; ")
    }

    /// Open incidents of every source that has them, newest first, at most `limit`.
    public func incidents(limit: Int) async throws(OperationsError) -> IncidentPage {
        let only = incidentSources
        guard !only.isEmpty else { throw .invalidConfiguration(incidentsElsewhere ?? "no source has an incident API") }
        let answers = try await gather(.incidents(limit: limit), only: only) { (backend) async throws(OperationsError) in
            try await backend.incidents(limit: limit)
        }
        let merged = answers.flatMap { answer in answer.value.incidents.map(scoping(answer.source).incident) }
            .sorted { ($0.createdAt ?? .distantPast) > ($1.createdAt ?? .distantPast) }
        return IncidentPage(incidents: Array(merged.prefix(limit)),
                            hasMore: merged.count > limit || answers.contains { $0.value.hasMore })
    }

    public func incidentDetail(id: String) async throws(OperationsError) -> IncidentDetail {
        let (index, local) = try route(id, what: "incident")
        var detail = try await sources[index].backend.incidentDetail(id: local)
        detail.incident = scoping(index).incident(detail.incident)
        return detail
    }

    public func perform(_ action: IncidentAction, incidentId: String, context: ActionContext) async throws(OperationsError) -> ActionReceipt {
        let (index, local) = try route(incidentId, what: "incident")
        return scoping(index).receipt(try await sources[index].backend.perform(action, incidentId: local, context: context))
    }

    public func confirmIncident(_ receipt: ActionReceipt, timeout: Duration) async throws(OperationsError) -> RequestStatus {
        let (index, local) = try route(receipt.requestId, what: "request")
        return try await sources[index].backend.confirmIncident(ActionReceipt(requestId: local), timeout: timeout)
    }
}

import Foundation
import OperationsModel

/// The incidents pane's own state: the open incidents, whether more are open than were read,
/// the selection (which follows its incident when polls move it), and each incident's detail.
public struct IncidentPane: Sendable, Equatable {
    /// Open incidents, most urgent first.
    public internal(set) var incidents: [Incident] = []
    /// More incidents are open than the list read.
    public internal(set) var haveMore = false
    /// The selected incident.
    public internal(set) var selectedId: String?
    /// Incidents with their notes and log, loaded when selected.
    public internal(set) var details: [String: IncidentDetailState] = [:]

    /// The selected incident.
    public var selected: Incident? { selectedId.flatMap { id in incidents.first { $0.id == id } } }

    /// Takes an incident's detail as loaded, or why it could not be.
    mutating func update(_ event: DashboardEvent) -> [DashboardEffect] {
        guard case .incidentDetailLoaded(let id, let result) = event else { return [] }
        switch result {
        case .success(let detail): details[id] = IncidentDetailState(detail: detail, error: nil)
        case .failure(let error): details[id] = IncidentDetailState(detail: nil, error: error.description)
        }
        return []
    }
}

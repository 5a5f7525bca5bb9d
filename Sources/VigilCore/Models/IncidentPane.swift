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

    /// Open P1 and P2 incidents, most urgent first.
    public var urgent: [Incident] { incidents.filter { ($0.priority?.rank ?? 6) <= 2 && Self.isOpen($0) } }

    /// Whether the service still counts the incident as open (not resolved or closed).
    static func isOpen(_ incident: Incident) -> Bool {
        let status = incident.status?.lowercased() ?? "open"
        return status != "resolved" && status != "closed"
    }

    /// A poll's answer: most urgent first, newest first within a priority; the selection stays
    /// on its incident, or on the same row when that incident left the list; details of
    /// incidents no longer listed are dropped. `confirmed` actions (confirmed after the poll
    /// started, so not in its answer yet) are shown as done. Returns whether an open P1 or P2
    /// arrived that was not listed before.
    mutating func take(_ page: IncidentPage, confirmedSince confirmed: [ActionRecord]) -> Bool {
        let known = Set(incidents.map(\.id))
        let sorted = page.incidents.sorted { a, b in
            let (ra, rb) = (a.priority?.rank ?? 6, b.priority?.rank ?? 6)
            return ra != rb ? ra < rb : (a.createdAt ?? .distantPast) > (b.createdAt ?? .distantPast)
        }
        let arrivedUrgent = sorted.contains { !known.contains($0.id) && ($0.priority?.rank ?? 6) <= 2 && Self.isOpen($0) }
        let oldRow = selectedId.flatMap { id in incidents.firstIndex { $0.id == id } } ?? 0
        incidents = sorted
        haveMore = page.hasMore
        for record in confirmed { applyLocally(record) }
        if selectedId == nil || selected == nil {
            selectedId = incidents.isEmpty ? nil : incidents[min(oldRow, incidents.count - 1)].id
        }
        let listed = Set(incidents.map(\.id))
        details = details.filter { listed.contains($0.key) }
        return arrivedUrgent
    }

    /// Moves the selection `delta` rows, within the list.
    mutating func move(by delta: Int) {
        guard !incidents.isEmpty else { return }
        let row = selectedId.flatMap { id in incidents.firstIndex { $0.id == id } } ?? 0
        selectedId = incidents[max(0, min(incidents.count - 1, row + delta))].id
    }

    /// Shows a confirmed incident action until a poll brings the service's own state.
    mutating func applyLocally(_ record: ActionRecord) {
        guard case .incident(let action) = record.request, let index = incidents.firstIndex(where: { $0.id == record.targetId }) else { return }
        switch action {
        case .resolve: incidents[index].status = "resolved"
        case .close: incidents[index].status = "closed"
        case .addNote: break
        }
    }

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

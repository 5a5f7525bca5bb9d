import Foundation
import OperationsModel

/// The incidents pane: open incidents polled on their own interval, a selection that follows
/// its incident, the detail, and resolve / close / note with the same action lifecycle as alerts.
extension DashboardState {
    /// `P1 INCIDENT #3 Checkout degraded (+1 more)` while a P1 or P2 incident is open.
    public var incidentBanner: String? {
        let urgent = urgentIncidents
        guard let first = urgent.first else { return nil }
        let more = urgent.count > 1 ? " (+\(urgent.count - 1) more)" : ""
        return "\(first.priority?.rawValue ?? "P?") INCIDENT #\(first.tinyId ?? "?") \(first.message ?? "")\(more)"
    }

    /// Open P1 and P2 incidents, most urgent first: the status line names them on every screen.
    public var urgentIncidents: [Incident] {
        incidents.filter { ($0.priority?.rank ?? 6) <= 2 && Self.isOpen($0) }
    }

    /// The selected incident.
    public var selectedIncident: Incident? { incidentPane.selected }

    /// Whether the service still counts the incident as open (not resolved or closed).
    static func isOpen(_ incident: Incident) -> Bool {
        let status = incident.status?.lowercased() ?? "open"
        return status != "resolved" && status != "closed"
    }

    /// A poll's answer: most urgent first, newest first within a priority; the selection stays
    /// on its incident, or on the same row when that incident left the list.
    mutating func receiveIncidents(_ result: Result<IncidentPage, OperationsError>) -> [DashboardEffect] {
        var effects: [DashboardEffect] = []
        if case .success(let page) = result {
            let known = Set(incidents.map(\.id))
            let sorted = page.incidents.sorted { a, b in
                let (ra, rb) = (a.priority?.rank ?? 6, b.priority?.rank ?? 6)
                return ra != rb ? ra < rb : (a.createdAt ?? .distantPast) > (b.createdAt ?? .distantPast)
            }
            let arrivedUrgent = sorted.contains { !known.contains($0.id) && ($0.priority?.rank ?? 6) <= 2 && Self.isOpen($0) }
            if settings.bellOnP1, feedStatus[.incidents]?.lastSuccess != nil, arrivedUrgent { effects.append(.bell) }
            let oldRow = selectedIncidentId.flatMap { id in incidents.firstIndex { $0.id == id } } ?? 0
            incidents = sorted
            incidentsHaveMore = page.hasMore
            // Actions confirmed after this poll started are not in its answer yet.
            if let started = feedStatus[.incidents]?.startedAt {
                for record in actions where record.incidentId != nil && record.phase == .confirmed && (record.finishedAt ?? .distantPast) >= started {
                    applyLocallyToIncident(record)
                }
            }
            if selectedIncidentId == nil || selectedIncident == nil {
                selectedIncidentId = incidents.isEmpty ? nil : incidents[min(oldRow, incidents.count - 1)].id
            }
            let listed = Set(incidents.map(\.id))
            incidentDetails = incidentDetails.filter { listed.contains($0.key) }
            effects += loadIncidentDetailIfShown()
        }
        finishPoll(.incidents, error: result.failure)
        return effects
    }


    /// The detail pane shows the selected incident and it is not loaded: load it.
    mutating func loadIncidentDetailIfShown() -> [DashboardEffect] {
        guard detailSubject == .incident, let id = selectedIncidentId, incidentDetails[id] == nil else { return [] }
        return [.loadIncidentDetail(incidentId: id)]
    }

    /// Whether keys act on the selected incident: the incidents pane has the focus, or the
    /// detail has it and shows the incident.
    var onIncidents: Bool { focus == .incidents || (focus == .detail && detailSubject == .incident) }

    /// Why a command cannot run while the incidents pane has the focus, or `nil` when it can.
    func whyDisabledOnIncidents(_ command: Command) -> String? {
        guard command.isWrite || command.actsOnIncidents || command == .mark else { return nil }
        if !command.actsOnIncidents { return "\(command.rawValue) acts on alerts: Tab to the alert list" }
        if let elsewhere = settings.incidentsElsewhere { return elsewhere }
        if selectedIncidentId == nil { return "no incident selected" }
        return nil
    }

    /// A command while the incidents pane has the focus: moves its selection or acts on the
    /// selected incident; `nil` when the command is not about incidents.
    mutating func runOnIncidents(_ command: Command) -> [DashboardEffect]? {
        switch command {
        case .moveDown where focus == .incidents: moveIncident(by: 1)
        case .moveUp where focus == .incidents: moveIncident(by: -1)
        case .pageDown where focus == .incidents: moveIncident(by: 5)
        case .pageUp where focus == .incidents: moveIncident(by: -5)
        case .top where focus == .incidents: moveIncident(by: -incidents.count)
        case .bottom where focus == .incidents: moveIncident(by: incidents.count)
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            scrollDetail(command)  // the detail has the focus: its lines scroll
            return []
        case .openDetail:
            detailSubject = .incident
            secondaryPane = .detail
            focus = .detail
        case .resolve, .close:
            guard let incident = selectedIncident else { return [] }
            let action: IncidentAction = command == .resolve ? .resolve : .close
            let verb = command == .resolve ? "Resolve" : "Close"
            guard command.asksFirst else { return act(action, onIncident: incident.id) }
            let prompt = "\(verb) incident #\(incident.tinyId ?? "?") \(TerminalText.fit(incident.message ?? "", columns: 50))? y/N"
            overlay = .confirmIncident(prompt: prompt, action: action, incidentId: incident.id)
            return []
        case .note:
            guard let id = selectedIncidentId else { return [] }
            overlay = .input(.incidentNote(incidentId: id), text: "")
            return []
        default:
            return nil
        }
        return loadIncidentDetailIfShown()
    }

    private mutating func moveIncident(by delta: Int) {
        guard !incidents.isEmpty else { return }
        detailScroll = 0
        let row = selectedIncidentId.flatMap { id in incidents.firstIndex { $0.id == id } } ?? 0
        selectedIncidentId = incidents[max(0, min(incidents.count - 1, row + delta))].id
    }

    /// Starts `action` on an incident: a record shown pending at once, journaled like alert actions.
    mutating func act(_ action: IncidentAction, onIncident id: String) -> [DashboardEffect] {
        let tiny = incidents.first { $0.id == id }?.tinyId ?? "?"
        let record = ActionRecord(id: nextActionId, request: .incident(action), targetId: id, tinyId: tiny,
                                  createdAt: now, phase: .sending, attempts: 1)
        nextActionId += 1
        actions.append(record)
        if actions.count > 500 { actions.removeFirst(actions.count - 500) }
        say("\(label(record)): sending", .info)
        return [sendEffect(record)]
    }

    /// Shows a confirmed incident action until a poll brings the service's own state.
    mutating func applyLocallyToIncident(_ record: ActionRecord) {
        guard case .incident(let action) = record.request, let index = incidents.firstIndex(where: { $0.id == record.targetId }) else { return }
        switch action {
        case .resolve: incidents[index].status = "resolved"
        case .close: incidents[index].status = "closed"
        case .addNote: break
        }
    }

    /// The latest open action on an incident.
    public func pendingAction(onIncident id: String) -> ActionRecord? {
        actions.last { $0.incidentId == id && $0.phase.isOpen }
    }
}

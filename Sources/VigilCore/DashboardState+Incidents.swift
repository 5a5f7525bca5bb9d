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
        incidentPane.incidents.filter { ($0.priority?.rank ?? 6) <= 2 && Self.isOpen($0) }
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
            let known = Set(incidentPane.incidents.map(\.id))
            let sorted = page.incidents.sorted { a, b in
                let (ra, rb) = (a.priority?.rank ?? 6, b.priority?.rank ?? 6)
                return ra != rb ? ra < rb : (a.createdAt ?? .distantPast) > (b.createdAt ?? .distantPast)
            }
            let arrivedUrgent = sorted.contains { !known.contains($0.id) && ($0.priority?.rank ?? 6) <= 2 && Self.isOpen($0) }
            if settings.bellOnP1, feedStatus[.incidents]?.lastSuccess != nil, arrivedUrgent { effects.append(.bell) }
            let oldRow = incidentPane.selectedId.flatMap { id in incidentPane.incidents.firstIndex { $0.id == id } } ?? 0
            incidentPane.incidents = sorted
            incidentPane.haveMore = page.hasMore
            // Actions confirmed after this poll started are not in its answer yet.
            if let started = feedStatus[.incidents]?.startedAt {
                for record in actionLog.records where record.incidentId != nil && record.phase == .confirmed && (record.finishedAt ?? .distantPast) >= started {
                    applyLocallyToIncident(record)
                }
            }
            if incidentPane.selectedId == nil || selectedIncident == nil {
                incidentPane.selectedId = incidentPane.incidents.isEmpty ? nil : incidentPane.incidents[min(oldRow, incidentPane.incidents.count - 1)].id
            }
            let listed = Set(incidentPane.incidents.map(\.id))
            incidentPane.details = incidentPane.details.filter { listed.contains($0.key) }
            effects += loadIncidentDetailIfShown()
        }
        finishPoll(.incidents, error: result.failure)
        return effects
    }


    /// The detail pane shows the selected incident and it is not loaded: load it.
    mutating func loadIncidentDetailIfShown() -> [DashboardEffect] {
        guard panes.detailSubject == .incident, let id = incidentPane.selectedId, incidentPane.details[id] == nil else { return [] }
        return [.loadIncidentDetail(incidentId: id)]
    }

    /// Whether keys act on the selected incident: the incidents pane has the focus, or the
    /// detail has it and shows the incident.
    var onIncidents: Bool { panes.focus == .incidents || (panes.focus == .detail && panes.detailSubject == .incident) }

    /// Why a command cannot run while the incidents pane has the focus, or `nil` when it can.
    func whyDisabledOnIncidents(_ command: Command) -> String? {
        guard command.isWrite || command.actsOnIncidents || command == .mark else { return nil }
        if !command.actsOnIncidents { return "\(command.rawValue) acts on alerts: Tab to the alert list" }
        if let elsewhere = settings.incidentsElsewhere { return elsewhere }
        if incidentPane.selectedId == nil { return "no incident selected" }
        return nil
    }

    /// A command while the incidents pane has the focus: moves its selection or acts on the
    /// selected incident; `nil` when the command is not about incidents.
    mutating func runOnIncidents(_ command: Command) -> [DashboardEffect]? {
        switch command {
        case .moveDown where panes.focus == .incidents: moveIncident(by: 1)
        case .moveUp where panes.focus == .incidents: moveIncident(by: -1)
        case .pageDown where panes.focus == .incidents: moveIncident(by: 5)
        case .pageUp where panes.focus == .incidents: moveIncident(by: -5)
        case .top where panes.focus == .incidents: moveIncident(by: -incidentPane.incidents.count)
        case .bottom where panes.focus == .incidents: moveIncident(by: incidentPane.incidents.count)
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            scrollDetail(command)  // the detail has the focus: its lines scroll
            return []
        case .openDetail:
            panes.detailSubject = .incident
            panes.secondary = .detail
            panes.focus = .detail
        case .resolve, .close:
            guard let incident = selectedIncident else { return [] }
            let action: IncidentAction = command == .resolve ? .resolve : .close
            let verb = command == .resolve ? "Resolve" : "Close"
            guard command.asksFirst else { return act(action, onIncident: incident.id) }
            let question = "\(verb) incident #\(incident.tinyId ?? "?") \(TerminalText.fit(incident.message ?? "", columns: 50))? y/N"
            prompt.overlay = .confirmIncident(prompt: question, action: action, incidentId: incident.id)
            return []
        case .note:
            guard let id = incidentPane.selectedId else { return [] }
            prompt.overlay = .input(.incidentNote(incidentId: id), text: "")
            return []
        default:
            return nil
        }
        return loadIncidentDetailIfShown()
    }

    private mutating func moveIncident(by delta: Int) {
        guard !incidentPane.incidents.isEmpty else { return }
        panes.detailScroll = 0
        let row = incidentPane.selectedId.flatMap { id in incidentPane.incidents.firstIndex { $0.id == id } } ?? 0
        incidentPane.selectedId = incidentPane.incidents[max(0, min(incidentPane.incidents.count - 1, row + delta))].id
    }

    /// Starts `action` on an incident: a record shown pending at once, journaled like alert actions.
    mutating func act(_ action: IncidentAction, onIncident id: String) -> [DashboardEffect] {
        let tiny = incidentPane.incidents.first { $0.id == id }?.tinyId ?? "?"
        let record = ActionRecord(id: actionLog.nextId, request: .incident(action), targetId: id, tinyId: tiny,
                                  createdAt: now, phase: .sending, attempts: 1)
        actionLog.nextId += 1
        actionLog.records.append(record)
        if actionLog.records.count > 500 { actionLog.records.removeFirst(actionLog.records.count - 500) }
        say("\(label(record)): sending", .info)
        return [sendEffect(record)]
    }

    /// Shows a confirmed incident action until a poll brings the service's own state.
    mutating func applyLocallyToIncident(_ record: ActionRecord) {
        guard case .incident(let action) = record.request, let index = incidentPane.incidents.firstIndex(where: { $0.id == record.targetId }) else { return }
        switch action {
        case .resolve: incidentPane.incidents[index].status = "resolved"
        case .close: incidentPane.incidents[index].status = "closed"
        case .addNote: break
        }
    }

    /// The latest open action on an incident.
    public func pendingAction(onIncident id: String) -> ActionRecord? {
        actionLog.records.last { $0.incidentId == id && $0.phase.isOpen }
    }
}

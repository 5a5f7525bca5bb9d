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
    public var urgentIncidents: [Incident] { incidentPane.urgent }

    /// The selected incident.
    public var selectedIncident: Incident? { incidentPane.selected }


    /// A poll's answer: most urgent first, newest first within a priority; the selection stays
    /// on its incident, or on the same row when that incident left the list.
    mutating func receiveIncidents(_ result: Result<IncidentPage, OperationsError>) -> [DashboardEffect] {
        var effects: [DashboardEffect] = []
        if case .success(let page) = result {
            // Actions confirmed after this poll started are not in its answer yet.
            let started = feedStatus[.incidents]?.startedAt ?? .distantFuture
            let confirmed = actionLog.records.filter { $0.incidentId != nil && $0.phase == .confirmed && ($0.finishedAt ?? .distantPast) >= started }
            let arrivedUrgent = incidentPane.take(page, confirmedSince: confirmed)
            if settings.bellOnP1, feedStatus[.incidents]?.lastSuccess != nil, arrivedUrgent { effects.append(.bell) }
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
        if !command.actsOnIncidents { return "acts on alerts: Tab to the alert list" }
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
        incidentPane.move(by: delta)
    }

    /// Starts `action` on an incident: a record shown pending at once, journaled like alert actions.
    mutating func act(_ action: IncidentAction, onIncident id: String) -> [DashboardEffect] {
        let tiny = incidentPane.incidents.first { $0.id == id }?.tinyId ?? "?"
        let record = actionLog.start(.incident(action), on: id, tinyId: tiny, at: now)
        say("\(label(record)): sending", .info)
        return [sendEffect(record)]
    }


    /// The latest open action on an incident.
    public func pendingAction(onIncident id: String) -> ActionRecord? {
        actionLog.records.last { $0.incidentId == id && $0.phase.isOpen }
    }
}

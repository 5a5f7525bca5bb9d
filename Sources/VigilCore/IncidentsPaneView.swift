import Foundation
import OperationsModel

/// The incidents pane: open incidents, most urgent first, with priority, age, responders and the selection.
struct IncidentsPaneView {
    /// The dashboard it draws.
    let state: DashboardState

    func draw(_ canvas: inout Canvas, _ r: Layout.Rect) {
        if let elsewhere = state.settings.incidentsElsewhere {
            canvas.box(x: r.x, y: r.y, width: r.width, height: r.height, title: "Incidents", focused: state.panes.focus == .incidents)
            for (i, line) in TerminalText.wrap(elsewhere, columns: r.width - 4).prefix(max(1, r.height - 2)).enumerated() {
                canvas.write(line, x: r.x + 2, y: r.y + 1 + i, style: CellStyle(.dim), maxWidth: r.width - 4)
            }
            return
        }
        let open = state.incidentPane.incidents.filter(IncidentPane.isOpen)
        let counts = AlertPriority.all.prefix(2).map { p in "\(p.rawValue):\(open.filter { $0.priority == p }.count)" }.joined(separator: " ")
        // Counts that never came are not zeros.
        let title = state.feedStatus[.incidents]?.lastSuccess == nil && state.incidentPane.incidents.isEmpty
            ? "Incidents …" : "Incidents \(open.count)\(state.incidentPane.haveMore ? "+" : "") open [\(counts)]"
        canvas.box(x: r.x, y: r.y, width: r.width, height: r.height, title: title, focused: state.panes.focus == .incidents)
        let inner = r.width - 2
        let x = r.x + 1
        if state.incidentPane.incidents.isEmpty {
            let text: String
            if state.feedStatus[.incidents]?.lastSuccess == nil {
                text = state.feedStatus[.incidents]?.lastError.map { "could not load incidents: \($0.description)" } ?? "loading incidents…"
            } else { text = "no open incidents" }
            canvas.write(text, x: x + 1, y: r.y + 1, style: CellStyle(.dim), maxWidth: inner - 2)
            if let note = state.settings.incidentsNotListed, r.height > 3 {
                canvas.write("not listed: " + note, x: x + 1, y: r.y + 2, style: CellStyle(.dim), maxWidth: inner - 2)
            }
            return
        }
        // Impacted services and responders get a column each when the message keeps 30 cells.
        // Services and responders get a column each only when some incident has them; the
        // message keeps the room otherwise.
        let hasSide = state.incidentPane.incidents.contains { !($0.impactedServices ?? []).isEmpty || !($0.responders ?? []).isEmpty }
        let side = !hasSide ? 0 : (inner >= 110 ? 22 : (inner >= 70 ? 14 : 0))
        let header = "  " + state.pad("#", 5) + " " + state.pad("P", 2) + " " + state.pad("STATE", 9) + " " + state.pad("AGE", 4) + " "
        let messageWidth = inner - TerminalText.width(of: header) - (side > 0 ? 2 * (side + 1) : 0)
        var head = header + state.pad("MESSAGE", messageWidth)
        if side > 0 { head += " " + state.pad("SERVICES", side) + " " + "RESPONDERS" }
        canvas.write(head, x: x, y: r.y + 1, style: CellStyle(.dim, bold: true), maxWidth: inner)
        var rows = r.height - 3
        // Sources whose incidents are not in the list say so on the pane's last line.
        if let note = state.settings.incidentsNotListed, rows > 1 {
            rows -= 1
            canvas.write("not listed: " + note, x: x + 1, y: r.y + r.height - 2, style: CellStyle(.dim), maxWidth: inner - 2)
        }
        let selectedRow = state.incidentPane.selectedId.flatMap { id in state.incidentPane.incidents.firstIndex { $0.id == id } } ?? 0
        let top = max(0, selectedRow - rows + 1)
        for (i, incident) in state.incidentPane.incidents.enumerated().dropFirst(top).prefix(rows) {
            drawIncidentRow(&canvas, incident, x: x, y: r.y + 2 + i - top, inner: inner, side: side, messageWidth: messageWidth)
        }
        if state.incidentPane.haveMore || state.incidentPane.incidents.count > rows {
            let info = " \(top + 1)-\(min(state.incidentPane.incidents.count, top + rows))/\(state.incidentPane.incidents.count)\(state.incidentPane.haveMore ? "+" : "") "
            canvas.write(info, x: r.x + r.width - TerminalText.width(of: info) - 2, y: r.y + r.height - 1, style: CellStyle(.border))
        }
    }

    private func drawIncidentRow(_ canvas: inout Canvas, _ incident: Incident, x: Int, y: Int, inner: Int, side: Int, messageWidth: Int) {
        let selected = incident.id == state.incidentPane.selectedId && state.panes.focus == .incidents
        let base = CellStyle(selected ? .selection : .text)
        canvas.fill(x: x, y: y, width: inner, height: 1, style: base)
        let pending = state.pendingAction(onIncident: incident.id)
        let marker: (String, ColorRole)
        if pending != nil { marker = ("…", .pending) }
        else if state.recentlyFailed(incident.id) { marker = ("!", .failed) }
        else { marker = (incident.id == state.incidentPane.selectedId ? "›" : " ", .text) }
        canvas.write(marker.0, x: x, y: y, style: selected ? base : CellStyle(marker.1, bold: true), maxWidth: 1)
        var column = x + 2
        func cell(_ text: String, _ width: Int, _ style: CellStyle) {
            canvas.write(text, x: column, y: y, style: style, maxWidth: width)
            column += width + 1
        }
        cell("#\(incident.tinyId ?? "?")", 5, base)
        cell(incident.priority?.rawValue ?? "P?", 2, selected ? CellStyle(.selection, bold: true) : CellStyle(DashboardState.role(for: incident.priority), bold: true))
        let open = IncidentPane.isOpen(incident)
        let word = pending.map { $0.request.verb + "…" } ?? (incident.status ?? "open")
        cell(word, 9, selected ? base : CellStyle(pending != nil ? .pending : (open ? .critical : .dim)))
        cell(paneAge(state.now.timeIntervalSince(incident.createdAt ?? state.now)), 4, selected ? base : CellStyle(.dim))
        cell(state.sourcePrefix(incident.origin) + (incident.message ?? ""), messageWidth, open || selected ? base : CellStyle(.dim))
        guard side > 0 else { return }
        cell((incident.impactedServices ?? []).joined(separator: ","), side, selected ? base : CellStyle(.dim))
        cell(Self.responderNames(incident.responders), side, selected ? base : CellStyle(.dim))
    }

    static func responderNames(_ responders: [Responder]?, separator: String = ",") -> String {
        (responders ?? []).map { $0.name ?? $0.username ?? $0.id ?? "?" }.joined(separator: separator)
    }
}

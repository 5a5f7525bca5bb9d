import Foundation
import OperationsModel

/// The acknowledged-and-forgotten view in the alerts pane: alerts acknowledged longer ago than `stale_ack` and still open, oldest acknowledgement first.
struct ForgottenPaneView {
    /// The dashboard it draws.
    let state: DashboardState

    /// What the view's title says it is.
    var forgottenTitle: String {
        let cut = compactAge(state.settings.staleAck)
        guard let forgotten = state.alertPane.forgotten.list else { return "Acknowledged and forgotten (acked over \(cut) ago, still open) … · F: back" }
        let unknown = forgotten.withoutTime > 0 ? " · \(forgotten.withoutTime) acked with no time given" : ""
        return "Acknowledged and forgotten: \(forgotten.entries.count) acked over \(cut) ago, still open\(unknown) · F: back"
    }

    func draw(_ canvas: inout Canvas, _ r: Layout.Rect) {
        canvas.box(x: r.x, y: r.y, width: r.width, height: r.height, title: forgottenTitle, focused: state.panes.focus == .alerts)
        let inner = r.width - 2
        let x = r.x + 1
        guard let forgotten = state.alertPane.forgotten.list else {
            let text = state.alertPane.forgotten.error.map { "could not load acknowledged alerts: \($0.description)" } ?? "loading acknowledged alerts…"
            canvas.write(text, x: x + 1, y: r.y + 1, style: CellStyle(.dim), maxWidth: inner - 1)
            return
        }
        let source = state.sourceColumn
        let header = "  " + (source.map { state.pad("SRC", $0) + " " } ?? "") + state.pad("#", 6) + " " + state.pad("P", 2) + " " + state.pad("ACKED", 6) + " " + state.pad("BY", 10) + " MESSAGE"
        canvas.write(header, x: x, y: r.y + 1, style: CellStyle(.dim, bold: true), maxWidth: inner)
        if forgotten.entries.isEmpty {
            canvas.write("none: every open alert was acknowledged less than \(compactAge(state.settings.staleAck)) ago", x: x + 2, y: r.y + 2,
                         style: CellStyle(.ok), maxWidth: inner - 2)
            return
        }
        let rows = max(0, r.height - 3)
        let selected = min(state.alertPane.forgotten.selected, forgotten.entries.count - 1)
        let first = max(0, min(selected - rows + 1, forgotten.entries.count - rows))
        for (i, entry) in forgotten.entries.enumerated().dropFirst(first).prefix(rows).map({ $0 }) {
            let alert = entry.alert
            let isSelected = i == selected && state.panes.focus == .alerts
            let y = r.y + 2 + i - first
            let by = (alert.report?.acknowledgedBy ?? alert.owner ?? "").split(separator: "@").first.map(String.init) ?? "?"
            var text = "  " + (source.map { state.pad(state.sourcesLabel(alert), $0) + " " } ?? "")
            text += state.pad("#\(alert.tinyId ?? "?")", 6) + " " + state.pad(alert.priority?.rawValue ?? "P?", 2) + " "
            text += state.pad(compactAge(state.now.timeIntervalSince(entry.acknowledgedAt)), 6) + " " + state.pad(by.isEmpty ? "?" : by, 10) + " " + (alert.message ?? "")
            if isSelected { canvas.fill(x: x, y: y, width: inner, height: 1, style: CellStyle(.selection)) }
            canvas.write(text, x: x, y: y, style: isSelected ? CellStyle(.selection) : CellStyle(DashboardState.role(for: alert.priority)), maxWidth: inner)
        }
        if forgotten.entries.count > rows {
            let info = " \(first + 1)-\(min(forgotten.entries.count, first + rows))/\(forgotten.entries.count) "
            canvas.write(info, x: r.x + r.width - TerminalText.width(of: info) - 2, y: r.y + r.height - 1, style: CellStyle(.warn))
        }
    }
}

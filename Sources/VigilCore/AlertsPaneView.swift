import Foundation
import OperationsModel

/// The alerts pane: true counts by priority, the filter, and a row per alert in view with its state, pending action and marks.
struct AlertsPaneView {
    /// The dashboard it draws.
    let state: DashboardState

    func draw(_ canvas: inout Canvas, _ r: Layout.Rect) {
        // True counts from the account, not from what is loaded.
        var counts = "[" + AlertPriority.all.enumerated().map { i, p in "\(p.rawValue):\(state.alertPane.list.counts[i])" }.joined(separator: " ") + "]"
        if state.alertPane.list.counts.prefix(AlertPriority.all.count).allSatisfy({ $0 == 0 }), state.alertPane.list.total > 0 {
            counts = "[a saved search has no counts per priority]"
        }
        // Counts that never came are not zeros.
        let figures = state.alertPane.everLoaded ? "\(state.alertPane.list.total) \(counts)" : "…"
        let shared = state.alertPane.everLoaded ? state.sharedFigure : nil
        // Marks decide what the next action acts on: their number is in sight, Esc clears them.
        let marked = state.alertPane.marked.isEmpty ? nil : state.alertPane.marked.count
        // Counted once a frame: it walks the loaded rows above the view (thousands in a storm).
        let newAbove = self.newAbove
        let sign = newAbove > 0 ? TerminalText.width(of: " ↑ \(newAbove) new above (g) ") + 1 : 0
        canvas.box(x: r.x, y: r.y, width: r.width, height: r.height,
                   title: Self.title(figures, shared: shared, marked: marked, filter: state.filterDescription, room: r.width - 6 - sign),
                   focused: state.panes.focus == .alerts)
        let inner = r.width - 2
        let x = r.x + 1
        let columns = AlertColumns(inner: inner, source: state.sourceColumn)
        var header = "  " + (columns.source.map { state.pad("SRC", $0) + " " } ?? "") + state.pad("#", columns.tinyId) + " " + state.pad("P", columns.priority) + " " + state.pad("STATE", columns.state) + " " + state.pad("AGE", columns.age) + " "
        if let w = columns.count { header += state.pad("CNT", w) + " " }
        if let w = columns.owner { header += state.pad("OWNER", w) + " " }
        if let w = columns.team { header += state.pad("TEAM", w) + " " }
        canvas.write(header + "MESSAGE", x: x, y: r.y + 1, style: CellStyle(.dim, bold: true), maxWidth: inner)
        let rows = r.height - 3
        if state.alertPane.list.total == 0 {
            let text: String
            if !state.alertPane.everLoaded {
                text = state.feedStatus[.alerts]?.lastError.map { "could not load alerts: \($0.description)\(state.retryText(.alerts))" } ?? state.waitingText(.alerts, what: "alerts")
            }
            else { text = "no alerts match \(state.filterDescription)" }
            canvas.write(text, x: x + 2, y: r.y + 2, style: CellStyle(.dim), maxWidth: inner - 2)
            return
        }
        for row in state.alertPane.scrollTop..<max(state.alertPane.scrollTop, min(state.alertPane.list.total, state.alertPane.scrollTop + rows)) {
            let y = r.y + 2 + row - state.alertPane.scrollTop
            if let alert = state.alertPane.list.alert(atRow: row) {
                drawAlertRow(&canvas, alert, x: x, y: y, inner: inner, columns: columns)
            } else {
                drawPlaceholderRow(&canvas, row, x: x, y: y, inner: inner)
            }
        }
        if newAbove > 0 {
            // New alerts (a storm's P1s) that arrived above the view are not left unsaid.
            let sign = " ↑ \(newAbove) new above (g) "
            canvas.write(sign, x: max(r.x + 1, r.x + r.width - TerminalText.width(of: sign) - 2), y: r.y, style: CellStyle(.newAlert, bold: true))
        }
        if state.alertPane.list.total > rows {
            let info = " \(state.alertPane.scrollTop + 1)-\(min(state.alertPane.list.total, state.alertPane.scrollTop + rows))/\(state.alertPane.list.total) "
            canvas.write(info, x: r.x + r.width - TerminalText.width(of: info) - 2, y: r.y + r.height - 1, style: CellStyle(.border))
        }
    }

    /// New alerts (`●`) on rows scrolled above the view.
    /// The pane's title in `room` columns, whole words only: `Alerts 1204 [P1:…] · 38 in two
    /// sources · 2 marked (Esc clears) status:open`. Short of room the shared figure and the
    /// marks take their short forms (`· 38 shared`, `· 2 marked`), then the filter goes (it
    /// is on the status line's help and `/`); the counts stay.
    static func title(_ figures: String, shared: String?, marked: Int?, filter: String, room: Int) -> String {
        let short = shared.map { $0.replacingOccurrences(of: " in two sources", with: " shared").replacingOccurrences(of: " in several sources", with: " shared") }
        let attempts: [[String?]] = [
            [shared, marked.map { " · \($0) marked (Esc clears)" }, " " + filter],
            [short, marked.map { " · \($0) marked" }, " " + filter],
            [short, marked.map { " · \($0) marked" }],
        ]
        for parts in attempts {
            let title = "Alerts \(figures)" + parts.compactMap { $0 }.joined()
            if TerminalText.width(of: title) <= room { return title }
        }
        return "Alerts \(figures)" + ([short, marked.map { " · \($0) marked" }].compactMap { $0 }.joined())
    }

    var newAbove: Int {
        guard state.alertPane.scrollTop > 0, state.alertPane.firstLoadedAt != nil else { return 0 }
        return state.alertPane.list.loaded.lazy.filter { $0.row < state.alertPane.scrollTop && state.isNew($0.alert) }.count
    }

    /// A row whose page is not loaded: on its way, or past what the service pages to.
    func drawPlaceholderRow(_ canvas: inout Canvas, _ row: Int, x: Int, y: Int, inner: Int) {
        let selected = row == state.alertPane.cursor
        canvas.fill(x: x, y: y, width: inner, height: 1, style: CellStyle(selected ? .selection : .text))
        let priority = state.alertPane.list.location(ofRow: row)?.key.priority?.rawValue ?? "P?"
        let text = state.alertPane.list.isBeyondPagingLimit(row)
            ? "\(priority) — beyond the 20,000 alerts a list can page to; narrow the filter to see these"
            : "\(priority) loading…"
        canvas.write(text, x: x + 2, y: y, style: CellStyle(selected ? .selection : .dim), maxWidth: inner - 2)
    }

    func drawAlertRow(_ canvas: inout Canvas, _ alert: Alert, x: Int, y: Int, inner: Int, columns: AlertColumns) {
        let selected = alert.id == state.alertPane.selectedId
        let base = CellStyle(selected ? .selection : .text, reverse: false)
        canvas.fill(x: x, y: y, width: inner, height: 1, style: base)
        let pending = state.pendingAction(on: alert.id) ?? state.pendingCopyAction(alert)
        let marker = rowMarker(alert, pending: pending)
        canvas.write(marker.0, x: x, y: y, style: selected ? base : CellStyle(marker.1, bold: true), maxWidth: 1)
        var column = x + 2
        func cell(_ text: String, _ width: Int?, _ style: CellStyle) {
            guard let width else { return }
            canvas.write(text, x: column, y: y, style: style, maxWidth: width)
            column += width + 1
        }
        cell(state.sourcesLabel(alert), columns.source, selected ? base : CellStyle(.title))
        cell(alert.tinyId.map { "#\($0)" } ?? "", columns.tinyId, base)
        cell(alert.priority?.rawValue ?? "P?", columns.priority,
             selected ? CellStyle(.selection, bold: true) : CellStyle(DashboardState.role(for: alert.priority), bold: true))
        var (label, role) = state.rowStateLabel(alert)
        if let pending { (label, role) = (pending.request.verb + "…", .pending) }
        cell(label, columns.state, selected ? base : CellStyle(role))
        cell(paneAge(state.now.timeIntervalSince(alert.createdAt ?? state.now)), columns.age, selected ? base : CellStyle(.dim))
        cell(String(alert.count ?? 1), columns.count, base)
        let owner = (state.rowOwner(alert) ?? "").split(separator: "@").first.map(String.init) ?? ""
        cell(owner.isEmpty ? "-" : owner, columns.owner, base)
        cell(alert.responders?.first { $0.type == .team }.flatMap { $0.name ?? $0.id } ?? "-", columns.team, base)
        canvas.write(alert.message ?? "", x: column, y: y, style: alert.acknowledged == true && !selected ? CellStyle(.dim) : base,
                     maxWidth: x + inner - column)
    }

    /// The first cell of a row: pending action, recent failure, marked, new.
    func rowMarker(_ alert: Alert, pending: ActionRecord?) -> (String, ColorRole) {
        if pending != nil { return ("…", .pending) }
        if state.recentlyFailed(alert.id) || state.copyRecentlyFailed(alert) { return ("!", .failed) }
        if state.alertPane.marked.contains(alert.id) { return ("*", .marked) }
        if state.isNew(alert) { return ("●", .newAlert) }
        return (" ", .text)
    }


}

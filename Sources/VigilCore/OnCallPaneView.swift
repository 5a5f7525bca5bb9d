import Foundation
import OperationsModel

/// The on-call pane: who is on call now and next, per schedule (and per source when several share the screen).
struct OnCallPaneView {
    /// The dashboard it draws.
    let state: DashboardState

    func draw(_ canvas: inout Canvas, _ r: Layout.Rect) {
        canvas.box(x: r.x, y: r.y, width: r.width, height: r.height, title: "On call", focused: state.panes.focus == .onCall)
        if state.feeds.onCall.isEmpty {
            if state.feeds.limits[.onCall]?.isEmpty == false { DataPaneFrame(state: state).drawLimits(&canvas, r, kind: .onCall, from: r.y + 1); return }
            DataPaneFrame(state: state).drawEmpty(&canvas, r, kind: .onCall, what: "on-call", none: "no schedules")
            return
        }
        var y = r.y + 1
        let frame = DataPaneFrame(state: state)
        let rows = frame.rowsForData(r, kind: .onCall)
        let end = r.y + 1 + rows
        // Two lines a schedule; scrolled with j/k while the pane has the focus.
        let fits = max(1, rows / 2), count = state.feeds.onCall.count
        let first = max(0, min(state.panes.listScroll[.onCall] ?? 0, count - fits))
        defer {
            frame.drawLimits(&canvas, r, kind: .onCall, from: y)
            frame.drawScrollInfo(&canvas, r, pane: .onCall, first: first, shown: min(fits, count - first), count: count)
        }
        for summary in state.feeds.onCall.dropFirst(first) {
            guard y < end else { break }
            let handoff = summary.handoffAt.map { $0.timeIntervalSince(state.now) }
            let soon = (handoff ?? .infinity) < 3600
            canvas.write(state.sourcePrefix(summary.origin) + summary.scheduleName, x: r.x + 2, y: y, style: CellStyle(.title, bold: true), maxWidth: r.width - 4)
            y += 1
            guard y < end else { break }
            let nowNames = summary.current.map { $0.split(separator: "@").first.map(String.init) ?? $0 }.joined(separator: ", ")
            let nextNames = summary.next.map { $0.split(separator: "@").first.map(String.init) ?? $0 }.joined(separator: ", ")
            var text = "  now \(nowNames.isEmpty ? "nobody" : nowNames) → \(nextNames.isEmpty ? "?" : nextNames)"
            if let handoff { text += " in \(countdown(handoff))" }
            canvas.write(text, x: r.x + 2, y: y, style: CellStyle(soon ? .warn : .text, bold: soon), maxWidth: r.width - 4)
            y += 1
        }
    }
}

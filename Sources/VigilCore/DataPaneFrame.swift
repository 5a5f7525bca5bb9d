import Foundation
import OperationsModel

/// What the on-call and heartbeats panes share: the empty and waiting states, and the limits of the account (a plan, a team without access) said in the pane.
struct DataPaneFrame {
    /// The dashboard it draws.
    let state: DashboardState

    /// An empty pane says why: still loading, could not load (and why, wrapped), or none.
    func drawEmpty(_ canvas: inout Canvas, _ r: Layout.Rect, kind: DataKind, what: String, none: String) {
        let text: String
        if state.feedStatus[kind]?.lastSuccess != nil { text = none }
        else { text = state.feedStatus[kind]?.lastError.map { "could not load \(what): \($0.description)\(state.retryText(kind))" } ?? state.waitingText(kind, what: what) }
        for (i, line) in TerminalText.wrap(text, columns: max(1, r.width - 4)).prefix(max(1, r.height - 2)).enumerated() {
            canvas.write(line, x: r.x + 2, y: r.y + 1 + i, style: CellStyle(.dim), maxWidth: r.width - 4)
        }
    }

    /// What the account cannot read of a pane (a plan, a team, a schedule), wrapped, from row
    /// `y` to the pane's last inner row; the source named when several share the screen.
    func drawLimits(_ canvas: inout Canvas, _ r: Layout.Rect, kind: DataKind, from y: Int) {
        var y = y
        for limit in state.feeds.limits[kind] ?? [] {
            for line in TerminalText.wrap(state.sourcePrefix(limit.origin) + limit.text, columns: max(1, r.width - 4)) {
                guard y < r.y + r.height - 1 else { return }
                canvas.write(line, x: r.x + 2, y: y, style: CellStyle(.warn), maxWidth: r.width - 4)
                y += 1
            }
        }
    }

    /// `3-6/12 ↓ j/k scroll` on the bottom border when a listing pane holds more than it shows.
    func drawScrollInfo(_ canvas: inout Canvas, _ r: Layout.Rect, pane: Pane, first: Int, shown: Int, count: Int) {
        guard count > shown else { return }
        let hint = state.panes.focus == pane ? " j/k scroll " : " Tab here, j/k scroll "
        let info = " \(first + 1)-\(first + shown)/\(count)\(first + shown < count ? " ↓" : "")\(hint)"
        canvas.write(info, x: max(r.x + 2, r.x + r.width - TerminalText.width(of: info) - 2), y: r.y + r.height - 1, style: CellStyle(.border))
    }

    /// Rows left for data once the pane's limits have their lines (at least one row for data).
    func rowsForData(_ r: Layout.Rect, kind: DataKind) -> Int {
        let limitLines = (state.feeds.limits[kind] ?? []).reduce(0) { $0 + TerminalText.wrap(state.sourcePrefix($1.origin) + $1.text, columns: max(1, r.width - 4)).count }
        return max(1, r.height - 2 - limitLines)
    }
}

import Foundation
import OperationsModel

/// The heartbeats pane: expired first, then enabled, then disabled, each with its last ping.
struct HeartbeatsPaneView {
    /// The dashboard it draws.
    let state: DashboardState

    func draw(_ canvas: inout Canvas, _ r: Layout.Rect) {
        let expired = state.feeds.heartbeats.filter { $0.expired == true }.count
        let unreadable = state.feeds.heartbeats.isEmpty && state.feeds.limits[.heartbeats]?.isEmpty == false
        canvas.box(x: r.x, y: r.y, width: r.width, height: r.height, title: state.feedStatus[.heartbeats]?.lastSuccess == nil && state.feeds.heartbeats.isEmpty
                   ? "Heartbeats …" : unreadable ? "Heartbeats" : "Heartbeats \(state.feeds.heartbeats.count)\(expired > 0 ? " (\(expired) expired)" : "")",
                   focused: state.panes.focus == .heartbeats)
        if state.feeds.heartbeats.isEmpty {
            if state.feeds.limits[.heartbeats]?.isEmpty == false { DataPaneFrame(state: state).drawLimits(&canvas, r, kind: .heartbeats, from: r.y + 1); return }
            DataPaneFrame(state: state).drawEmpty(&canvas, r, kind: .heartbeats, what: "heartbeats", none: "no heartbeats")
            return
        }
        let rows = DataPaneFrame(state: state).rowsForData(r, kind: .heartbeats)
        let count = state.feeds.heartbeats.count
        let first = max(0, min(state.panes.listScroll[.heartbeats] ?? 0, count - rows))
        defer { DataPaneFrame(state: state).drawLimits(&canvas, r, kind: .heartbeats, from: r.y + 1 + min(rows, state.feeds.heartbeats.count)) }
        // The state, ping, interval and time left need 26 columns; the name gets the rest, up to 24.
        let longest = state.feeds.heartbeats.map { TerminalText.width(of: $0.name) }.max() ?? 8
        let nameWidth = min(24, longest, max(8, r.width - 4 - 26 - (state.sourceColumn.map { $0 + 1 } ?? 0)))
        defer { DataPaneFrame(state: state).drawScrollInfo(&canvas, r, pane: .heartbeats, first: first, shown: min(rows, count - first), count: count) }
        for (i, beat) in state.feeds.heartbeats.dropFirst(first).prefix(rows).enumerated() {
            let y = r.y + 1 + i
            let interval = beat.intervalDuration.map { $0.timeInterval } ?? 0
            let since = beat.lastPingTime.map { state.now.timeIntervalSince($0) }
            let left = since.map { interval - $0 }
            let (word, role): (String, ColorRole)
            if beat.enabled == false { (word, role) = ("disabled", .dim) }
            else if beat.expired == true || (left ?? 1) < 0 { (word, role) = ("EXPIRED", .critical) }
            else if let left, interval > 0, left < interval * 0.25 { (word, role) = ("ok", .warn) }
            else { (word, role) = ("ok", .ok) }
            let ping = since.map { paneAge($0) } ?? "-"
            let leftText = left.map { $0 >= 0 ? "\(countdown($0)) left" : "\(paneAge(-$0)) late" } ?? ""
            let text = state.sourceCell(beat.origin) + "\(state.pad(TerminalText.fit(beat.name, columns: nameWidth), nameWidth)) \(state.pad(word, 7)) \(state.pad(ping, 4))/\(state.pad(compactAge(interval), 3)) \(leftText)"
            canvas.write(text, x: r.x + 2, y: y, style: CellStyle(role, bold: role == .critical), maxWidth: r.width - 4)
        }
    }
}

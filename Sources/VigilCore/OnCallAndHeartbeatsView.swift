import Foundation
import OperationsModel

/// The on-call and heartbeats panes (grouped by source when several share the screen).
extension DashboardState {
    /// An empty pane says why: still loading, could not load (and why, wrapped), or none.
    private func drawEmpty(_ canvas: inout Canvas, _ r: Layout.Rect, kind: DataKind, what: String, none: String) {
        let text: String
        if feedStatus[kind]?.lastSuccess != nil { text = none }
        else { text = feedStatus[kind]?.lastError.map { "could not load \(what): \($0.description)\(retryText(kind))" } ?? waitingText(kind, what: what) }
        for (i, line) in Self.wrap(text, columns: max(1, r.width - 4)).prefix(max(1, r.height - 2)).enumerated() {
            canvas.write(line, x: r.x + 2, y: r.y + 1 + i, style: CellStyle(.dim), maxWidth: r.width - 4)
        }
    }

    /// What the account cannot read of a pane (a plan, a team, a schedule), wrapped, from row
    /// `y` to the pane's last inner row; the source named when several share the screen.
    private func drawLimits(_ canvas: inout Canvas, _ r: Layout.Rect, kind: DataKind, from y: Int) {
        var y = y
        for limit in limits[kind] ?? [] {
            for line in Self.wrap(sourcePrefix(limit.origin) + limit.text, columns: max(1, r.width - 4)) {
                guard y < r.y + r.height - 1 else { return }
                canvas.write(line, x: r.x + 2, y: y, style: CellStyle(.warn), maxWidth: r.width - 4)
                y += 1
            }
        }
    }

    /// Rows left for data once the pane's limits have their lines (at least one row for data).
    private func rowsForData(_ r: Layout.Rect, kind: DataKind) -> Int {
        let limitLines = (limits[kind] ?? []).reduce(0) { $0 + Self.wrap(sourcePrefix($1.origin) + $1.text, columns: max(1, r.width - 4)).count }
        return max(1, r.height - 2 - limitLines)
    }

    func drawOnCall(_ canvas: inout Canvas, _ r: Layout.Rect) {
        canvas.box(x: r.x, y: r.y, width: r.width, height: r.height, title: "On call", focused: focus == .onCall)
        if onCall.isEmpty {
            if limits[.onCall]?.isEmpty == false { drawLimits(&canvas, r, kind: .onCall, from: r.y + 1); return }
            drawEmpty(&canvas, r, kind: .onCall, what: "on-call", none: "no schedules")
            return
        }
        var y = r.y + 1
        let end = r.y + 1 + rowsForData(r, kind: .onCall)
        defer { drawLimits(&canvas, r, kind: .onCall, from: y) }
        for summary in onCall {
            guard y < end else { break }
            let handoff = summary.handoffAt.map { $0.timeIntervalSince(now) }
            let soon = (handoff ?? .infinity) < 3600
            canvas.write(sourcePrefix(summary.origin) + summary.scheduleName, x: r.x + 2, y: y, style: CellStyle(.title, bold: true), maxWidth: r.width - 4)
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

    func drawHeartbeats(_ canvas: inout Canvas, _ r: Layout.Rect) {
        let expired = heartbeats.filter { $0.expired == true }.count
        let unreadable = heartbeats.isEmpty && limits[.heartbeats]?.isEmpty == false
        canvas.box(x: r.x, y: r.y, width: r.width, height: r.height, title: feedStatus[.heartbeats]?.lastSuccess == nil && heartbeats.isEmpty
                   ? "Heartbeats …" : unreadable ? "Heartbeats" : "Heartbeats \(heartbeats.count)\(expired > 0 ? " (\(expired) expired)" : "")",
                   focused: focus == .heartbeats)
        if heartbeats.isEmpty {
            if limits[.heartbeats]?.isEmpty == false { drawLimits(&canvas, r, kind: .heartbeats, from: r.y + 1); return }
            drawEmpty(&canvas, r, kind: .heartbeats, what: "heartbeats", none: "no heartbeats")
            return
        }
        let rows = rowsForData(r, kind: .heartbeats)
        defer { drawLimits(&canvas, r, kind: .heartbeats, from: r.y + 1 + min(rows, heartbeats.count)) }
        // The state, ping, interval and time left need 26 columns; the name gets the rest, up to 14.
        let nameWidth = min(14, max(8, r.width - 4 - 26 - (sourceColumn.map { $0 + 1 } ?? 0)))
        for (i, beat) in heartbeats.prefix(rows).enumerated() {
            let y = r.y + 1 + i
            let interval = beat.intervalDuration.map { $0.timeInterval } ?? 0
            let since = beat.lastPingTime.map { now.timeIntervalSince($0) }
            let left = since.map { interval - $0 }
            let (state, role): (String, ColorRole)
            if beat.enabled == false { (state, role) = ("disabled", .dim) }
            else if beat.expired == true || (left ?? 1) < 0 { (state, role) = ("EXPIRED", .critical) }
            else if let left, interval > 0, left < interval * 0.25 { (state, role) = ("ok", .warn) }
            else { (state, role) = ("ok", .ok) }
            let ping = since.map { paneAge($0) } ?? "-"
            let leftText = left.map { $0 >= 0 ? "\(countdown($0)) left" : "\(paneAge(-$0)) late" } ?? ""
            let text = sourceCell(beat.origin) + "\(pad(TerminalText.fit(beat.name, columns: nameWidth), nameWidth)) \(pad(state, 7)) \(pad(ping, 4))/\(pad(compactAge(interval), 3)) \(leftText)"
            canvas.write(text, x: r.x + 2, y: y, style: CellStyle(role, bold: role == .critical), maxWidth: r.width - 4)
        }
    }
}

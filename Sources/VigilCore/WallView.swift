import Foundation
import OperationsModel

/// The wall: the screen nobody touches. Counts per priority in large digits, the open P1 and
/// P2 alerts as large rows, who is on call, the expired heartbeats, and a red banner across
/// the top when anything is stale. A new P1 flashes the frame until a key or an acknowledge.
extension DashboardState {

    /// The oldest last success among the stale kinds that ever had one, while the screen is stale.
    var wallLastGoodData: Date? {
        staleKinds.compactMap { feedStatus[$0]?.lastSuccess }.min()
    }

    /// Unacknowledged open alerts of a priority: exact when the whole list is loaded, or from
    /// the poll's own counts in a storm.
    func unacknowledgedCount(segment: Int) -> Int? {
        if let unacked = alertPane.list.unacknowledged { return unacked[segment] }
        return nil
    }

}

/// The wall: big counts, the urgent alerts and what is stale, for a screen nobody types at.
struct WallView {
    /// The dashboard it draws.
    let state: DashboardState

    func render() -> Canvas {
        var canvas = Canvas(width: state.width, height: state.height)
        let flashing = !state.wallWatch.alarm.isEmpty && Int(state.now.timeIntervalSince1970) % 2 == 0
        canvas.box(x: 0, y: 0, width: state.width, height: state.height, title: "vigil wall — \(state.settings.host)", focused: flashing)
        if flashing {
            let text = " NEW P1 — any key stops this "
            canvas.fill(x: 0, y: 0, width: state.width, height: 1, style: CellStyle(.p1, bold: true))
            canvas.write(text, x: max(0, (state.width - TerminalText.width(of: text)) / 2), y: 0, style: CellStyle(.p1, bold: true))
        }
        var y = 1
        y = drawWallBanner(&canvas, y: y)
        y = drawWallCounts(&canvas, y: y)
        let footer = min(state.height - 2, max(y + 3, state.height - 2 - wallFooterRows))
        drawWallUrgent(&canvas, y: y, bottom: footer)
        drawWallFooter(&canvas, y: footer)
        if let message = state.messages.last, state.now.timeIntervalSince(message.at) < 30 || message.level == .error {
            canvas.write(" \(message.text) ", x: 2, y: state.height - 1, style: CellStyle(message.level == .info ? .text : .warn, bold: true),
                         maxWidth: state.width - 4)
        }
        return canvas
    }

    /// STALE across the whole width, or the clock and ages when all is fresh.
    private func drawWallBanner(_ canvas: inout Canvas, y: Int) -> Int {
        let stale = state.staleKinds
        let clock = state.clockText
        let reasons = stale.map { "\($0.rawValue) \(state.staleAge($0))\(state.feedStatus[$0]?.lastError.map { " \($0.faultClass.rawValue)" } ?? "")" }
        if let sources = state.staleSourcesText {
            // A failing source first: it is the why; kinds stale everywhere follow.
            canvas.fill(x: 1, y: y, width: state.width - 2, height: 1, style: CellStyle(.stale, bold: true))
            let also = reasons.isEmpty ? "" : " · also stale: " + reasons.joined(separator: " · ")
            canvas.write(" ■ STALE ■ \(sources)\(also)", x: 1, y: y, style: CellStyle(.stale, bold: true), maxWidth: state.width - clock.count - 4)
        } else if !stale.isEmpty, state.alertPane.everLoaded || state.feedStatus.values.contains(where: { $0.lastError != nil }) {
            canvas.fill(x: 1, y: y, width: state.width - 2, height: 1, style: CellStyle(.stale, bold: true))
            let lead = state.alertPane.everLoaded ? "" : "no data yet — "
            canvas.write(" ■ STALE ■ \(lead)\(reasons.joined(separator: " · "))", x: 1, y: y, style: CellStyle(.stale, bold: true), maxWidth: state.width - clock.count - 4)
        } else {
            let mode = state.settings.readOnly ? " · read-only" : ""
            let used = canvas.write(" alerts \(state.age(.alerts)) · heartbeats \(state.age(.heartbeats)) · on-call \(state.age(.onCall))\(mode)\(state.sharedFigure ?? "") · W: dashboard", x: 1, y: y,
                                    style: CellStyle(.dim), maxWidth: state.width - clock.count - 4)
            // Acknowledged long ago and still open: the room should see that number too.
            if let forgotten = state.alertPane.forgotten.list, !forgotten.entries.isEmpty {
                canvas.write(" · \(forgotten.entries.count) acked over \(compactAge(state.settings.staleAck)) ago, still open (F) ", x: 1 + used, y: y,
                             style: CellStyle(.warn, bold: true), maxWidth: max(0, state.width - clock.count - 4 - used))
            }
        }
        canvas.write(clock, x: state.width - clock.count - 2, y: y, style: CellStyle(.title, bold: true))
        return drawLastGoodData(&canvas, y: y + 2)
    }

    /// When the whole screen is stale: the time of the oldest data on it, in large digits, so
    /// the room sees from afar how old what it reads is. Nothing when all is fresh or nothing
    /// ever came.
    private func drawLastGoodData(_ canvas: inout Canvas, y: Int) -> Int {
        guard let lastGood = state.wallLastGoodData, state.height >= 24 else { return y }
        let time = String(DashboardState.clockFormat(lastGood, seconds: false).dropLast())  // HH:MM, UTC
        let label = "LAST GOOD DATA \(time)Z · \(paneAge(state.now.timeIntervalSince(lastGood))) ago"
        canvas.write(label, x: 2, y: y, style: CellStyle(.stale, bold: true), maxWidth: state.width - 4)
        for (row, line) in BlockDigits.rows(text: time).enumerated() {
            canvas.write(line, x: 2, y: y + 1 + row, style: CellStyle(.critical, bold: true), maxWidth: state.width - 4)
        }
        return y + 7
    }

    /// One tile per priority: the open count in large digits and the unacknowledged count.
    private func drawWallCounts(_ canvas: inout Canvas, y: Int) -> Int {
        let tileWidth = (state.width - 2) / AlertPriority.all.count
        let largest = state.alertPane.list.counts.prefix(AlertPriority.all.count).max() ?? 0
        // As large as the screen allows: digits at most a quarter of its height, within their tile.
        let scale = (1...6).last { s in s == 1 || (5 * s <= state.height / 4 && BlockDigits.width(largest, scale: s) <= tileWidth - 2) } ?? 1
        let digitsFit = BlockDigits.width(largest, scale: 1) <= tileWidth - 2
        let digitRows = digitsFit ? 5 * scale : 1
        for (i, priority) in AlertPriority.all.enumerated() {
            let x = 1 + i * tileWidth
            let role = DashboardState.role(for: priority)
            let count = state.alertPane.list.counts[i]
            canvas.write(priority.rawValue, x: x + 1, y: y, style: CellStyle(role, bold: true))
            if !state.alertPane.everLoaded {
                // Never a zero for data that never came.
                canvas.write("…", x: x + 4, y: y, style: CellStyle(.dim, bold: true))
            } else if digitsFit {
                for (row, line) in BlockDigits.rows(count, scale: scale).enumerated() {
                    canvas.write(line, x: x + 1, y: y + 1 + row, style: CellStyle(role == .p1 ? .critical : role, bold: true), maxWidth: tileWidth - 1)
                }
            } else {
                canvas.write(String(count), x: x + 4, y: y, style: CellStyle(role, bold: true))
            }
            let unacked = state.unacknowledgedCount(segment: i).map { "\($0) unacked" } ?? ""
            canvas.write(unacked, x: x + 1, y: y + 1 + digitRows, style: CellStyle(.warn), maxWidth: tileWidth - 1)
        }
        return y + digitRows + 3
    }

    /// The open incidents, then the open P1 and P2 alerts, one large row each: id, age,
    /// message, owner (impacted services for an incident).
    private func drawWallUrgent(_ canvas: inout Canvas, y: Int, bottom: Int) {
        var row = y
        let openIncidents = state.incidentPane.incidents.filter(IncidentPane.isOpen)
        if !openIncidents.isEmpty {
            canvas.write("OPEN INCIDENTS (\(openIncidents.count)\(state.incidentPane.haveMore ? "+" : ""))", x: 2, y: row, style: CellStyle(.title, bold: true))
            row += 1
            var shownIncidents = 0
            for incident in openIncidents where row < bottom - 3 {
                shownIncidents += 1
                let head = "\(incident.priority?.rawValue ?? "P?") incident \(state.sourceTag(incident.origin).map { "\($0) " } ?? "")#\(incident.tinyId ?? "?") \(paneAge(state.now.timeIntervalSince(incident.createdAt ?? state.now))) "
                canvas.write(head, x: 2, y: row, style: CellStyle(DashboardState.role(for: incident.priority), bold: true, reverse: (incident.priority?.rank ?? 6) <= 2))
                let services = (incident.impactedServices ?? []).joined(separator: ", ")
                canvas.write((incident.message ?? "") + (services.isEmpty ? "" : "  — \(services)"), x: 2 + TerminalText.width(of: head), y: row,
                             style: CellStyle(.text, bold: true), maxWidth: state.width - 4 - TerminalText.width(of: head))
                row += 1
            }
            if openIncidents.count > shownIncidents, row < bottom {
                canvas.write("… and \(openIncidents.count - shownIncidents) more open incidents", x: 2, y: row, style: CellStyle(.warn, bold: true), maxWidth: state.width - 4)
                row += 1
            }
            row += 1
        }
        let urgent = state.alertPane.list.loaded.map(\.alert).filter { ($0.priority?.rank ?? 6) <= 2 && $0.status != .closed }
        canvas.write("OPEN P1 / P2 (\(state.alertPane.list.counts[0] + state.alertPane.list.counts[1]))", x: 2, y: row, style: CellStyle(.title, bold: true))
        row += 1
        let total = state.alertPane.list.counts[0] + state.alertPane.list.counts[1]
        // Rows that fit, keeping the last for "and N more" when not all do.
        let fits = max(0, bottom - row)
        let shown = total > fits ? max(0, fits - 1) : fits
        for alert in urgent.prefix(shown) {
            let role = DashboardState.role(for: alert.priority)
            let owner = (alert.owner ?? "").split(separator: "@").first.map(String.init) ?? ""
            let word = state.isSnoozed(alert) ? "snoozed" : (alert.acknowledged == true ? "acked" : "OPEN")
            // With several sources each row names its own: two `#17`s are two alerts.
            let head = "\(alert.priority?.rawValue ?? "P?") \(state.sourceTag(alert.origin).map { _ in "\(state.sourcesLabel(alert)) " } ?? "")#\(alert.tinyId ?? "?") \(paneAge(state.now.timeIntervalSince(alert.createdAt ?? state.now))) \(word) "
            canvas.write(head, x: 2, y: row, style: CellStyle(role, bold: true))
            let tail = owner.isEmpty ? "" : "  — \(owner)"
            canvas.write((alert.message ?? "") + tail, x: 2 + TerminalText.width(of: head), y: row,
                         style: CellStyle(state.isSnoozed(alert) || alert.acknowledged == true ? .dim : .text, bold: !state.isSnoozed(alert) && alert.acknowledged != true),
                         maxWidth: state.width - 4 - TerminalText.width(of: head))
            row += 1
        }
        if !urgent.isEmpty, total > min(shown, urgent.count), row < bottom {
            canvas.write("… and \(total - min(shown, urgent.count)) more open P1/P2 — W for the dashboard", x: 2, y: row, style: CellStyle(.warn, bold: true),
                         maxWidth: state.width - 4)
        }
        if urgent.isEmpty {
            if state.alertPane.everLoaded { canvas.write("none open", x: 2, y: row, style: CellStyle(.ok, bold: true)) }
            else { canvas.write(state.feedStatus[.alerts]?.lastError.map { "no alerts loaded: \($0.description)" } ?? "loading alerts…", x: 2, y: row, style: CellStyle(.warn, bold: true), maxWidth: state.width - 4) }
        }
    }

    /// On call now per schedule (left) and expired heartbeats (right).
    private func drawWallFooter(_ canvas: inout Canvas, y: Int) {
        let half = (state.width - 2) / 2
        canvas.write("ON CALL", x: 2, y: y, style: CellStyle(.title, bold: true))
        for (i, summary) in state.feeds.onCall.prefix(state.height - 2 - y - 1).enumerated() {
            let names = summary.current.map { $0.split(separator: "@").first.map(String.init) ?? $0 }
            canvas.write("\(state.sourcePrefix(summary.origin))\(summary.scheduleName): \(names.joined(separator: ", "))", x: 2, y: y + 1 + i, style: CellStyle(.text), maxWidth: half - 3)
        }
        let expired = state.feeds.heartbeats.filter { $0.expired == true }
        canvas.write("HEARTBEATS", x: 1 + half, y: y, style: CellStyle(.title, bold: true))
        if state.unreadable(.heartbeats) {
            // Not "all ok": a plan without heartbeats shows none, and the wall says why.
            let why = state.feeds.limits[.heartbeats]?.first?.text ?? "not readable"
            canvas.write(why, x: 1 + half, y: y + 1, style: CellStyle(.warn), maxWidth: half - 2)
        } else if expired.isEmpty {
            canvas.write("all ok", x: 1 + half, y: y + 1, style: CellStyle(.ok))
        }
        for (i, beat) in expired.prefix(state.height - 2 - y - 1).enumerated() {
            canvas.write("EXPIRED \(state.sourcePrefix(beat.origin))\(beat.name)", x: 1 + half, y: y + 1 + i, style: CellStyle(.critical, bold: true), maxWidth: half - 2)
        }
    }

    private var wallFooterRows: Int { min(max(state.feeds.onCall.count, state.feeds.heartbeats.filter { $0.expired == true }.count) + 1, max(3, state.height / 4)) }
}

import Foundation
import OperationsModel

/// The detail pane: the selected alert (or incident) with its description, details, notes, log and the actions taken on it, scrolled with j/k.
struct DetailView {
    /// The dashboard it draws.
    let state: DashboardState

    /// ` by alice`, or nothing when the service did not say who (JSM's report often does not).
    static func by(_ who: String?) -> String { who.flatMap { $0.isEmpty ? nil : " by \($0)" } ?? "" }

    func draw(_ canvas: inout Canvas, _ r: Layout.Rect) {
        if state.panes.detailSubject == .incident {
            drawIncidentDetail(&canvas, r)
            return
        }
        canvas.box(x: r.x, y: r.y, width: r.width, height: r.height, title: "Detail", focused: state.panes.focus == .detail)
        guard let alert = state.selectedAlert else {
            canvas.write("no alert selected", x: r.x + 2, y: r.y + 1, style: CellStyle(.dim), maxWidth: r.width - 4)
            return
        }
        let detail = state.alertPane.details[alert.id]
        let full = detail?.alert ?? alert
        var lines: [(String, CellStyle)] = []
        lines.append(("\(state.sourceTag(alert.origin).map { _ in "[\(state.sourcesLabel(alert))] " } ?? "")#\(full.tinyId ?? "?") \(full.priority?.rawValue ?? "") \(full.message ?? "")", CellStyle(DashboardState.role(for: full.priority), bold: true)))
        // The list's alert is the freshest word on its state (an action shows there at once).
        var current = full
        current.acknowledged = alert.acknowledged
        current.snoozed = alert.snoozed
        current.snoozedUntil = alert.snoozedUntil
        current.status = alert.status
        // A merged row: each source's state (the lines below say which is which), any copy's owner.
        let stateWord = alert.copies.map { _ in state.rowStateLabel(alert).0 } ?? state.stateLabel(current).0
        let owner = alert.copies.map { _ in state.rowOwner(alert) } ?? full.owner
        lines.append(("state \(stateWord) · count \(full.count ?? 1) · owner \(owner.flatMap { $0.isEmpty ? nil : $0 } ?? "-") · source \(full.source ?? "-")", CellStyle(.text)))
        var times = "created \(paneAge(state.now.timeIntervalSince(full.createdAt ?? state.now))) ago"
        // Opsgenie keeps the report's ack time after an unacknowledge: only an acknowledged alert says it.
        if current.acknowledged == true, let ack = full.report?.ackTime { times += " · acked after \(compactAge(Double(ack) / 1000))\(Self.by(full.report?.acknowledgedBy))" }
        if let close = full.report?.closeTime { times += " · closed after \(compactAge(Double(close) / 1000))\(Self.by(full.report?.closedBy))" }
        lines.append((times, CellStyle(.dim)))
        lines += state.copyLines(alert)
        if let tags = full.tags, !tags.isEmpty { lines.append(("tags: " + tags.joined(separator: ", "), CellStyle(.text))) }
        if let responders = full.responders, !responders.isEmpty {
            lines.append(("responders: " + responders.map { "\($0.type ?? "?"):\(state.escalationName($0) ?? $0.name ?? $0.username ?? $0.id ?? "?")" }
                .joined(separator: ", "), CellStyle(.text)))
        }
        if let timeline = state.escalationTimeline(for: full) { lines += timeline.lines(alert: full, now: state.now) }
        if let description = full.description, !description.isEmpty { lines.append((description, CellStyle(.text))) }
        if let details = full.details, !details.isEmpty {
            lines.append((details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "  "), CellStyle(.dim)))
        }
        if let error = detail?.error { lines.append(("could not load detail: \(error)", CellStyle(.failed))) }
        else if detail == nil { lines.append(("loading notes and log…", CellStyle(.dim))) }
        // A merged row's notes and log are its own copy's: each line says whose.
        let whose = alert.copies.map { _ in " (\(alert.origin ?? "?"))" } ?? ""
        for note in detail?.notes.prefix(5) ?? [] {
            lines.append(("note\(whose) \(paneAge(state.now.timeIntervalSince(note.createdAt ?? state.now))) \(note.owner ?? ""): \(note.note ?? "")", CellStyle(.text)))
        }
        for log in detail?.logs.prefix(5) ?? [] {
            lines.append(("log\(whose) \(paneAge(state.now.timeIntervalSince(log.createdAt ?? state.now))) \(log.log ?? "")", CellStyle(.dim)))
        }
        lines += actionLines(on: alert.id)
        drawDetailLines(&canvas, r, lines)
    }

    func drawIncidentDetail(_ canvas: inout Canvas, _ r: Layout.Rect) {
        canvas.box(x: r.x, y: r.y, width: r.width, height: r.height, title: "Detail — incident", focused: state.panes.focus == .detail)
        guard let listed = state.selectedIncident else {
            let text = state.settings.incidentsElsewhere ?? "no incident selected"
            canvas.write(text, x: r.x + 2, y: r.y + 1, style: CellStyle(.dim), maxWidth: r.width - 4)
            return
        }
        let loaded = state.incidentPane.details[listed.id]
        let incident = loaded?.detail?.incident ?? listed
        var lines: [(String, CellStyle)] = []
        lines.append(("\(state.sourceTag(incident.origin).map { "[\($0)] " } ?? "")incident #\(incident.tinyId ?? "?") \(incident.priority?.rawValue ?? "") \(incident.message ?? "")",
                      CellStyle(DashboardState.role(for: incident.priority), bold: true)))
        lines.append(("state \(incident.status ?? "open") · created \(paneAge(state.now.timeIntervalSince(incident.createdAt ?? state.now))) ago · owner team \(incident.ownerTeam ?? "-")", CellStyle(.text)))
        if let services = incident.impactedServices, !services.isEmpty { lines.append(("impacted services: " + services.joined(separator: ", "), CellStyle(.text))) }
        if let responders = incident.responders, !responders.isEmpty { lines.append(("responders: " + IncidentsPaneView.responderNames(responders, separator: ", "), CellStyle(.text))) }
        if let tags = incident.tags, !tags.isEmpty { lines.append(("tags: " + tags.joined(separator: ", "), CellStyle(.text))) }
        if let description = incident.description, !description.isEmpty { lines.append((description, CellStyle(.text))) }
        if let details = incident.details, !details.isEmpty {
            lines.append((details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "  "), CellStyle(.dim)))
        }
        if let error = loaded?.error { lines.append(("could not load the incident: \(error)", CellStyle(.failed))) }
        else if loaded == nil { lines.append(("loading notes and log…", CellStyle(.dim))) }
        for note in loaded?.detail?.notes.prefix(5) ?? [] {
            lines.append(("note \(paneAge(state.now.timeIntervalSince(note.createdAt ?? state.now))) \(note.owner ?? ""): \(note.note ?? "")", CellStyle(.text)))
        }
        for log in loaded?.detail?.log.prefix(5) ?? [] {
            lines.append(("log \(paneAge(state.now.timeIntervalSince(log.createdAt ?? state.now))) \(log.log ?? "")", CellStyle(.dim)))
        }
        lines += actionLines(on: incident.id)
        lines.append(("R resolve · c close · n note (here or on the incidents pane)", CellStyle(.dim)))
        drawDetailLines(&canvas, r, lines)
    }

    /// The detail's lines from the scroll position; when they do not all fit, the bottom
    /// border says which are shown and how to see the rest.
    func drawDetailLines(_ canvas: inout Canvas, _ r: Layout.Rect, _ lines: [(String, CellStyle)]) {
        // Wrapped, not cut: descriptions, notes and runbook URLs are read whole (j/k scroll).
        let lines = lines.flatMap { text, style in
            let wrapped = TerminalText.wrap(text, columns: r.width - 4)
            return (wrapped.isEmpty ? [""] : wrapped).map { ($0, style) }
        }
        let rows = max(1, r.height - 2)
        let top = max(0, min(state.panes.detailScroll, lines.count - rows))
        for (i, line) in lines.dropFirst(top).prefix(rows).enumerated() {
            canvas.write(line.0, x: r.x + 2, y: r.y + 1 + i, style: line.1, maxWidth: r.width - 4)
        }
        guard lines.count > rows else { return }
        let hint = state.panes.focus == .detail ? " j/k scroll " : " Tab here, j/k scroll "
        let info = " \(top + 1)-\(min(lines.count, top + rows))/\(lines.count)\(top + rows < lines.count ? " ↓" : "")\(hint)"
        canvas.write(info, x: max(r.x + 2, r.x + r.width - TerminalText.width(of: info) - 2), y: r.y + r.height - 1, style: CellStyle(.border))
    }

    /// The last three actions on an alert or incident, with where each is in its life.
    func actionLines(on targetId: String) -> [(String, CellStyle)] {
        state.actionLog.records.filter { $0.targetId == targetId }.suffix(3).map { action in
            let verb = action.request.verb
            let (text, role): (String, ColorRole)
            switch action.phase {
            case .sending: (text, role) = ("\(verb): sending", .pending)
            case .queued(let reason): (text, role) = ("\(verb): queued (\(reason)) \(compactAge(state.now.timeIntervalSince(action.createdAt)))", .pending)
            case .accepted: (text, role) = ("\(verb): accepted, confirming", .pending)
            case .confirmed: (text, role) = ("\(verb): confirmed", .ok)
            case .failed(let reason): (text, role) = ("\(verb): FAILED — \(reason)", .failed)
            }
            return (text, CellStyle(role, bold: true))
        }
    }
}

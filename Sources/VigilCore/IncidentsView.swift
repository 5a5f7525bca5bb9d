import Foundation
import OperationsModel

/// How incidents are drawn: the pane, the detail, and the banner an open P1/P2 incident puts
/// on the status line.
extension DashboardState {
    /// `P1 INCIDENT #3 Checkout degraded (+1 more)` while a P1 or P2 incident is open.
    public var incidentBanner: String? {
        let urgent = urgentIncidents
        guard let first = urgent.first else { return nil }
        let more = urgent.count > 1 ? " (+\(urgent.count - 1) more)" : ""
        return "\(first.priority?.rawValue ?? "P?") INCIDENT #\(first.tinyId ?? "?") \(first.message ?? "")\(more)"
    }

    func drawIncidents(_ canvas: inout Canvas, _ r: Layout.Rect) {
        if let elsewhere = settings.incidentsElsewhere {
            canvas.box(x: r.x, y: r.y, width: r.width, height: r.height, title: "Incidents", focused: focus == .incidents)
            for (i, line) in Self.wrap(elsewhere, columns: r.width - 4).prefix(max(1, r.height - 2)).enumerated() {
                canvas.write(line, x: r.x + 2, y: r.y + 1 + i, style: CellStyle(.dim), maxWidth: r.width - 4)
            }
            return
        }
        let open = incidents.filter(Self.isOpen)
        let counts = AlertPriority.all.prefix(2).map { p in "\(p.rawValue):\(open.filter { $0.priority == p }.count)" }.joined(separator: " ")
        // Counts that never came are not zeros.
        let title = feedStatus[.incidents]?.lastSuccess == nil && incidents.isEmpty
            ? "Incidents …" : "Incidents \(open.count)\(incidentsHaveMore ? "+" : "") open [\(counts)]"
        canvas.box(x: r.x, y: r.y, width: r.width, height: r.height, title: title, focused: focus == .incidents)
        let inner = r.width - 2
        let x = r.x + 1
        if incidents.isEmpty {
            let text: String
            if feedStatus[.incidents]?.lastSuccess == nil {
                text = feedStatus[.incidents]?.lastError.map { "could not load incidents: \($0.description)" } ?? "loading incidents…"
            } else { text = "no open incidents" }
            canvas.write(text, x: x + 1, y: r.y + 1, style: CellStyle(.dim), maxWidth: inner - 2)
            if let note = settings.incidentsNotListed, r.height > 3 {
                canvas.write("not listed: " + note, x: x + 1, y: r.y + 2, style: CellStyle(.dim), maxWidth: inner - 2)
            }
            return
        }
        // Impacted services and responders get a column each when the message keeps 30 cells.
        // Services and responders get a column each only when some incident has them; the
        // message keeps the room otherwise.
        let hasSide = incidents.contains { !($0.impactedServices ?? []).isEmpty || !($0.responders ?? []).isEmpty }
        let side = !hasSide ? 0 : (inner >= 110 ? 22 : (inner >= 70 ? 14 : 0))
        let header = "  " + pad("#", 5) + " " + pad("P", 2) + " " + pad("STATE", 9) + " " + pad("AGE", 4) + " "
        let messageWidth = inner - TerminalText.width(of: header) - (side > 0 ? 2 * (side + 1) : 0)
        var head = header + pad("MESSAGE", messageWidth)
        if side > 0 { head += " " + pad("SERVICES", side) + " " + "RESPONDERS" }
        canvas.write(head, x: x, y: r.y + 1, style: CellStyle(.dim, bold: true), maxWidth: inner)
        var rows = r.height - 3
        // Sources whose incidents are not in the list say so on the pane's last line.
        if let note = settings.incidentsNotListed, rows > 1 {
            rows -= 1
            canvas.write("not listed: " + note, x: x + 1, y: r.y + r.height - 2, style: CellStyle(.dim), maxWidth: inner - 2)
        }
        let selectedRow = selectedIncidentId.flatMap { id in incidents.firstIndex { $0.id == id } } ?? 0
        let top = max(0, selectedRow - rows + 1)
        for (i, incident) in incidents.enumerated().dropFirst(top).prefix(rows) {
            drawIncidentRow(&canvas, incident, x: x, y: r.y + 2 + i - top, inner: inner, side: side, messageWidth: messageWidth)
        }
        if incidentsHaveMore || incidents.count > rows {
            let info = " \(top + 1)-\(min(incidents.count, top + rows))/\(incidents.count)\(incidentsHaveMore ? "+" : "") "
            canvas.write(info, x: r.x + r.width - TerminalText.width(of: info) - 2, y: r.y + r.height - 1, style: CellStyle(.border))
        }
    }

    private func drawIncidentRow(_ canvas: inout Canvas, _ incident: Incident, x: Int, y: Int, inner: Int, side: Int, messageWidth: Int) {
        let selected = incident.id == selectedIncidentId && focus == .incidents
        let base = CellStyle(selected ? .selection : .text)
        canvas.fill(x: x, y: y, width: inner, height: 1, style: base)
        let pending = pendingAction(onIncident: incident.id)
        let marker: (String, ColorRole)
        if pending != nil { marker = ("…", .pending) }
        else if recentlyFailed(incident.id) { marker = ("!", .failed) }
        else { marker = (incident.id == selectedIncidentId ? "›" : " ", .text) }
        canvas.write(marker.0, x: x, y: y, style: selected ? base : CellStyle(marker.1, bold: true), maxWidth: 1)
        var column = x + 2
        func cell(_ text: String, _ width: Int, _ style: CellStyle) {
            canvas.write(text, x: column, y: y, style: style, maxWidth: width)
            column += width + 1
        }
        cell("#\(incident.tinyId ?? "?")", 5, base)
        cell(incident.priority?.rawValue ?? "P?", 2, selected ? CellStyle(.selection, bold: true) : CellStyle(Self.role(for: incident.priority), bold: true))
        let open = Self.isOpen(incident)
        let state = pending.map { $0.request.verb + "…" } ?? (incident.status ?? "open")
        cell(state, 9, selected ? base : CellStyle(pending != nil ? .pending : (open ? .critical : .dim)))
        cell(paneAge(now.timeIntervalSince(incident.createdAt ?? now)), 4, selected ? base : CellStyle(.dim))
        cell(sourcePrefix(incident.origin) + (incident.message ?? ""), messageWidth, open || selected ? base : CellStyle(.dim))
        guard side > 0 else { return }
        cell((incident.impactedServices ?? []).joined(separator: ","), side, selected ? base : CellStyle(.dim))
        cell(Self.responderNames(incident.responders), side, selected ? base : CellStyle(.dim))
    }

    /// Words in lines of at most `columns` cells, a line per line of `text`; a word longer than
    /// a line (a runbook URL) is broken across lines, so all of it shows.
    static func wrap(_ text: String, columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n") {
            // An indented line (a timeline step) keeps its indent on every line it wraps to.
            let indent = String(paragraph.prefix { $0 == " " }.prefix(max(0, columns / 2)))
            var line = ""
            for piece in TerminalText.sanitize(String(paragraph)).split(separator: " ") {
                var word = String(piece)
                let candidate = line.isEmpty ? indent + word : line + " " + word
                if TerminalText.width(of: candidate) <= columns { line = candidate; continue }
                if !line.isEmpty { lines.append(line) }
                word = indent + word
                while TerminalText.width(of: word) > columns {
                    var head = "", used = 0
                    for c in word {
                        let w = TerminalText.width(of: String(c))
                        if used + w > columns { break }
                        head.append(c); used += w
                    }
                    guard !head.isEmpty else { break }
                    lines.append(head)
                    word.removeFirst(head.count)
                }
                line = word
            }
            if !line.isEmpty { lines.append(line) }
        }
        return lines
    }

    static func responderNames(_ responders: [Responder]?) -> String {
        (responders ?? []).map { $0.name ?? $0.username ?? $0.id ?? "?" }.joined(separator: ",")
    }

    func drawIncidentDetail(_ canvas: inout Canvas, _ r: Layout.Rect) {
        canvas.box(x: r.x, y: r.y, width: r.width, height: r.height, title: "Detail — incident", focused: focus == .detail)
        guard let listed = selectedIncident else {
            let text = settings.incidentsElsewhere ?? "no incident selected"
            canvas.write(text, x: r.x + 2, y: r.y + 1, style: CellStyle(.dim), maxWidth: r.width - 4)
            return
        }
        let state = incidentDetails[listed.id]
        let incident = state?.detail?.incident ?? listed
        var lines: [(String, CellStyle)] = []
        lines.append(("\(sourceTag(incident.origin).map { "[\($0)] " } ?? "")incident #\(incident.tinyId ?? "?") \(incident.priority?.rawValue ?? "") \(incident.message ?? "")",
                      CellStyle(Self.role(for: incident.priority), bold: true)))
        lines.append(("state \(incident.status ?? "open") · created \(paneAge(now.timeIntervalSince(incident.createdAt ?? now))) ago · owner team \(incident.ownerTeam ?? "-")", CellStyle(.text)))
        if let services = incident.impactedServices, !services.isEmpty { lines.append(("impacted services: " + services.joined(separator: ", "), CellStyle(.text))) }
        if let responders = incident.responders, !responders.isEmpty { lines.append(("responders: " + Self.responderNames(responders), CellStyle(.text))) }
        if let tags = incident.tags, !tags.isEmpty { lines.append(("tags: " + tags.joined(separator: ", "), CellStyle(.text))) }
        if let description = incident.description, !description.isEmpty { lines.append((description, CellStyle(.text))) }
        if let details = incident.details, !details.isEmpty {
            lines.append((details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "  "), CellStyle(.dim)))
        }
        if let error = state?.error { lines.append(("could not load the incident: \(error)", CellStyle(.failed))) }
        else if state == nil { lines.append(("loading notes and log…", CellStyle(.dim))) }
        for note in state?.detail?.notes.prefix(5) ?? [] {
            lines.append(("note \(paneAge(now.timeIntervalSince(note.createdAt ?? now))) \(note.owner ?? ""): \(note.note ?? "")", CellStyle(.text)))
        }
        for log in state?.detail?.log.prefix(5) ?? [] {
            lines.append(("log \(paneAge(now.timeIntervalSince(log.createdAt ?? now))) \(log.log ?? "")", CellStyle(.dim)))
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
            let wrapped = Self.wrap(text, columns: r.width - 4)
            return (wrapped.isEmpty ? [""] : wrapped).map { ($0, style) }
        }
        let rows = max(1, r.height - 2)
        let top = max(0, min(detailScroll, lines.count - rows))
        for (i, line) in lines.dropFirst(top).prefix(rows).enumerated() {
            canvas.write(line.0, x: r.x + 2, y: r.y + 1 + i, style: line.1, maxWidth: r.width - 4)
        }
        guard lines.count > rows else { return }
        let hint = focus == .detail ? " j/k scroll " : " Tab here, j/k scroll "
        let info = " \(top + 1)-\(min(lines.count, top + rows))/\(lines.count)\(top + rows < lines.count ? " ↓" : "")\(hint)"
        canvas.write(info, x: max(r.x + 2, r.x + r.width - TerminalText.width(of: info) - 2), y: r.y + r.height - 1, style: CellStyle(.border))
    }

    /// The last three actions on an alert or incident, with where each is in its life.
    func actionLines(on targetId: String) -> [(String, CellStyle)] {
        actions.filter { $0.targetId == targetId }.suffix(3).map { action in
            let verb = action.request.verb
            let (text, role): (String, ColorRole)
            switch action.phase {
            case .sending: (text, role) = ("\(verb): sending", .pending)
            case .queued(let reason): (text, role) = ("\(verb): queued (\(reason)) \(compactAge(now.timeIntervalSince(action.createdAt)))", .pending)
            case .accepted: (text, role) = ("\(verb): accepted, confirming", .pending)
            case .confirmed: (text, role) = ("\(verb): confirmed", .ok)
            case .failed(let reason): (text, role) = ("\(verb): FAILED — \(reason)", .failed)
            }
            return (text, CellStyle(role, bold: true))
        }
    }
}

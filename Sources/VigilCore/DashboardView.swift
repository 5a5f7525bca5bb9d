import Foundation
import OperationsModel

/// Formats ages and durations compactly: `45s`, `12m`, `3h`, `2d`.
public func compactAge(_ seconds: TimeInterval) -> String {
    let s = max(0, Int(seconds))
    if s < 60 { return "\(s)s" }
    if s < 3600 { return "\(s / 60)m" }
    if s < 86400 { return "\(s / 3600)h" }
    return "\(s / 86400)d"
}

/// Formats a countdown to the minute: `2d03h`, `1h05m`, `12m`, `<1m`. Panes change once a
/// minute, so an idle screen has nothing to redraw in between.
func countdown(_ seconds: TimeInterval) -> String {
    let s = max(0, Int(seconds.rounded(.up)))
    if s >= 86400 { return "\(s / 86400)d\(String(format: "%02d", (s % 86400) / 3600))h" }
    if s >= 3600 { return "\(s / 3600)h\(String(format: "%02d", (s % 3600) / 60))m" }
    return s >= 60 ? "\(s / 60)m" : "<1m"
}

/// An age in a pane, to the minute: `<1m`, `12m`, `3h`, `2d`.
func paneAge(_ seconds: TimeInterval) -> String { seconds < 60 ? "<1m" : compactAge(seconds) }

extension DashboardState {
    /// Renders the dashboard into a canvas. Pure: the same state gives the same frame.
    public func render() -> Canvas {
        var canvas = wall && layout != nil ? renderWall() : renderPanes()
        if wall, layout != nil, let overlay { drawOverlay(&canvas, overlay) }
        return settings.asciiOnly ? canvas.asciiOnly() : canvas
    }

    /// Only the status line (clock, ages, pending actions, STALE) as a one-row canvas: when
    /// nothing but time moved, the terminal redraws this row, not the frame.
    public func renderStatusRow() -> Canvas {
        var row = Canvas(width: width, height: 1)
        guard !wall, layout != nil else { return row }
        drawStatusLine(&row, row: 0)
        return settings.asciiOnly ? row.asciiOnly() : row
    }

    private func renderPanes() -> Canvas {
        var canvas = Canvas(width: width, height: height)
        guard let layout else {
            drawTooSmall(&canvas)
            return canvas
        }
        drawStatusLine(&canvas, row: layout.statusRow)
        if forgottenView { drawForgotten(&canvas, layout.alerts) } else { drawAlerts(&canvas, layout.alerts) }
        if let r = layout.incidents { drawIncidents(&canvas, r) }
        if let r = layout.detail { drawDetail(&canvas, r) }
        if let r = layout.onCall { drawOnCall(&canvas, r) }
        if let r = layout.heartbeats { drawHeartbeats(&canvas, r) }
        if let r = layout.secondary {
            switch secondaryPane {
            case .onCall: drawOnCall(&canvas, r)
            case .heartbeats: drawHeartbeats(&canvas, r)
            case .incidents: drawIncidents(&canvas, r)
            default: drawDetail(&canvas, r)
            }
        }
        drawMessage(&canvas, row: layout.messageRow)
        drawHints(&canvas, row: layout.hintRow)
        if let overlay { drawOverlay(&canvas, overlay) }
        return canvas
    }

    /// The frame when the terminal is below the minimum: its size, the size needed, and the
    /// only keys that act (help and the quit question still show, clipped to the screen).
    private func drawTooSmall(_ canvas: inout Canvas) {
        let lines = ["terminal too small: \(width)×\(height), need \(Layout.minimumWidth)×\(Layout.minimumHeight)",
                     "keys are ignored until it is larger" + tooSmallKeys]
        for (i, text) in lines.enumerated() {
            canvas.write(text, x: max(0, (width - TerminalText.width(of: text)) / 2), y: max(0, height / 2 - 1) + i,
                         style: CellStyle(.warn, bold: i == 0), maxWidth: width)
        }
        switch overlay {
        case .help?, .confirmQuit?, .confirmQuitSettled?: drawOverlay(&canvas, overlay!)
        default: break
        }
    }

    /// `; q quit, ? help, ^L redraw`, as bound.
    private var tooSmallKeys: String {
        let keys = [(Command.quit, "quit"), (.help, "help"), (.redraw, "redraw")].compactMap { command, word in
            settings.keymap.keys(for: command).first.map { "\($0) \(word)" }
        }
        return keys.isEmpty ? "" : "; " + keys.joined(separator: ", ")
    }

    // MARK: Status line

    /// How fresh a kind of data is: `ok` while it was polled within its interval, its age
    /// once it is late (then the STALE banner follows at three intervals).
    func age(_ kind: DataKind) -> String {
        guard let last = feeds[kind]?.lastSuccess else { return feeds[kind]?.lastError == nil ? "…" : "never" }
        let age = now.timeIntervalSince(last)
        return age <= lateAfter(kind) ? "ok" : compactAge(age)
    }

    /// The age of the last good data of a stale kind: `15s`, `3m`, or `never`.
    func staleAge(_ kind: DataKind) -> String {
        guard let last = feeds[kind]?.lastSuccess else { return feeds[kind]?.lastError == nil ? "…" : "never" }
        return compactAge(now.timeIntervalSince(last))
    }

    var staleKinds: [DataKind] { DataKind.allCases.filter { isStale($0) } }

    /// When a failing kind is tried again: `, retry in 20s`, `, retrying` while the try is under way.
    func retryText(_ kind: DataKind) -> String {
        guard let feed = feeds[kind], feed.lastError != nil else { return "" }
        if feed.inFlight { return ", retrying" }
        guard let due = feed.nextDue, due > now else { return "" }
        return ", retry in \(compactAge(due.timeIntervalSince(now)))"
    }

    /// What a pane with no data yet says while its first answer is awaited: `loading…`, then
    /// after a few seconds how long it has been waited for (a hung API shows as one).
    func waitingText(_ kind: DataKind, what: String) -> String {
        guard let feed = feeds[kind], feed.inFlight, let started = feed.startedAt, now.timeIntervalSince(started) >= 3 else { return "loading \(what)…" }
        return "waiting for \(what): no answer for \(compactAge(now.timeIntervalSince(started))) (\(settings.host))"
    }

    func drawStatusLine(_ canvas: inout Canvas, row: Int) {
        let stale = staleKinds
        if drawSourcesBanner(&canvas, row: row) { return }
        if !stale.isEmpty, everLoaded || feeds.values.contains(where: { $0.lastError != nil }) {
            canvas.fill(x: 0, y: row, width: width, height: 1, style: CellStyle(.stale, bold: true))
            let reasons = stale.map { kind -> String in
                guard let error = feeds[kind]?.lastError else { return "\(kind.rawValue) \(staleAge(kind))" }
                // In words where there is room (what was waited for, from whom), and always when it retries.
                let why = width >= 120 && error.faultClass == .network ? " — \(error.message)" : " \(error.faultClass.rawValue)"
                return "\(kind.rawValue) \(staleAge(kind))\(why)\(width >= 120 ? retryText(kind) : "")"
            }
            let clock = clockText
            // What is stale and why comes first: at 80 columns there is room for little else.
            let lead = !everLoaded ? "no data yet — " : (width >= 120 ? "showing last good data — " : "")
            let text = " ■ STALE ■ \(lead)\(reasons.joined(separator: " · "))\(pendingSummary.map { " · \($0)" } ?? "")"
            let right = drawIncidentBanner(&canvas, row: row, right: width - clock.count - 1, keep: TerminalText.width(of: text))
            canvas.write(text, x: 0, y: row, style: CellStyle(.stale, bold: true), maxWidth: right)
            canvas.write(clock, x: width - clock.count - 1, y: row, style: CellStyle(.stale, bold: true))
            return
        }
        canvas.fill(x: 0, y: row, width: width, height: 1, style: CellStyle(.statusLine))
        // What needs attention first (pending actions, read-only, a failing source, rate limits),
        // then freshness; the incident banner keeps its room before the host does, and the host
        // is what shortens first (then goes); on a narrow line the end is what gets cut.
        let plain = CellStyle(.statusLine)
        let failing = CellStyle(.stale, bold: true)
        var parts: [(String, CellStyle)] = []
        if let pending = pendingSummary { parts.append((pending, plain)) }
        if settings.readOnly { parts.append(("READ-ONLY", plain)) }
        let failingSources = failingSourcesSummary
        if let (who, _) = failingSources { parts.append((who, failing)) }
        if let rate = rateLimit { parts.append(("rate \(rate.domain.rawValue) \(rate.status.state.rawValue)", plain)) }
        let kinds: [(DataKind, String)] = [(.alerts, "alerts"), (.heartbeats, "hb"), (.onCall, "on-call")]
            + (polls.kinds.contains(.incidents) ? [(.incidents, "inc")] : [])
        var freshness = kinds.map { ("\($0.1) \(age($0.0))", plain) }
        let why = failingSources.map { [($0.why, failing)] } ?? []
        let clock = clockText
        let head = " vigil"
        func columns(_ parts: [(String, CellStyle)]) -> Int { parts.reduce(0) { $0 + 3 + TerminalText.width(of: $1.0) } }
        let bannerWidth = incidentBanner.map { min(width / 2, TerminalText.width(of: $0) + 4) } ?? 0
        if TerminalText.width(of: head) + columns(parts + freshness) + bannerWidth > width - clock.count - 1 {
            // Short of room: the kinds polled in time fold into one word; the late ones keep their age.
            let late = kinds.filter { age($0.0) != "ok" }.map { ("\($0.1) \(age($0.0))", plain) }
            // With a source failing, "all" would claim too much: its data is the stale part.
            let fresh = failingSources == nil ? "all fresh" : "feeds fresh"
            freshness = late + [(late.isEmpty ? fresh : "rest ok", plain)]
        }
        parts += freshness
        let needed = TerminalText.width(of: head) + columns(parts)
        let right = drawIncidentBanner(&canvas, row: row, right: width - clock.count - 1, keep: needed)
        let hostRoom = right - needed - 4
        if hostRoom >= 8 { parts.insert((TerminalText.fit(settings.host, columns: hostRoom), plain), at: 0) }
        // A failing source's reason last, where there is room for a readable part of it: cut at
        // the line's end, whole in the messages (m).
        if right - TerminalText.width(of: head) - columns(parts) >= 24 { parts += why }
        var x = canvas.write(head, x: 0, y: row, style: plain, maxWidth: right)
        for (text, style) in parts where x < right {
            x += canvas.write(" │ ", x: x, y: row, style: plain, maxWidth: right - x)
            x += canvas.write(text, x: x, y: row, style: style, maxWidth: right - x)
        }
        canvas.write(clock, x: width - clock.count - 1, y: row, style: CellStyle(.statusLine, bold: true))
    }

    /// `pending 2 (1 queued) 40s`: actions not yet confirmed, how many wait to be sent again,
    /// and the oldest one's age; `nil` when there are none.
    var pendingSummary: String? {
        let pending = pendingActions
        guard !pending.isEmpty else { return nil }
        let oldest = pending.map(\.createdAt).min().map { compactAge(now.timeIntervalSince($0)) } ?? ""
        let queued = pending.filter { if case .queued = $0.phase { true } else { false } }.count
        return "pending \(pending.count)\(queued > 0 ? " (\(queued) queued)" : "") \(oldest)"
    }

    /// An open P1/P2 incident, in red just left of `right`: as wide as the `keep` columns of
    /// status text to its left allow, at least 22 and at most half the row. Returns where the
    /// text to its left must end.
    func drawIncidentBanner(_ canvas: inout Canvas, row: Int, right: Int, keep: Int = 0) -> Int {
        guard let banner = incidentBanner else { return right }
        let columns = max(22, min(width / 2, right - keep - 1)) - 4
        let text = " ▲ " + TerminalText.fit(banner, columns: columns) + " "
        let start = max(0, right - TerminalText.width(of: text) - 1)
        canvas.write(text, x: start, y: row, style: CellStyle(.p1, bold: true, reverse: true))
        return start
    }

    /// The clock in UTC: `HH:MMZ`, or `HH:MM:SSZ` with ``DashboardSettings/clockSeconds``.
    var clockText: String { Self.clockFormat(now, seconds: settings.clockSeconds) }

    /// `HH:MM:SSZ` (or `HH:MMZ`) in UTC, from plain arithmetic.
    static func clockFormat(_ date: Date, seconds showSeconds: Bool = true) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86400) + 86400) % 86400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return showSeconds ? "\(two(day / 3600)):\(two(day % 3600 / 60)):\(two(day % 60))Z" : "\(two(day / 3600)):\(two(day % 3600 / 60))Z"
    }

    // MARK: Alerts

    static func role(for priority: AlertPriority?) -> ColorRole {
        switch priority?.rank ?? 3 { case 1: .p1; case 2: .p2; case 3: .p3; case 4: .p4; default: .p5 }
    }

    /// Snoozed and not yet woken.
    func isSnoozed(_ alert: Alert) -> Bool {
        alert.status != .closed && alert.snoozed == true && (alert.snoozedUntil.map { $0 > now } ?? true)
    }

    func stateLabel(_ alert: Alert) -> (String, ColorRole) {
        if alert.status == .closed { return ("closed", .dim) }
        if isSnoozed(alert) { return (alert.snoozedUntil.map { "snz \(countdown($0.timeIntervalSince(now)))" } ?? "snoozed", .dim) }
        if alert.acknowledged == true { return ("acked", .ok) }
        return ("open", .critical)
    }

    func drawAlerts(_ canvas: inout Canvas, _ r: Layout.Rect) {
        // True counts from the account, not from what is loaded.
        var counts = "[" + AlertPriority.all.enumerated().map { i, p in "\(p.rawValue):\(alertList.counts[i])" }.joined(separator: " ") + "]"
        if alertList.counts.prefix(AlertPriority.all.count).allSatisfy({ $0 == 0 }), alertList.total > 0 {
            counts = "[a saved search has no counts per priority]"
        }
        // Counts that never came are not zeros.
        var figures = everLoaded ? "\(alertList.total) \(counts)" : "…"
        if everLoaded, let shared = sharedFigure { figures += shared }
        // Marks decide what the next action acts on: their number is in sight, Esc clears them.
        if !marked.isEmpty { figures += " · \(marked.count) marked (Esc clears)" }
        canvas.box(x: r.x, y: r.y, width: r.width, height: r.height,
                   title: "Alerts \(figures) \(filterDescription)", focused: focus == .alerts)
        let inner = r.width - 2
        let x = r.x + 1
        let columns = AlertColumns(inner: inner, source: sourceColumn)
        var header = "  " + (columns.source.map { pad("SRC", $0) + " " } ?? "") + pad("#", columns.tinyId) + " " + pad("P", columns.priority) + " " + pad("STATE", columns.state) + " " + pad("AGE", columns.age) + " "
        if let w = columns.count { header += pad("CNT", w) + " " }
        if let w = columns.owner { header += pad("OWNER", w) + " " }
        if let w = columns.team { header += pad("TEAM", w) + " " }
        canvas.write(header + "MESSAGE", x: x, y: r.y + 1, style: CellStyle(.dim, bold: true), maxWidth: inner)
        let rows = r.height - 3
        if alertList.total == 0 {
            let text: String
            if !everLoaded {
                text = feeds[.alerts]?.lastError.map { "could not load alerts: \($0.description)\(retryText(.alerts))" } ?? waitingText(.alerts, what: "alerts")
            }
            else { text = "no alerts match \(filterDescription)" }
            canvas.write(text, x: x + 2, y: r.y + 2, style: CellStyle(.dim), maxWidth: inner - 2)
            return
        }
        for row in scrollTop..<max(scrollTop, min(alertList.total, scrollTop + rows)) {
            let y = r.y + 2 + row - scrollTop
            if let alert = alertList.alert(atRow: row) {
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
        if alertList.total > rows {
            let info = " \(scrollTop + 1)-\(min(alertList.total, scrollTop + rows))/\(alertList.total) "
            canvas.write(info, x: r.x + r.width - TerminalText.width(of: info) - 2, y: r.y + r.height - 1, style: CellStyle(.border))
        }
    }

    /// New alerts (`●`) on rows scrolled above the view.
    var newAbove: Int {
        guard scrollTop > 0, firstLoadedAt != nil else { return 0 }
        return alertList.loaded.lazy.filter { $0.row < scrollTop && isNew($0.alert) }.count
    }

    /// A row whose page is not loaded: on its way, or past what the service pages to.
    func drawPlaceholderRow(_ canvas: inout Canvas, _ row: Int, x: Int, y: Int, inner: Int) {
        let selected = row == cursor
        canvas.fill(x: x, y: y, width: inner, height: 1, style: CellStyle(selected ? .selection : .text))
        let priority = alertList.location(ofRow: row)?.key.priority?.rawValue ?? "P?"
        let text = alertList.isBeyondPagingLimit(row)
            ? "\(priority) — beyond the 20,000 alerts a list can page to; narrow the filter to see these"
            : "\(priority) loading…"
        canvas.write(text, x: x + 2, y: y, style: CellStyle(selected ? .selection : .dim), maxWidth: inner - 2)
    }

    func drawAlertRow(_ canvas: inout Canvas, _ alert: Alert, x: Int, y: Int, inner: Int, columns: AlertColumns) {
        let selected = alert.id == selectedAlertId
        let base = CellStyle(selected ? .selection : .text, reverse: false)
        canvas.fill(x: x, y: y, width: inner, height: 1, style: base)
        let pending = pendingAction(on: alert.id) ?? pendingCopyAction(alert)
        let marker = rowMarker(alert, pending: pending)
        canvas.write(marker.0, x: x, y: y, style: selected ? base : CellStyle(marker.1, bold: true), maxWidth: 1)
        var column = x + 2
        func cell(_ text: String, _ width: Int?, _ style: CellStyle) {
            guard let width else { return }
            canvas.write(text, x: column, y: y, style: style, maxWidth: width)
            column += width + 1
        }
        cell(sourcesLabel(alert), columns.source, selected ? base : CellStyle(.title))
        cell(alert.tinyId.map { "#\($0)" } ?? "", columns.tinyId, base)
        cell(alert.priority?.rawValue ?? "P?", columns.priority,
             selected ? CellStyle(.selection, bold: true) : CellStyle(Self.role(for: alert.priority), bold: true))
        var (label, role) = stateLabel(alert)
        if let pending { (label, role) = (pending.request.verb + "…", .pending) }
        cell(label, columns.state, selected ? base : CellStyle(role))
        cell(paneAge(now.timeIntervalSince(alert.createdAt ?? now)), columns.age, selected ? base : CellStyle(.dim))
        cell(String(alert.count ?? 1), columns.count, base)
        let owner = (alert.owner ?? "").split(separator: "@").first.map(String.init) ?? ""
        cell(owner.isEmpty ? "-" : owner, columns.owner, base)
        cell(alert.responders?.first { $0.type == .team }.flatMap { $0.name ?? $0.id } ?? "-", columns.team, base)
        canvas.write(alert.message ?? "", x: column, y: y, style: alert.acknowledged == true && !selected ? CellStyle(.dim) : base,
                     maxWidth: x + inner - column)
    }

    /// The first cell of a row: pending action, recent failure, marked, new.
    func rowMarker(_ alert: Alert, pending: ActionRecord?) -> (String, ColorRole) {
        if pending != nil { return ("…", .pending) }
        if recentlyFailed(alert.id) || copyRecentlyFailed(alert) { return ("!", .failed) }
        if marked.contains(alert.id) { return ("*", .marked) }
        if isNew(alert) { return ("●", .newAlert) }
        return (" ", .text)
    }

    func pad(_ s: String, _ n: Int) -> String { TerminalText.pad(s, columns: n) }

    /// The last action on an alert or incident failed within two minutes: its row shows `!`.
    func recentlyFailed(_ targetId: String) -> Bool {
        guard let last = actions.last(where: { $0.targetId == targetId }), case .failed = last.phase else { return false }
        return now.timeIntervalSince(last.createdAt) < 120
    }

    // MARK: Detail

    func drawDetail(_ canvas: inout Canvas, _ r: Layout.Rect) {
        if detailSubject == .incident {
            drawIncidentDetail(&canvas, r)
            return
        }
        canvas.box(x: r.x, y: r.y, width: r.width, height: r.height, title: "Detail", focused: focus == .detail)
        guard let alert = selectedAlert else {
            canvas.write("no alert selected", x: r.x + 2, y: r.y + 1, style: CellStyle(.dim), maxWidth: r.width - 4)
            return
        }
        let detail = details[alert.id]
        let full = detail?.alert ?? alert
        var lines: [(String, CellStyle)] = []
        lines.append(("\(sourceTag(alert.origin).map { "[\($0)] " } ?? "")#\(full.tinyId ?? "?") \(full.priority?.rawValue ?? "") \(full.message ?? "")", CellStyle(Self.role(for: full.priority), bold: true)))
        // The list's alert is the freshest word on its state (an action shows there at once).
        var current = full
        current.acknowledged = alert.acknowledged
        current.snoozed = alert.snoozed
        current.snoozedUntil = alert.snoozedUntil
        current.status = alert.status
        let state = stateLabel(current).0
        lines.append(("state \(state) · count \(full.count ?? 1) · owner \(full.owner.flatMap { $0.isEmpty ? nil : $0 } ?? "-") · source \(full.source ?? "-")", CellStyle(.text)))
        var times = "created \(paneAge(now.timeIntervalSince(full.createdAt ?? now))) ago"
        // Opsgenie keeps the report's ack time after an unacknowledge: only an acknowledged alert says it.
        if current.acknowledged == true, let ack = full.report?.ackTime { times += " · acked after \(compactAge(Double(ack) / 1000)) by \(full.report?.acknowledgedBy ?? "?")" }
        if let close = full.report?.closeTime { times += " · closed after \(compactAge(Double(close) / 1000)) by \(full.report?.closedBy ?? "?")" }
        lines.append((times, CellStyle(.dim)))
        lines += copyLines(alert)
        if let tags = full.tags, !tags.isEmpty { lines.append(("tags: " + tags.joined(separator: ", "), CellStyle(.text))) }
        if let responders = full.responders, !responders.isEmpty {
            lines.append(("responders: " + responders.map { "\($0.type ?? "?"):\(escalationName($0) ?? $0.name ?? $0.username ?? $0.id ?? "?")" }
                .joined(separator: ", "), CellStyle(.text)))
        }
        if let timeline = escalationTimeline(for: full) { lines += timeline.lines(alert: full, now: now) }
        if let description = full.description, !description.isEmpty { lines.append((description, CellStyle(.text))) }
        if let details = full.details, !details.isEmpty {
            lines.append((details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "  "), CellStyle(.dim)))
        }
        if let error = detail?.error { lines.append(("could not load detail: \(error)", CellStyle(.failed))) }
        else if detail == nil { lines.append(("loading notes and log…", CellStyle(.dim))) }
        for note in detail?.notes.prefix(5) ?? [] {
            lines.append(("note \(paneAge(now.timeIntervalSince(note.createdAt ?? now))) \(note.owner ?? ""): \(note.note ?? "")", CellStyle(.text)))
        }
        for log in detail?.logs.prefix(5) ?? [] {
            lines.append(("log \(paneAge(now.timeIntervalSince(log.createdAt ?? now))) \(log.log ?? "")", CellStyle(.dim)))
        }
        lines += actionLines(on: alert.id)
        drawDetailLines(&canvas, r, lines)
    }

    // MARK: Message and hints

    func drawMessage(_ canvas: inout Canvas, row: Int) {
        guard let message = messages.last, now.timeIntervalSince(message.at) < 30 || message.level == .error else { return }
        let role: ColorRole = message.level == .error ? .failed : (message.level == .warning ? .warn : .text)
        var text = " " + message.text
        if TerminalText.width(of: text) > width, let key = settings.keymap.keys(for: .messages).first {
            // Too long for the line: cut, saying where it is read whole.
            let more = " (\(key): whole)"
            text = TerminalText.fit(text, columns: width - TerminalText.width(of: more)) + more
        }
        canvas.write(text, x: 0, y: row, style: CellStyle(role, bold: message.level != .info), maxWidth: width)
    }

    func drawHints(_ canvas: inout Canvas, row: Int) {
        canvas.fill(x: 0, y: row, width: width, height: 1, style: CellStyle(.hint))
        var column = 1
        // Help first: whatever else fits, the key that explains the rest is on screen. On an
        // incident, its own keys (as bound) instead of the alert keys.
        let hinted: [KeyBinding]
        if onIncidents, settings.incidentsElsewhere == nil {
            let incidentKeys: [(Command, String)] = [(.resolve, "resolve incident"), (.close, "close incident"), (.note, "note on incident"),
                                                      (.nextPane, "next pane"), (.quit, "quit")]
            hinted = incidentKeys.compactMap { command, description in
                settings.keymap.bindings.first { $0.command == command }.map { KeyBinding($0.key, command, description) }
            }
        } else if focus == .detail {
            // The detail has the focus: j/k scroll it, and the line says so before the alert's keys.
            let detailKeys: [(Command, String)] = [(.moveDown, "scroll the detail"), (.nextPane, "next pane")]
            hinted = detailKeys.compactMap { command, description in
                settings.keymap.bindings.first { $0.command == command }.map { KeyBinding($0.key, command, description) }
            } + settings.keymap.bindings.filter { $0.hinted && !($0.command.isWrite && settings.readOnly) && $0.command != .mark }
        } else {
            // Read-only: the write keys are not offered (help says they are off, and why).
            hinted = settings.keymap.bindings.filter { $0.hinted && !($0.command.isWrite && settings.readOnly) }
        }
        let help = settings.keymap.bindings.first { $0.command == .help }.map { [$0] } ?? []
        for binding in help + hinted.filter({ $0.command != .help }) {
            let disabled = whyDisabled(binding.command) != nil
            let text = "\(binding.key) \(binding.description)"
            guard column + TerminalText.width(of: text) + 2 < width else { break }
            canvas.write(binding.key.description, x: column, y: row, style: CellStyle(disabled ? .dim : .hint, bold: !disabled, reverse: !disabled))
            column += TerminalText.width(of: binding.key.description)
            column += canvas.write(" " + binding.description + "  ", x: column, y: row, style: CellStyle(disabled ? .dim : .hint))
        }
    }

    // MARK: Overlays

    func drawOverlay(_ canvas: inout Canvas, _ overlay: Overlay) {
        switch overlay {
        case .help:
            popup(&canvas, title: "Help — keys \(helpPlace) · any key closes", lines: helpLines)
        case .shiftReport(let report):
            var lines = report.map { $0.rendered(.text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
                ?? ["reading the last 12 hours…"]
            while lines.last == "" { lines.removeLast() }
            if lines.count > height - 5 { lines = Array(lines.prefix(height - 6)) + ["… (vigil report prints it whole)"] }
            lines.append("any key closes this")
            popup(&canvas, title: "The shift so far", lines: lines)
        case .messages:
            // The newest last, each wrapped whole; as many as the screen holds.
            let columns = max(20, width - 8)
            var lines: [String] = []
            for message in messages.reversed() {
                let wrapped = Self.wrap("\(Self.clockFormat(message.at, seconds: true)) \(message.text)", columns: columns)
                guard lines.count + wrapped.count <= max(1, height - 5) else { break }
                lines.insert(contentsOf: wrapped, at: 0)
            }
            if lines.isEmpty { lines.append("no messages yet") }
            lines.append("any key closes this")
            popup(&canvas, title: "Messages", lines: lines)
        case .confirm(let prompt, _, _), .confirmIncident(let prompt, _, _):
            popup(&canvas, title: "Confirm", lines: [prompt, "", "y: yes    any other key: no"])
        case .confirmQuit:
            let fate = settings.journaling
                ? "They are journaled and resume at the next start (if under \(Int(settings.actionMaxAge / 60)) min old)."
                : "They are not journaled: quitting drops them."
            popup(&canvas, title: "Quit?", lines: ["\(pendingActions.count) action(s) not confirmed yet.", fate, "Quit anyway? y/N"])
        case .confirmQuitSettled:
            popup(&canvas, title: "Quit?", lines: ["Every action is confirmed now.", "", "Quit? y/N"])
        case .input(let purpose, let text):
            let title: String
            switch purpose {
            case .filter: title = "Filter — alert query (Enter applies, ^U clears, Esc cancels)"
            case .note(let ids): title = "Note for \(targetsDescription(ids)) (Enter sends, Esc cancels)"
            case .incidentNote(let id):
                title = "Note for incident #\(incidents.first { $0.id == id }?.tinyId ?? "?") (Enter sends, Esc cancels)"
            case .snoozeDuration: title = "Snooze for (e.g. 90m, 2h, 1d) or until (09:00)"
            }
            popup(&canvas, title: title, lines: [text.line])
        case .picker(let purpose, let filter, let selected):
            let options = pickerOptions(purpose, filter: filter.text)
            let title: String
            switch purpose {
            case .snooze(let ids): title = "Snooze \(targetsDescription(ids)) (type a duration or pick)"
            case .assign(let ids): title = "Assign \(targetsDescription(ids)) to (type to filter)"
            case .escalate(let ids): title = "Escalate \(targetsDescription(ids)) to (type to filter)"
            case .customAction: title = "Custom action (Enter picks, then y/N)"
            }
            var lines = [filter.line]
            if case .customAction(let id) = purpose, let configured = configuredActions(for: id), !configured.names.isEmpty {
                lines.append("(" + configured.note + ")")
            }
            if options.isEmpty { lines.append(pickerStatus(purpose, filter: filter.text) ?? "nothing matches") }
            let window = max(0, selected - 8)
            for (i, option) in options.enumerated().dropFirst(window).prefix(10) {
                lines.append((i == selected ? "▶ " : "  ") + option.label)
            }
            popup(&canvas, title: title, lines: lines, highlight: options.isEmpty ? nil : 1 + selected - window)
        case .chooseSource(let choice):
            let question = sourceChoicePopup(choice)
            popup(&canvas, title: question.title, lines: question.lines, highlight: question.highlight)
        }
    }

    /// Where the keys in help act: `on the alert list`, `on the wall`, … and read-only.
    var helpPlace: String {
        let place = wall ? "on the wall" : (focus == .incidents ? "on the incidents pane"
            : focus == .detail ? (detailSubject == .incident ? "on an incident's detail" : "on the alert's detail")
            : focus == .alerts ? "on the alert list" : "on the \(focus.rawValue) pane")
        return place + (settings.readOnly ? " (read-only)" : "")
    }

    /// Whether a command does something where the focus is: on the wall only its own keys; in
    /// read-only mode no write; on an incident its own actions, on an alert not resolve.
    func helpApplies(_ command: Command) -> Bool {
        if wall { return [.wall, .quit, .help].contains(command) }
        if case .quickFilter = command { return false }  // listed on their own line
        if command.isWrite && settings.readOnly { return false }
        if onIncidents, command.isWrite || command == .mark || command == .customAction {
            return command.actsOnIncidents && settings.incidentsElsewhere == nil
        }
        if !onIncidents, command == .resolve { return false }
        return true
    }

    /// What a command does where the focus is (moving scrolls the detail, moves between incidents).
    func helpDescription(_ binding: KeyBinding) -> String {
        let moves: Set<Command> = [.moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom]
        var text = binding.description
        if focus == .detail, moves.contains(binding.command) { text = "scroll the detail: " + text.replacingOccurrences(of: " alert", with: " line") }
        else if focus == .incidents, moves.contains(binding.command) { text = text.replacingOccurrences(of: " alert", with: " incident") }
        else if onIncidents, binding.command == .close { text = "close incident" }
        else if onIncidents, binding.command == .note { text = "note on incident" }
        return text + (binding.dangerous ? " (asks first)" : "")
    }

    /// Help: the keys that work where the focus is, two columns when one does not fit the
    /// height (80×24); then Esc, the row markers and the quick filters, wrapped whole.
    var helpLines: [String] {
        var entries: [String] = []
        var listed: Set<Command> = []
        let keyWidth = (settings.keymap.bindings.map { TerminalText.width(of: settings.keymap.keys(for: $0.command).map(\.description).joined(separator: "/")) }.max() ?? 5) + 1
        for binding in settings.keymap.bindings where !listed.contains(binding.command) && helpApplies(binding.command) {
            listed.insert(binding.command)
            let keys = settings.keymap.keys(for: binding.command).map(\.description).joined(separator: "/")
            entries.append("\(pad(keys, keyWidth)) \(helpDescription(binding))")
        }
        let columns = max(20, width - 8)
        var notes: [String] = []
        if wall {
            notes.append("The wall is for looking at: W returns to the dashboard, where the other keys work.")
        } else {
            notes.append("Esc: closes a prompt or picker without acting; on the list it clears the marks.")
            notes.append("Row markers: … action pending  ! last action failed  ● new since Vigil started (until selected)  * marked  › the selected incident")
            if settings.readOnly { notes.append("Read-only: acknowledging, snoozing, assigning, closing, notes and escalations are off.") }
            notes.append("Quick filters: " + quickFilters.enumerated().map { "\($0.offset + 1) \($0.element.name)" }.joined(separator: "  "))
        }
        let wrapped = notes.flatMap { Self.wrap($0, columns: columns) }
        let room = max(1, height - 4 - wrapped.count)
        let keys = Self.fitHelp(entries, rows: room - 1, width: width)
        // A blank line between keys and notes where the height allows it (not at 80×24).
        return keys + (keys.count + 1 + wrapped.count <= height - 4 ? [""] : []) + wrapped
    }

    /// Entries in two columns when one does not fit `rows` (80×24), so no key is left off; an
    /// entry is never cut (a column is as wide as its longest entry).
    static func fitHelp(_ lines: [String], rows: Int, width: Int) -> [String] {
        guard lines.count > rows else { return lines }
        let half = (lines.count + 1) / 2
        let right = lines.dropFirst(half).map { TerminalText.width(of: $0) }.max() ?? 0
        let left = lines.prefix(half).map { TerminalText.width(of: $0) }.max() ?? 20
        let column = left + (left + 2 + right <= width - 8 ? 2 : 1)
        return (0..<half).map { i in
            i + half < lines.count ? TerminalText.pad(lines[i], columns: column) + lines[i + half] : lines[i]
        }
    }

    func popup(_ canvas: inout Canvas, title: String, lines: [String], highlight: Int? = nil) {
        let w = min(width - 4, max(50, (lines.map { TerminalText.width(of: TerminalText.sanitize($0)) }.max() ?? 0) + 4, TerminalText.width(of: title) + 6))
        let h = min(height - 2, lines.count + 2)
        let x = (width - w) / 2
        let y = max(1, (height - h) / 2)
        canvas.fill(x: x, y: y, width: w, height: h, style: CellStyle(.help))
        canvas.box(x: x, y: y, width: w, height: h, title: title, focused: true)
        for (i, line) in lines.prefix(h - 2).enumerated() {
            canvas.write(line, x: x + 2, y: y + 1 + i, style: CellStyle(i == highlight ? .selection : .help, bold: i == highlight), maxWidth: w - 4)
        }
    }
}

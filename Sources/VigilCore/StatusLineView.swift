import Foundation
import OperationsModel

/// The status line: what needs attention (pending actions, read-only, failing sources, rate limit), how fresh each feed is, an urgent incident, the clock; the red STALE banner instead when data is stale.
struct StatusLineView {
    /// The dashboard it draws.
    let state: DashboardState

    func draw(_ canvas: inout Canvas, row: Int) {
        let stale = state.staleKinds
        if drawSourcesBanner(&canvas, row: row) { return }
        if !stale.isEmpty, state.alertPane.everLoaded || state.feedStatus.values.contains(where: { $0.lastError != nil }) {
            canvas.fill(x: 0, y: row, width: state.width, height: 1, style: CellStyle(.stale, bold: true))
            let reasons = stale.map { kind -> String in
                guard let error = state.feedStatus[kind]?.lastError else { return "\(kind.rawValue) \(state.staleAge(kind))" }
                // In words where there is room (what was waited for, from whom), and always when it retries.
                let why = state.width >= 120 && error.faultClass == .network ? " — \(error.message)" : " \(error.faultClass.rawValue)"
                return "\(kind.rawValue) \(state.staleAge(kind))\(why)\(state.width >= 120 ? state.retryText(kind) : "")"
            }
            let clock = state.clockText
            // What is stale and why comes first: at 80 columns there is room for little else.
            let lead = !state.alertPane.everLoaded ? "no data yet — " : (state.width >= 120 ? "showing last good data — " : "")
            // Actions waiting to be sent again come first: in an outage they are what the person
            // did, and must not be cut off by the reasons at 80 columns.
            let text = " ■ STALE ■ \(state.pendingSummary.map { "\($0) · " } ?? "")\(lead)\(reasons.joined(separator: " · "))"
            let right = drawIncidentBanner(&canvas, row: row, right: state.width - clock.count - 1, keep: TerminalText.width(of: text))
            canvas.write(text, x: 0, y: row, style: CellStyle(.stale, bold: true), maxWidth: right)
            canvas.write(clock, x: state.width - clock.count - 1, y: row, style: CellStyle(.stale, bold: true))
            return
        }
        canvas.fill(x: 0, y: row, width: state.width, height: 1, style: CellStyle(.statusLine))
        // What needs attention first (pending actions, read-only, a failing source, rate limits),
        // then freshness; the incident banner keeps its room before the host does, and the host
        // is what shortens first (then goes); on a narrow line the end is what gets cut.
        let plain = CellStyle(.statusLine)
        let failing = CellStyle(.stale, bold: true)
        var parts: [(String, CellStyle)] = []
        if let pending = state.pendingSummary { parts.append((pending, plain)) }
        if state.settings.readOnly { parts.append(("READ-ONLY", plain)) }
        let failingSources = state.failingSourcesSummary
        if let (who, _) = failingSources { parts.append((who, failing)) }
        if let rate = state.feeds.rateLimit { parts.append(("rate \(rate.domain.rawValue) \(rate.status.state.rawValue)", plain)) }
        let kinds: [(DataKind, String)] = [(.alerts, "alerts"), (.heartbeats, "hb"), (.onCall, "on-call")]
            + (state.feeds.polls.kinds.contains(.incidents) ? [(.incidents, "inc")] : [])
        var freshness = kinds.map { ("\($0.1) \(state.age($0.0))", plain) }
        let why = failingSources.map { [($0.why, failing)] } ?? []
        let clock = state.clockText
        let head = " vigil"
        func columns(_ parts: [(String, CellStyle)]) -> Int { parts.reduce(0) { $0 + 3 + TerminalText.width(of: $1.0) } }
        let bannerWidth = state.incidentBanner.map { min(state.width / 2, TerminalText.width(of: $0) + 4) } ?? 0
        if TerminalText.width(of: head) + columns(parts + freshness) + bannerWidth > state.width - clock.count - 1 {
            // Short of room: the kinds polled in time fold into one word; the late ones keep their age.
            let late = kinds.filter { state.age($0.0) != "ok" }.map { ("\($0.1) \(state.age($0.0))", plain) }
            // With a source failing, "all" would claim too much: its data is the stale part.
            let fresh = failingSources == nil ? "all fresh" : "feeds fresh"
            freshness = late + [(late.isEmpty ? fresh : "rest ok", plain)]
        }
        parts += freshness
        let needed = TerminalText.width(of: head) + columns(parts)
        let right = drawIncidentBanner(&canvas, row: row, right: state.width - clock.count - 1, keep: needed)
        let hostRoom = right - needed - 4
        if hostRoom >= 8 { parts.insert((TerminalText.fit(state.settings.host, columns: hostRoom), plain), at: 0) }
        // A failing source's reason last, where there is room for a readable part of it: cut at
        // the line's end, whole in the messages (m).
        if right - TerminalText.width(of: head) - columns(parts) >= 24 { parts += why }
        var x = canvas.write(head, x: 0, y: row, style: plain, maxWidth: right)
        for (text, style) in parts where x < right {
            x += canvas.write(" │ ", x: x, y: row, style: plain, maxWidth: right - x)
            x += canvas.write(text, x: x, y: row, style: style, maxWidth: right - x)
        }
        canvas.write(clock, x: state.width - clock.count - 1, y: row, style: CellStyle(.statusLine, bold: true))
    }

    /// An open P1/P2 incident, in red just left of `right`: as wide as the `keep` columns of
    /// status text to its left allow, at least 22 and at most half the row. Returns where the
    /// text to its left must end.
    func drawIncidentBanner(_ canvas: inout Canvas, row: Int, right: Int, keep: Int = 0) -> Int {
        guard let banner = state.incidentBanner else { return right }
        let columns = max(22, min(state.width / 2, right - keep - 1)) - 4
        let text = " ▲ " + TerminalText.fit(banner, columns: columns) + " "
        let start = max(0, right - TerminalText.width(of: text) - 1)
        canvas.write(text, x: start, y: row, style: CellStyle(.p1, bold: true, reverse: true))
        return start
    }

    /// The status line when no source answers (or data is stale everywhere while one fails):
    /// red, naming each failing source and why, then any kind of data stale across all of them.
    /// Returns false (and draws nothing) otherwise: one failing source among live ones is named
    /// on the ordinary line (``failingSourcesSummary``).
    func drawSourcesBanner(_ canvas: inout Canvas, row: Int) -> Bool {
        guard state.sourcesBanner, var text = state.staleSourcesText else { return false }
        let kinds = state.staleKinds.map { kind in "\(kind.rawValue) \(state.staleAge(kind))\(state.feedStatus[kind]?.lastError.map { " \($0.faultClass.rawValue)" } ?? "")" }
        if !kinds.isEmpty { text += " · also stale: " + kinds.joined(separator: " · ") }
        let clock = state.clockText
        canvas.fill(x: 0, y: row, width: state.width, height: 1, style: CellStyle(.stale, bold: true))
        if let pending = state.pendingSummary { text += " · " + pending }
        let right = drawIncidentBanner(&canvas, row: row, right: state.width - clock.count - 1, keep: TerminalText.width(of: " ■ STALE ■ " + text))
        canvas.write(" ■ STALE ■ " + text, x: 0, y: row, style: CellStyle(.stale, bold: true), maxWidth: right)
        canvas.write(clock, x: state.width - clock.count - 1, y: row, style: CellStyle(.stale, bold: true))
        return true
    }
}

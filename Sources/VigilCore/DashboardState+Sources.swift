import Foundation
import OperationsModel

/// Several sources on one screen: which is stale and why, each row's source tag, and the
/// on-call and heartbeat panes grouped by source. With one source none of this shows.
extension DashboardState {
    /// Takes the sources' health; says so when one starts failing or answers again.
    mutating func receiveSources(_ health: [SourceHealth]) {
        let before = Dictionary(sources.map { ($0.name, $0.isFailing) }, uniquingKeysWith: { a, _ in a })
        for source in health where before[source.name] != nil && before[source.name] != source.isFailing {
            if let error = source.lastError {
                say("\(source.name): failing, showing its last good data — \(error.headline)", .warning)
            } else {
                say("\(source.name): answering again", .info)
            }
        }
        sources = health
    }

    /// Whether rows carry a source tag (several sources).
    public var showsSources: Bool { !sources.isEmpty }

    /// The source an alert, incident, user or escalation id belongs to when several share the
    /// screen (`og-eu` of `og-eu:…`); `nil` with one source.
    func source(of id: String) -> String? {
        guard showsSources else { return nil }
        return loadedAlert(id)?.origin ?? SourceScope.split(id)?.source
    }

    /// `og-eu 2, jsm 1`: how many of the alerts `ids` each source has, in the sources' order;
    /// `nil` with one source.
    func perSource(_ ids: [String]) -> String? {
        guard showsSources else { return nil }
        var counts: [String: Int] = [:]
        for id in ids { counts[source(of: id) ?? "?", default: 0] += 1 }
        let names = sources.map(\.name) + counts.keys.sorted().filter { name in !sources.contains { $0.name == name } }
        return names.compactMap { name in counts[name].map { "\(name) \($0)" } }.joined(separator: ", ")
    }

    /// How the screen names an action: `ack #17`, or `ack og-eu #17` when several sources share
    /// the screen (`#17` may be in both).
    func label(_ record: ActionRecord) -> String { "\(record.request.verb) \(subject(record))" }

    /// What an action acts on: `#17`, `incident #3`, `og-eu #17` with several sources.
    func subject(_ record: ActionRecord) -> String {
        (source(of: record.targetId).map { "\($0) " } ?? "") + record.request.subject(record.tinyId)
    }

    /// The source tag of a row, heartbeat or schedule (`nil` with one source).
    func sourceTag(_ origin: String?) -> String? { showsSources ? origin : nil }

    /// Columns the source tag takes on a row: the longest name, at most 8.
    var sourceColumn: Int? {
        showsSources ? max(mergedSourceColumn, min(8, max(3, sources.map { TerminalText.width(of: $0.name) }.max() ?? 3))) : nil
    }

    /// The failing sources for the status line: `jsm: stale 2m — network error: connection refused`;
    /// `nil` when every source answers.
    public var staleSourcesText: String? {
        let failing = sources.filter(\.isFailing)
        guard !failing.isEmpty else { return nil }
        let parts = failing.map { source -> String in
            let age = source.lastSuccess.map { "stale \(compactAge(now.timeIntervalSince($0)))" } ?? "no data yet"
            let retry = source.retryAt.flatMap { $0 > now ? ", retry in \(compactAge($0.timeIntervalSince(now)))" : nil } ?? ""
            return "\(source.name): \(age)\(retry)"
        }
        // Which sources fail and which are live first; the service's words (long) last.
        let live = sources.filter { !$0.isFailing }.map(\.name)
        let reasons = failing.map { source in
            (failing.count > 1 ? "\(source.name): " : "") + (source.lastError?.headline ?? "")
        }
        return parts.joined(separator: " · ") + (live.isEmpty ? "" : " · live: \(live.joined(separator: ", "))")
            + " — " + reasons.joined(separator: "; ")
    }

    /// While some sources fail and others answer, the status line keeps its parts and names the
    /// failing ones in the stale colour: who (`jsm: stale 2m, retry in 20s · live: og-eu`) and,
    /// at its end, why (`— network error: …`). `nil` when none fails or every one does.
    var failingSourcesSummary: (who: String, why: String)? {
        guard !sourcesBanner, let text = staleSourcesText, let dash = text.range(of: " — ") else { return nil }
        return (String(text[..<dash.lowerBound]), "— " + String(text[dash.upperBound...]))
    }

    /// Whether the status line is the red banner for the sources: none answers, or a kind of
    /// data is stale across all of them while one fails.
    var sourcesBanner: Bool {
        staleSourcesText != nil && (sources.allSatisfy(\.isFailing) || !staleKinds.isEmpty)
    }

    /// The status line when no source answers (or data is stale everywhere while one fails):
    /// red, naming each failing source and why, then any kind of data stale across all of them.
    /// Returns false (and draws nothing) otherwise: one failing source among live ones is named
    /// on the ordinary line (``failingSourcesSummary``).
    func drawSourcesBanner(_ canvas: inout Canvas, row: Int) -> Bool {
        guard sourcesBanner, var text = staleSourcesText else { return false }
        let kinds = staleKinds.map { kind in "\(kind.rawValue) \(staleAge(kind))\(feeds[kind]?.lastError.map { " \($0.faultClass.rawValue)" } ?? "")" }
        if !kinds.isEmpty { text += " · also stale: " + kinds.joined(separator: " · ") }
        let clock = clockText
        canvas.fill(x: 0, y: row, width: width, height: 1, style: CellStyle(.stale, bold: true))
        if let pending = pendingSummary { text += " · " + pending }
        let right = drawIncidentBanner(&canvas, row: row, right: width - clock.count - 1, keep: TerminalText.width(of: " ■ STALE ■ " + text))
        canvas.write(" ■ STALE ■ " + text, x: 0, y: row, style: CellStyle(.stale, bold: true), maxWidth: right)
        canvas.write(clock, x: width - clock.count - 1, y: row, style: CellStyle(.stale, bold: true))
        return true
    }

    /// `og-eu · ` before a schedule's or heartbeat's name when several sources share the screen.
    func sourcePrefix(_ origin: String?) -> String {
        guard let tag = sourceTag(origin) else { return "" }
        return tag + " · "
    }

    /// A heartbeat's source as a column of its own (padded to ``sourceColumn``; empty with one source).
    func sourceCell(_ origin: String?) -> String {
        guard let width = sourceColumn else { return "" }
        return TerminalText.pad(TerminalText.fit(origin ?? "-", columns: width), columns: width) + " "
    }

    /// Heartbeats grouped by source (in the order the sources first appear), expired first,
    /// then enabled, then disabled, by name within each. With one source: just the latter.
    static func groupedBySource(_ beats: [Heartbeat]) -> [Heartbeat] {
        var order: [String: Int] = [:]
        for beat in beats { if let origin = beat.origin, order[origin] == nil { order[origin] = order.count } }
        func rank(_ beat: Heartbeat) -> Int { beat.expired == true ? 0 : (beat.enabled == false ? 2 : 1) }
        func group(_ beat: Heartbeat) -> Int { beat.origin.flatMap { order[$0] } ?? -1 }
        return beats.sorted { a, b in (group(a), rank(a), a.name) < (group(b), rank(b), b.name) }
    }
}

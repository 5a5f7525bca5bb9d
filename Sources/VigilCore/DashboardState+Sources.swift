import Foundation
import OperationsModel

/// Several sources on one screen: which is stale and why, each row's source tag, and the
/// on-call and heartbeat panes grouped by source. With one source none of this shows.
extension DashboardState {
    /// Whether rows carry a source tag (several sources).
    public var showsSources: Bool { !feeds.sources.isEmpty }

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
        let names = feeds.sources.map(\.name) + counts.keys.sorted().filter { name in !feeds.sources.contains { $0.name == name } }
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
        showsSources ? max(mergedSourceColumn, min(8, max(3, feeds.sources.map { TerminalText.width(of: $0.name) }.max() ?? 3))) : nil
    }

    /// The failing sources for the status line: `jsm: stale 2m — network error: connection refused`;
    /// `nil` when every source answers.
    public var staleSourcesText: String? {
        let failing = feeds.sources.filter(\.isFailing)
        guard !failing.isEmpty else { return nil }
        let parts = failing.map { source -> String in
            let age = source.lastSuccess.map { "stale \(compactAge(now.timeIntervalSince($0)))" } ?? "no data yet"
            let retry = source.retryAt.flatMap { $0 > now ? ", retry in \(compactAge($0.timeIntervalSince(now)))" : nil } ?? ""
            return "\(source.name): \(age)\(retry)"
        }
        // Which sources fail and which are live first; the service's words (long) last.
        let live = feeds.sources.filter { !$0.isFailing }.map(\.name)
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
        staleSourcesText != nil && (feeds.sources.allSatisfy(\.isFailing) || !staleKinds.isEmpty)
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

    /// `s` padded (or cut) to `n` columns.
    func pad(_ s: String, _ n: Int) -> String { TerminalText.pad(s, columns: n) }

    /// The last action on an alert or incident failed within two minutes: its row shows `!`.
    func recentlyFailed(_ targetId: String) -> Bool {
        guard let last = actionLog.records.last(where: { $0.targetId == targetId }), case .failed = last.phase else { return false }
        return now.timeIntervalSince(last.createdAt) < 120
    }
}

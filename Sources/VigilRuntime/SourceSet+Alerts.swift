import Foundation
import OperationsModel

/// The alert list across sources: counts add up, pages merge in the list's order.
extension SourceSet {
    /// A page of the merged list. Each source is asked for its first `offset + limit × maxPages`
    /// alerts (the rows above the page decide where it starts, as with any merged ranking);
    /// they merge newest first (or as `query` sorts by creation) and the page is cut from that.
    /// A saved search lists its own source only.
    public func alerts(_ query: AlertQuery, maxPages: Int) async throws(OperationsError) -> AlertPage {
        let only = try searchSource(query)
        let wanted = query.offset + query.limit * max(1, maxPages)
        var perSource = query
        perSource.offset = 0
        perSource.searchIdentifier = try localSearch(query)
        let pages = (wanted + query.limit - 1) / query.limit
        let asked = perSource
        let answers = try await gather(.alerts(asked, maxPages: pages), only: only.map { [$0] }) { (backend) async throws(OperationsError) in
            try await backend.alerts(asked, maxPages: pages)
        }
        var rows: [(alert: Alert, source: Int, position: Int)] = []
        for answer in answers {
            let scoping = scoping(answer.source)
            for (position, alert) in answer.value.alerts.enumerated() { rows.append((scoping.alert(alert), answer.source, position)) }
        }
        let ascending = query.order == .asc
        rows.sort { a, b in
            let x = a.alert.createdAt ?? .distantPast, y = b.alert.createdAt ?? .distantPast
            if x != y { return ascending ? x < y : x > y }
            return (a.source, a.position) < (b.source, b.position)
        }
        let listed = mergesAlerts ? AlertMerging.merge(rows.map(\.alert), sourceOrder: sources.map(\.name)) : rows.map(\.alert)
        let end = min(listed.count, wanted)
        let page = query.offset < end ? Array(listed[query.offset..<end]) : []
        let more = listed.count > wanted || answers.contains { $0.value.nextOffset != nil }
        return AlertPage(alerts: page, nextOffset: more ? query.offset + page.count : nil,
                         pagesFetched: answers.reduce(0) { $0 + $1.value.pagesFetched })
    }

    /// The sum of every source's count (a saved search: its own source's); merging, each
    /// alert once (``tallyAlerts(_:)``).
    public func countAlerts(_ query: AlertQuery) async throws(OperationsError) -> Int {
        if mergesAlerts, query.searchIdentifier == nil { return try await tallyAlerts(query).distinct }
        return try await summedCount(query)
    }

    /// Every source's count added up (a saved search: its own source's).
    func summedCount(_ query: AlertQuery) async throws(OperationsError) -> Int {
        let only = try searchSource(query)
        var asked = query
        asked.searchIdentifier = try localSearch(query)
        let answer = asked
        return try await gather(.count(answer), only: only.map { [$0] }) { (backend) async throws(OperationsError) in
            try await backend.countAlerts(answer)
        }.reduce(0) { $0 + $1.value }
    }

    /// The one source a saved search belongs to (`nil`: the query goes to every source).
    private func searchSource(_ query: AlertQuery) throws(OperationsError) -> Int? {
        guard let search = query.searchIdentifier else { return nil }
        return try route(search, what: "saved search").index
    }

    private func localSearch(_ query: AlertQuery) throws(OperationsError) -> String? {
        guard let search = query.searchIdentifier else { return nil }
        return try route(search, what: "saved search").id
    }
}

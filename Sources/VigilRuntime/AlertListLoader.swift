import Foundation
import OperationsModel
import VigilCore

/// Reads the alert list the way an ops-room screen needs it in a storm: the true count per
/// priority, every urgent alert first, and the pages the person is looking at — never the
/// newest 200 passed off as the whole.
///
/// - One page answers it all when the filter matches at most 100 alerts (one call).
/// - Otherwise: a count per priority (five calls), then the urgent pages (P1, then P2, up
///   to ``AlertList/urgentRows``) and the pages in view, each listed by priority, newest first.
struct AlertListLoader: Sendable {
    let backend: any OperationsBackend

    /// A poll of the list.
    func poll(_ request: AlertListRequest) async -> Result<AlertListSnapshot, OperationsError> {
        do throws(OperationsError) {
            if !request.expectLarge {
                let first = try await backend.alerts(Self.query(request.filter, priority: nil, page: 0), maxPages: 1)
                if first.nextOffset == nil, first.alerts.count < AlertList.pageSize {
                    return .success(AlertListSnapshot(complete: first.alerts))
                }
            }
            if case .savedSearch = request.filter { return .success(try await savedSearchWindow(request)) }
            let tallies = try await tallies(request.filter)
            let counts = tallies.map(\.distinct)
            let pages = try await pages(AlertList.plan(counts: counts, rows: request.rows), filter: request.filter)
            let unacknowledged = request.countUnacknowledged ? try await self.counts(request.filter, unacknowledgedOnly: true) : nil
            var snapshot = AlertListSnapshot(counts: counts, pages: pages, unacknowledged: unacknowledged)
            snapshot.shared = tallies.reduce(0) { $0 + $1.shared }
            snapshot.sharedIsExact = tallies.allSatisfy(\.exact)
            return .success(snapshot)
        } catch {
            return .failure(error)
        }
    }

    /// A saved search cannot be narrowed to a priority: its true total, and the pages in view
    /// listed newest first across priorities (kept in the list's last segment).
    func savedSearchWindow(_ request: AlertListRequest) async throws(OperationsError) -> AlertListSnapshot {
        let total = try await backend.countAlerts(Self.query(request.filter, priority: nil, page: 0))
        var counts = Array(repeating: 0, count: AlertPriority.all.count + 1)
        counts[AlertPriority.all.count] = total
        let keys = AlertList.plan(counts: counts, rows: request.rows)
        return AlertListSnapshot(counts: counts, pages: try await pages(keys, filter: request.filter))
    }

    /// True counts per priority (P1…P5), asked for together.
    func counts(_ filter: AlertFilter, unacknowledgedOnly: Bool = false) async throws(OperationsError) -> [Int] {
        try await tallies(filter, unacknowledgedOnly: unacknowledgedOnly).map(\.distinct)
    }

    /// True counts per priority (P1…P5, then the unknown segment), each alert once however
    /// many sources list it, asked for together.
    func tallies(_ filter: AlertFilter, unacknowledgedOnly: Bool = false) async throws(OperationsError) -> [AlertTally] {
        let results = await withTaskGroup(of: (Int, Result<AlertTally, OperationsError>).self) { group in
            for (index, priority) in AlertPriority.all.enumerated() {
                group.addTask {
                    (index, await attempt { () async throws(OperationsError) in
                        var query = Self.query(filter, priority: priority, page: 0)
                        if unacknowledgedOnly { query.query = (query.query ?? "") + " AND acknowledged:false AND snoozed:false" }
                        return try await backend.tallyAlerts(query)
                    })
                }
            }
            var all: [(Int, Result<AlertTally, OperationsError>)] = []
            for await result in group { all.append(result) }
            return all
        }
        var tallies = Array(repeating: AlertTally(distinct: 0), count: AlertPriority.all.count + 1)
        for (index, result) in results { tallies[index] = try result.get() }
        return tallies
    }

    /// The given pages, asked for together.
    func pages(_ keys: [AlertPageKey], filter: AlertFilter) async throws(OperationsError) -> [AlertPageKey: [Alert]] {
        let results = await withTaskGroup(of: (AlertPageKey, Result<AlertPage, OperationsError>).self) { group in
            for key in keys {
                group.addTask {
                    (key, await attempt { () async throws(OperationsError) in
                        try await backend.alerts(Self.query(filter, priority: key.priority, page: key.page), maxPages: 1)
                    })
                }
            }
            var all: [(AlertPageKey, Result<AlertPage, OperationsError>)] = []
            for await result in group { all.append(result) }
            return all
        }
        var pages: [AlertPageKey: [Alert]] = [:]
        for (key, result) in results { pages[key] = try result.get().alerts }
        return pages
    }

    /// One page of the filter, narrowed to a priority: newest first, 100 a page.
    static func query(_ filter: AlertFilter, priority: AlertPriority?, page: Int) -> AlertQuery {
        let offset = page * AlertList.pageSize
        switch filter {
        case .query(let text):
            var query = text.trimmingCharacters(in: .whitespaces)
            if let priority { query = query.isEmpty ? "priority:\(priority.rawValue)" : "(\(query)) AND priority:\(priority.rawValue)" }
            return AlertQuery(query: query, offset: offset, limit: AlertList.pageSize, sort: .createdAt, order: .desc)
        case .savedSearch(let id, _):
            // A saved search cannot be narrowed by a query: its pages list every priority.
            return AlertQuery(searchIdentifier: id, searchIdentifierType: "id", offset: offset, limit: AlertList.pageSize, sort: .createdAt, order: .desc)
        }
    }
}

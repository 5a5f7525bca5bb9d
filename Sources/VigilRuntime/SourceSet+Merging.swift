import Foundation
import OperationsModel
import VigilCore

/// Counting one alert once however many sources list it: the sources' counts add up, less
/// the copies found by comparing every source's matching alerts (``AlertMerging``).
extension SourceSet {
    /// Alerts per source Vigil compares to find those in several sources. Under it the
    /// distinct count is exact; over it, copies past the newest 2,000 go unseen, so the
    /// shared figure is a lower bound (and the screen says so).
    public static let standardSharedAlertLimit = 2_000

    /// Distinct alerts matching `query` across the sources, and how many more than one source
    /// lists. Merging off, or a saved search (one source): the summed count, none shared.
    ///
    /// Every source that has matching alerts lists them newest first, up to
    /// ``sharedAlertLimit`` (a request per 100), and the rows are grouped as the list merges them.
    public func tallyAlerts(_ query: AlertQuery) async throws(OperationsError) -> AlertTally {
        guard mergesAlerts, query.searchIdentifier == nil else { return AlertTally(distinct: try await summedCount(query)) }
        let counts = try await gather(.count(query)) { (backend) async throws(OperationsError) in try await backend.countAlerts(query) }
        let sum = counts.reduce(0) { $0 + $1.value }
        let listing = counts.filter { $0.value > 0 }.map(\.source)
        guard listing.count > 1 else { return AlertTally(distinct: sum) }
        var keys = query
        keys.offset = 0
        keys.limit = AlertList.pageSize
        keys.sort = .createdAt
        keys.order = .desc
        let most = min(sharedAlertLimit, counts.map(\.value).max() ?? 0)
        let pages = (most + AlertList.pageSize - 1) / AlertList.pageSize
        let asked = keys
        let answers = try await gather(.alerts(asked, maxPages: pages), only: listing) { (backend) async throws(OperationsError) in
            try await backend.alerts(asked, maxPages: pages)
        }
        let rows = answers.flatMap { answer in answer.value.alerts.prefix(sharedAlertLimit).map(scoping(answer.source).alert) }
        let groups = AlertMerging.groups(rows).filter { $0.count > 1 }
        let copies = groups.reduce(0) { $0 + $1.count - 1 }
        // A source whose list neither came nor was kept could not be compared: not exact either.
        let compared = Set(answers.map(\.source)) == Set(listing)
        return AlertTally(distinct: max(0, sum - copies), shared: groups.count,
                          exact: compared && counts.allSatisfy { $0.value <= sharedAlertLimit })
    }
}

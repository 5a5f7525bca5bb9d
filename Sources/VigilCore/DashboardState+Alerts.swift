import Foundation
import OperationsModel

extension DashboardState {
    /// Takes a poll's answer: true counts and the pages read. Keeps the selection on the same
    /// alert, rings for a new P1/P2, asks for pages in view that the answer did not bring,
    /// and keeps per-alert memory to the alerts loaded.
    mutating func receiveAlerts(_ result: Result<AlertListSnapshot, OperationsError>, for answeredFilter: AlertFilter?) -> [DashboardEffect] {
        if let answeredFilter, answeredFilter != alertPane.filters.current {
            // The answer for a filter that was changed while it was in flight: poll the new one.
            feeds.polls.discard(.alerts, at: now)
            return duePolls()
        }
        if case .failure(let error) = result, error.faultClass == .request, let previous = alertPane.filters.beforeChange, previous != alertPane.filters.current {
            // The service refused the new filter itself (a query with a typo): that is not an
            // outage. Say why, and go back to the filter whose alerts are on screen.
            let refused = filterDescription
            alertPane.filters.refusedQuery = alertPane.filters.current.queryText
            alertPane.filters.current = previous
            alertPane.filters.beforeChange = nil
            say("filter \(refused) refused: \(error.status.map { "HTTP \($0): " } ?? "")\(error.message) — still showing \(filterDescription); / to fix it", .error)
            feeds.polls.discard(.alerts, at: now)
            return duePolls()
        }
        if case .success = result { alertPane.filters.beforeChange = nil }
        var effects: [DashboardEffect] = []
        if case .success(let snapshot) = result {
            let arrived = snapshot.pages.values.joined()
            if alertPane.everLoaded, settings.bellOnP1, arrived.contains(where: { isNew($0) && ($0.priority ?? .p5) <= .p2 }) {
                effects.append(.bell)
            }
            if alertPane.everLoaded { effects += announcements(arrived) }
            if !alertPane.everLoaded { alertPane.firstLoadedAt = now }
            alertPane.everLoaded = true
            if wallWatch.showing {
                wallWatch.alarm.formUnion(arrived.filter { isNew($0) && $0.priority == .p1 && $0.acknowledged != true && !wallWatch.silenced.contains($0.id) }.map(\.id))
            }
            alertPane.expectLarge = !snapshot.complete
            replaceAlerts(with: snapshot)
            effects += loadPagesInView()
            if let id = alertPane.selectedId, alertPane.details[id] == nil { effects.append(.loadDetail(alertId: id)) }
        }
        finishPoll(.alerts, error: result.failure)
        return effects
    }

    private mutating func replaceAlerts(with snapshot: AlertListSnapshot) {
        alertPane.list.replace(with: snapshot)
        alertPane.loadingPages = []
        // Actions confirmed after this poll started are not in its answer yet.
        if let started = feedStatus[.alerts]?.startedAt {
            for record in actionLog.records where record.phase == .confirmed && (record.finishedAt ?? .distantPast) >= started {
                applyLocally(record)
            }
        }
        // The selection follows its alert; if it left the list, it stays on the same row.
        if let id = alertPane.selectedId, let row = alertPane.list.row(of: id) { alertPane.cursor = row }
        alertPane.cursor = max(0, min(alertPane.cursor, alertPane.list.total - 1))
        alertPane.selectedId = alertPane.list.alert(atRow: alertPane.cursor)?.id
        // Keep per-alert memory to the alerts loaded, so weeks of running do not grow it.
        let list = alertPane.list
        wallWatch.alarm = wallWatch.alarm.filter { id in loadedAlert(id).map { $0.acknowledged != true && $0.status != .closed } ?? false }
        alertPane.marked = alertPane.marked.filter { list.row(of: $0) != nil }
        wallWatch.silenced = wallWatch.silenced.filter { list.row(of: $0) != nil }
        let forgotten = alertPane.forgotten
        alertPane.details = alertPane.details.filter { list.row(of: $0.key) != nil || forgotten.alert($0.key) != nil }
        if alertPane.seen.count > 4 * max(list.loadedCount, 1_000) { alertPane.seen = alertPane.seen.filter { list.row(of: $0) != nil } }
        keepSelectionVisible()
    }

    /// Pages loaded on demand, as the person scrolled to them.
    mutating func receivePages(_ result: Result<[AlertPageKey: [Alert]], OperationsError>, keys: [AlertPageKey],
                               for answeredFilter: AlertFilter) -> [DashboardEffect] {
        alertPane.loadingPages.subtract(keys)
        guard answeredFilter == alertPane.filters.current else { return [] }
        switch result {
        case .success(let pages):
            alertPane.list.merge(pages)
            if alertPane.selectedId == nil { alertPane.selectedId = alertPane.list.alert(atRow: alertPane.cursor)?.id }
            return alertPane.selectedId.map { id in alertPane.details[id] == nil ? [.loadDetail(alertId: id)] : [] } ?? []
        case .failure(let error):
            say("could not load more alerts: \(error.description)", .warning)
            return []
        }
    }

    /// Asks for pages in view that are neither loaded nor on their way.
    mutating func loadPagesInView() -> [DashboardEffect] {
        let missing = alertPane.list.missingPages(in: alertPane.scrollTop..<(alertPane.scrollTop + alertRows)).filter { !alertPane.loadingPages.contains($0) }
        guard !missing.isEmpty else { return [] }
        alertPane.loadingPages.formUnion(missing)
        return [.loadAlertPages(filter: alertPane.filters.current, keys: missing)]
    }

    /// What the next alerts poll asks for.
    var alertListRequest: AlertListRequest {
        AlertListRequest(filter: alertPane.filters.current, rows: alertViewport, expectLarge: alertPane.expectLarge, countUnacknowledged: wallWatch.showing)
    }


    /// `alerts` in the default order — priority first (P1 on top), then newest first — sorting
    /// small keys rather than moving whole alerts (a poll of thousands must not hold up a key press).
    static func sortedByDefaultOrder(_ alerts: [Alert]) -> [Alert] {
        let keys = alerts.indices.map { i in (rank: alerts[i].priority?.rank ?? 6, created: alerts[i].createdAt ?? .distantPast, index: i) }
        let order = keys.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.created != b.created { return a.created > b.created }
            return alerts[a.index].id < alerts[b.index].id
        }
        return order.map { alerts[$0.index] }
    }

    // MARK: Selection

    mutating func move(by delta: Int) {
        move(to: alertPane.cursor + delta)
    }

    /// Moves the selection to a row (clamped to the list); rows not loaded yet are asked for.
    mutating func move(to row: Int) {
        guard alertPane.list.total > 0 else { return }
        alertPane.cursor = min(max(0, row), alertPane.list.total - 1)
        alertPane.selectedId = alertPane.list.alert(atRow: alertPane.cursor)?.id
        keepSelectionVisible()
    }

    mutating func keepSelectionVisible() {
        let rows = max(1, alertRows)
        if alertPane.cursor < alertPane.scrollTop { alertPane.scrollTop = alertPane.cursor }
        if alertPane.cursor >= alertPane.scrollTop + rows { alertPane.scrollTop = alertPane.cursor - rows + 1 }
        alertPane.scrollTop = max(0, min(alertPane.scrollTop, max(0, alertPane.list.total - rows)))
    }

    /// The selection moved: the alert is no longer new, its detail loads, and pages now in
    /// view load.
    mutating func selectionMoved() -> [DashboardEffect] {
        panes.detailScroll = 0
        var effects = loadPagesInView()
        guard let id = alertPane.selectedId else { return effects }
        alertPane.seen.insert(id)
        if alertPane.details[id] == nil { effects.append(.loadDetail(alertId: id)) }
        return effects
    }

    /// An alert raised since Vigil's first look at the list, and not selected since: marked
    /// `●`. Older alerts that scroll or page into view are history, not news.
    public func isNew(_ alert: Alert) -> Bool {
        guard let firstLoadedAt = alertPane.firstLoadedAt, !alertPane.seen.contains(alert.id) else { return false }
        return (alert.createdAt ?? .distantPast) > firstLoadedAt
    }

    /// How long after its creation a new alert may still be announced (and is remembered as
    /// announced): one that first shows up later than this is history, not news.
    public static let announceWindow: TimeInterval = 3600

    /// One ``DashboardEffect/announce(_:)`` per alert that is new (raised since the first look
    /// at the list), open, at or above `notifyPriority`, raised within the window, and not
    /// announced before; whatever page, filter or poll brings it.
    mutating func announcements(_ arrived: some Sequence<Alert>) -> [DashboardEffect] {
        guard let threshold = settings.notifyPriority else { return [] }
        let since = now.addingTimeInterval(-Self.announceWindow)
        wallWatch.announced = wallWatch.announced.filter { $0.value > since }
        var effects: [DashboardEffect] = []
        for alert in arrived where wallWatch.announced[alert.id] == nil && isNew(alert) && alert.status != .closed
            && (alert.priority ?? .p5) <= threshold && (alert.createdAt ?? .distantPast) > since {
            wallWatch.announced[alert.id] = alert.createdAt ?? now
            effects.append(.announce(alert))
        }
        return effects
    }

    /// The alert's short id for messages, `?` when it is not loaded.
    func tinyId(of alertId: String) -> String { loadedAlert(alertId)?.tinyId ?? alertCopy(alertId)?.tinyId ?? "?" }

    /// `#12` for one alert (`og-eu #12` with several sources), `3 marked alerts #3 #20 #13` for
    /// several (`3 marked alerts (og-eu 2, jsm 1) #3 #20 #13`): which ones, not only how many
    /// (marks made off screen are easy to forget); past six, the first six and how many more.
    func targetsDescription(_ ids: [String], naming: Bool = false) -> String {
        if ids.count == 1 { return (source(of: ids[0]).map { "\($0) " } ?? "") + "#" + tinyId(of: ids[0]) }
        if let copies = copiesDescription(ids) { return copies }
        // Each row once, named as its SRC column names it (`og-eu+jsm #8, og-eu #7`).
        var rows: [String] = []
        for id in rowIds(ids) where !rows.contains(id) { rows.append(id) }
        let named = rows.prefix(6).map { id in
            (showsSources ? (loadedAlert(id).map(sourcesLabel) ?? source(of: id) ?? "?") + " " : "") + "#" + tinyId(of: id)
        }.joined(separator: showsSources ? ", " : " ") + (rows.count > 6 ? " +\(rows.count - 6)" : "")
        return "\(rows.count) marked alerts" + (perSource(ids).map { " (\($0))" } ?? "") + (naming ? ": " + named : "")
    }

    static func cycle(after pane: Pane) -> Pane {
        switch pane { case .detail: .incidents; case .incidents: .onCall; case .onCall: .heartbeats; default: .detail }
    }
}

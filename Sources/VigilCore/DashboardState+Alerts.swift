import Foundation
import OperationsModel

extension DashboardState {
    /// Takes a poll's answer: true counts and the pages read. Keeps the selection on the same
    /// alert, rings for a new P1/P2, asks for pages in view that the answer did not bring,
    /// and keeps per-alert memory to the alerts loaded.
    mutating func receiveAlerts(_ result: Result<AlertListSnapshot, OperationsError>, for answeredFilter: AlertFilter?) -> [DashboardEffect] {
        if let answeredFilter, answeredFilter != filter {
            // The answer for a filter that was changed while it was in flight: poll the new one.
            polls.discard(.alerts, at: now)
            return duePolls()
        }
        if case .failure(let error) = result, error.faultClass == .request, let previous = filterBeforeChange, previous != filter {
            // The service refused the new filter itself (a query with a typo): that is not an
            // outage. Say why, and go back to the filter whose alerts are on screen.
            let refused = filterDescription
            refusedQuery = filter.queryText
            filter = previous
            filterBeforeChange = nil
            say("filter \(refused) refused: \(error.status.map { "HTTP \($0): " } ?? "")\(error.message) — still showing \(filterDescription); / to fix it", .error)
            polls.discard(.alerts, at: now)
            return duePolls()
        }
        if case .success = result { filterBeforeChange = nil }
        var effects: [DashboardEffect] = []
        if case .success(let snapshot) = result {
            let arrived = snapshot.pages.values.joined()
            if everLoaded, settings.bellOnP1, arrived.contains(where: { isNew($0) && ($0.priority ?? .p5) <= .p2 }) {
                effects.append(.bell)
            }
            if everLoaded { effects += announcements(arrived) }
            if !everLoaded { firstLoadedAt = now }
            everLoaded = true
            if wall {
                wallAlarm.formUnion(arrived.filter { isNew($0) && $0.priority == .p1 && $0.acknowledged != true && !wallSilenced.contains($0.id) }.map(\.id))
            }
            expectLarge = !snapshot.complete
            replaceAlerts(with: snapshot)
            effects += loadPagesInView()
            if let id = selectedAlertId, details[id] == nil { effects.append(.loadDetail(alertId: id)) }
        }
        finishPoll(.alerts, error: result.failure)
        return effects
    }

    private mutating func replaceAlerts(with snapshot: AlertListSnapshot) {
        alertList.replace(with: snapshot)
        loadingPages = []
        // Actions confirmed after this poll started are not in its answer yet.
        if let started = feeds[.alerts]?.startedAt {
            for record in actions where record.phase == .confirmed && (record.finishedAt ?? .distantPast) >= started {
                applyLocally(record)
            }
        }
        // The selection follows its alert; if it left the list, it stays on the same row.
        if let id = selectedAlertId, let row = alertList.row(of: id) { cursor = row }
        cursor = max(0, min(cursor, alertList.total - 1))
        selectedAlertId = alertList.alert(atRow: cursor)?.id
        // Keep per-alert memory to the alerts loaded, so weeks of running do not grow it.
        let list = alertList
        wallAlarm = wallAlarm.filter { id in loadedAlert(id).map { $0.acknowledged != true && $0.status != .closed } ?? false }
        marked = marked.filter { list.row(of: $0) != nil }
        wallSilenced = wallSilenced.filter { list.row(of: $0) != nil }
        details = details.filter { list.row(of: $0.key) != nil }
        if seen.count > 4 * max(list.loadedCount, 1_000) { seen = seen.filter { list.row(of: $0) != nil } }
        keepSelectionVisible()
    }

    /// Pages loaded on demand, as the person scrolled to them.
    mutating func receivePages(_ result: Result<[AlertPageKey: [Alert]], OperationsError>, keys: [AlertPageKey],
                               for answeredFilter: AlertFilter) -> [DashboardEffect] {
        loadingPages.subtract(keys)
        guard answeredFilter == filter else { return [] }
        switch result {
        case .success(let pages):
            alertList.merge(pages)
            if selectedAlertId == nil { selectedAlertId = alertList.alert(atRow: cursor)?.id }
            return selectedAlertId.map { id in details[id] == nil ? [.loadDetail(alertId: id)] : [] } ?? []
        case .failure(let error):
            say("could not load more alerts: \(error.description)", .warning)
            return []
        }
    }

    /// Asks for pages in view that are neither loaded nor on their way.
    mutating func loadPagesInView() -> [DashboardEffect] {
        let missing = alertList.missingPages(in: scrollTop..<(scrollTop + alertRows)).filter { !loadingPages.contains($0) }
        guard !missing.isEmpty else { return [] }
        loadingPages.formUnion(missing)
        return [.loadAlertPages(filter: filter, keys: missing)]
    }

    /// What the next alerts poll asks for.
    var alertListRequest: AlertListRequest {
        AlertListRequest(filter: filter, rows: alertViewport, expectLarge: expectLarge, countUnacknowledged: wall)
    }

    mutating func receiveDetail(_ id: String, _ result: Result<AlertDetail, OperationsError>) {
        switch result {
        case .success(let detail): details[id] = detail
        case .failure(let error): details[id] = AlertDetail(alert: nil, notes: [], logs: [], error: error.description, loadedAt: now)
        }
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
        move(to: cursor + delta)
    }

    /// Moves the selection to a row (clamped to the list); rows not loaded yet are asked for.
    mutating func move(to row: Int) {
        guard alertList.total > 0 else { return }
        cursor = min(max(0, row), alertList.total - 1)
        selectedAlertId = alertList.alert(atRow: cursor)?.id
        keepSelectionVisible()
    }

    mutating func keepSelectionVisible() {
        let rows = max(1, alertRows)
        if cursor < scrollTop { scrollTop = cursor }
        if cursor >= scrollTop + rows { scrollTop = cursor - rows + 1 }
        scrollTop = max(0, min(scrollTop, max(0, alertList.total - rows)))
    }

    /// The selection moved: the alert is no longer new, its detail loads, and pages now in
    /// view load.
    mutating func selectionMoved() -> [DashboardEffect] {
        detailScroll = 0
        var effects = loadPagesInView()
        guard let id = selectedAlertId else { return effects }
        seen.insert(id)
        if details[id] == nil { effects.append(.loadDetail(alertId: id)) }
        return effects
    }

    /// An alert raised since Vigil's first look at the list, and not selected since: marked
    /// `●`. Older alerts that scroll or page into view are history, not news.
    public func isNew(_ alert: Alert) -> Bool {
        guard let firstLoadedAt, !seen.contains(alert.id) else { return false }
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
        announced = announced.filter { $0.value > since }
        var effects: [DashboardEffect] = []
        for alert in arrived where announced[alert.id] == nil && isNew(alert) && alert.status != .closed
            && (alert.priority ?? .p5) <= threshold && (alert.createdAt ?? .distantPast) > since {
            announced[alert.id] = alert.createdAt ?? now
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
        let named = ids.prefix(6).map { "#" + tinyId(of: $0) }.joined(separator: " ") + (ids.count > 6 ? " +\(ids.count - 6)" : "")
        return "\(Set(rowIds(ids)).count) marked alerts" + (perSource(ids).map { " (\($0))" } ?? "") + (naming ? " " + named : "")
    }

    static func cycle(after pane: Pane) -> Pane {
        switch pane { case .detail: .incidents; case .incidents: .onCall; case .onCall: .heartbeats; default: .detail }
    }
}

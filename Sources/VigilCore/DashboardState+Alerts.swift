import Foundation
import OperationsModel

extension DashboardState {
    /// Takes a poll's alerts: keeps the selection on the same alert, rings for a new P1/P2,
    /// and keeps per-alert memory to the alerts on screen.
    mutating func receiveAlerts(_ result: Result<AlertPage, OperationsError>, for answeredFilter: AlertFilter?) -> [DashboardEffect] {
        if let answeredFilter, answeredFilter != filter {
            // The answer for a filter that was changed while it was in flight: poll the new one.
            polls.discard(.alerts, at: now)
            return duePolls()
        }
        var effects: [DashboardEffect] = []
        if case .success(let page) = result {
            let sorted = Self.sortedByDefaultOrder(page.alerts)
            if everLoaded, settings.bellOnP1, sorted.contains(where: { !seen.contains($0.id) && ($0.priority ?? .p5) <= .p2 }) {
                effects.append(.bell)
            }
            if !everLoaded { seen.formUnion(sorted.map(\.id)) }
            everLoaded = true
            replaceAlerts(with: sorted, hasMore: page.nextOffset != nil)
            if let id = selectedAlertId, details[id] == nil { effects.append(.loadDetail(alertId: id)) }
        }
        finishPoll(.alerts, error: result.failure)
        return effects
    }

    private mutating func replaceAlerts(with sorted: [Alert], hasMore: Bool) {
        let previousIndex = selectedIndex ?? 0
        alerts = sorted
        // Actions confirmed after this poll started are not in its answer yet.
        if let started = feeds[.alerts]?.startedAt {
            for record in actions where record.phase == .confirmed && (record.finishedAt ?? .distantPast) >= started {
                applyLocally(record)
            }
        }
        totalAlerts = hasMore ? sorted.count : nil
        if selectedAlertId == nil || selectedIndex == nil {
            // The selected alert left the list: stay on the same row number.
            selectedAlertId = alerts.isEmpty ? nil : alerts[min(previousIndex, alerts.count - 1)].id
        }
        // Keep per-alert memory to the alerts on screen, so weeks of running do not grow it.
        let onScreen = Set(alerts.map(\.id))
        marked = marked.intersection(onScreen)
        details = details.filter { onScreen.contains($0.key) }
        if seen.count > 4 * max(onScreen.count, 1_000) { seen = seen.intersection(onScreen) }
        keepSelectionVisible()
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
        guard !alerts.isEmpty else { return }
        move(to: (selectedIndex ?? 0) + delta)
    }

    mutating func move(to index: Int) {
        guard !alerts.isEmpty else { return }
        selectedAlertId = alerts[min(max(0, index), alerts.count - 1)].id
        keepSelectionVisible()
    }

    mutating func keepSelectionVisible() {
        let rows = max(1, alertRows)
        guard let index = selectedIndex else { scrollTop = 0; return }
        if index < scrollTop { scrollTop = index }
        if index >= scrollTop + rows { scrollTop = index - rows + 1 }
        scrollTop = max(0, min(scrollTop, max(0, alerts.count - rows)))
    }

    /// The selection moved onto an alert: it is no longer new, and its detail loads.
    mutating func selectionMoved() -> [DashboardEffect] {
        guard let id = selectedAlertId else { return [] }
        seen.insert(id)
        return details[id] == nil ? [.loadDetail(alertId: id)] : []
    }

    /// The alert's short id for messages, `?` when it is not on the list.
    func tinyId(of alertId: String) -> String { alerts.first { $0.id == alertId }?.tinyId ?? "?" }

    /// `#12` for one alert, `3 alerts` for several.
    func targetsDescription(_ ids: [String]) -> String {
        ids.count == 1 ? "#" + tinyId(of: ids[0]) : "\(ids.count) alerts"
    }

    static func cycle(after pane: Pane) -> Pane {
        switch pane { case .detail: .onCall; case .onCall: .heartbeats; default: .detail }
    }
}

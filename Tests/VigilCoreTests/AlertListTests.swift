import Foundation
import OperationsModel
import Testing
@testable import VigilCore

/// `count` alerts of one priority, newest first, created a minute apart before `fixedNow`.
func alerts(_ priority: AlertPriority, count: Int, from first: Int = 0) -> [Alert] {
    (first..<(first + count)).map { i in
        Alert(id: "\(priority.rawValue)-\(i)", tinyId: "\(priority.rank)\(i)", message: "\(priority.rawValue) alert \(i)", status: .open,
              createdAt: fixedNow.addingTimeInterval(-Double(i + 1) * 60), priority: priority)
    }
}

/// A storm: true counts per priority, with only the given pages in the answer.
func storm(counts: [Int], pages: [AlertPageKey]) -> AlertListSnapshot {
    var loaded: [AlertPageKey: [Alert]] = [:]
    for key in pages {
        let n = min(AlertList.pageSize, counts[key.segment] - key.offset)
        loaded[key] = alerts(AlertPriority.all[key.segment], count: n, from: key.offset)
    }
    return AlertListSnapshot(counts: counts, pages: loaded)
}

@Suite("AlertList: every matching alert, paged by priority")
struct AlertListTests {
    let counts = [250, 30, 4_000, 0, 25_000, 0]

    @Test func rowsMapToPrioritiesAndPagesInDisplayOrder() throws {
        let list = AlertList(counts: counts, pages: [:])
        #expect(list.total == 29_280)
        #expect(list.location(ofRow: 0)?.key == AlertPageKey(segment: 0, page: 0))
        #expect(list.location(ofRow: 249)?.key == AlertPageKey(segment: 0, page: 2))
        #expect(list.location(ofRow: 250)?.key == AlertPageKey(segment: 1, page: 0))
        let last = try #require(list.location(ofRow: list.total - 1))
        #expect(last.key == AlertPageKey(segment: 4, page: 249) && last.index == 99)
        #expect(list.location(ofRow: list.total) == nil)
    }

    @Test func aPollReadsTheUrgentRowsAndThePagesInView() {
        #expect(AlertList.plan(counts: counts, rows: 0..<40) == [AlertPageKey(segment: 0, page: 0), AlertPageKey(segment: 0, page: 1)],
                "200 urgent rows: the first two pages of P1")
        let small = [20, 30, 4_000, 0, 0, 0]
        #expect(AlertList.plan(counts: small, rows: 0..<40) == [AlertPageKey(segment: 0, page: 0), AlertPageKey(segment: 1, page: 0)],
                "every P1 and P2 when they fit, and the page in view")
        #expect(AlertList.plan(counts: small, rows: 3_000..<3_040).contains(AlertPageKey(segment: 2, page: 29)))
    }

    @Test func rowsPastThePagingLimitAreNeverAskedFor() {
        let list = AlertList(counts: counts, pages: [:])
        let deep = list.firstRow(ofSegment: 4) + 20_000
        #expect(list.isBeyondPagingLimit(deep))
        #expect(!list.isBeyondPagingLimit(deep - 1))
        #expect(list.missingPages(in: deep..<(deep + 40)).isEmpty)
        #expect(list.missingPages(in: (deep - 10)..<(deep + 40)) == [AlertPageKey(segment: 4, page: 199)])
    }
}

@Suite("update: the alert list in a storm")
struct StormUpdateTests {
    func stormState(counts: [Int] = [1_656, 1_713, 3_345, 1_642, 1_644, 0]) -> DashboardState {
        var state = DashboardState(settings: DashboardSettings(host: "h"), now: fixedNow, width: 120, height: 40)
        _ = state.update(.tick(fixedNow))
        _ = state.update(.alertListLoaded(.success(storm(counts: counts, pages: AlertList.plan(counts: counts, rows: 0..<40)))))
        return state
    }

    @Test func theTitleShowsTheAccountsTrueCountsNotWhatIsLoaded() {
        let state = stormState()
        let title = state.render().text.split(separator: "\n")[1]
        #expect(title.contains("Alerts 10000 [P1:1656 P2:1713 P3:3345 P4:1642 P5:1644]"), "\(title)")
        #expect(state.alerts.count == 200, "only the urgent pages are loaded")
        #expect(state.alertPane.expectLarge, "the next poll goes straight to counts")
    }

    @Test func bottomJumpsToTheTrueEndAndLoadsItsPage() {
        var state = stormState()
        let effects = state.update(.key(.character("G")))
        #expect(state.alertPane.cursor == 9_999)
        #expect(effects.contains(.loadAlertPages(filter: .query("status:open"), keys: [AlertPageKey(segment: 4, page: 16)])), "\(effects)")
        #expect(state.render().text.contains("P5 loading…"))
        #expect(state.alertPane.selectedId == nil, "nothing to act on until the row has loaded")
        #expect(state.update(.key(.character("k"))).isEmpty, "a page already on its way is not asked for twice")
        _ = state.update(.key(.character("j")))
        let page = storm(counts: [1_656, 1_713, 3_345, 1_642, 1_644, 0], pages: [AlertPageKey(segment: 4, page: 16)]).pages
        let loaded = state.update(.alertPagesLoaded(.success(page), keys: [AlertPageKey(segment: 4, page: 16)], filter: .query("status:open")))
        #expect(state.selectedAlert?.id == "P5-1643", "the oldest P5 is the last row")
        #expect(loaded == [.loadDetail(alertId: "P5-1643")])
        #expect(!state.render().text.contains("P5 loading…"))
    }

    @Test func theSelectionFollowsItsAlertWhenNewAlertsArriveAbove() {
        var state = stormState()
        for _ in 0..<5 { _ = state.update(.key(.character("j"))) }
        let selected = state.alertPane.selectedId
        // Three new P1s: every row moves down by three.
        let counts = [1_659, 1_713, 3_345, 1_642, 1_644, 0]
        var snapshot = storm(counts: counts, pages: AlertList.plan(counts: counts, rows: 0..<40))
        let newer = (0..<3).map { i in Alert(id: "new-\(i)", tinyId: "n\(i)", status: .open, createdAt: fixedNow, priority: .p1) }
        snapshot.pages[AlertPageKey(segment: 0, page: 0)] = newer + alerts(.p1, count: 97)
        _ = state.update(.alertListLoaded(.success(snapshot)))
        #expect(state.alertPane.selectedId == selected)
        #expect(state.alertPane.cursor == 8)
    }

    @Test func rowsBeyondThePagingLimitSaySo() {
        var state = stormState(counts: [0, 0, 0, 0, 25_000, 0])
        _ = state.update(.key(.character("G")))
        #expect(state.render().text.contains("beyond the 20,000 alerts a list can page to"))
    }
}

import Foundation
import OperationsModel
import Testing
@testable import VigilCore

/// The STATE column says the whole state in the room it has.
@Suite("The STATE column")
struct StateColumnTests {
    @Test func aLongSnoozeFitsTheColumnWhole() {
        var snoozed = alert(7, .p3, minutesAgo: 10)
        snoozed.snoozed = true
        snoozed.snoozedUntil = fixedNow.addingTimeInterval(18 * 3600 + 5 * 60)
        var state = DashboardState(settings: DashboardSettings(host: "api.opsgenie.com"), now: fixedNow, width: 120, height: 40)
        _ = state.update(.tick(fixedNow))
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: [snoozed], nextOffset: nil, pagesFetched: 1))))
        let row = state.render().text.split(separator: "\n").first { $0.contains("#7") }.map(String.init) ?? ""
        #expect(row.contains("snz 18h "), "18 hours to the hour, not cut: \(row)")
        #expect(DashboardState.snoozeLeft(65 * 60) == "1h05m" && DashboardState.snoozeLeft(2 * 86400 + 3 * 3600) == "2d03h")
    }

    @Test func aMergedRowWhoseCopiesDifferSaysEachSourcesState() {
        let state = DashboardState(settings: DashboardSettings(host: "api.opsgenie.com"), now: fixedNow, width: 120, height: 40)
        var row = alert(2, .p1, minutesAgo: 5)
        var og = row, jsm = alert(41, .p1, acked: true, minutesAgo: 4)
        og.origin = "og-eu"
        jsm.origin = "jsm"
        row.copies = [AlertCopy(og), AlertCopy(jsm)]
        #expect(state.rowStateLabel(row) == ("open/ack", .critical))
        row.copies![1].acknowledged = false
        row.copies![1].status = .open
        #expect(state.rowStateLabel(row) == ("open", .critical), "alike: one word")
    }
}

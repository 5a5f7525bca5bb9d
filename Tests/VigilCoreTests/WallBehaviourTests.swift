import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("The wall")
struct WallBehaviourTests {
    @Test func helpOnTheWallIsDrawnAndAnyKeyClosesIt() {
        var state = loadedState { $0.wall = true }
        _ = state.update(.key(.character("?")))
        #expect(state.render().text.contains("Help — keys"))
        _ = state.update(.key(.character("x")))
        #expect(state.prompt.overlay == nil && state.wallWatch.showing)
        _ = state.update(.key(.character("W")))
        #expect(!state.wallWatch.showing, "the next W leaves the wall")
    }

    @Test func theWallsDigitsAndMarksHaveAnASCIIForm() {
        var state = loadedState { $0.wall = true; $0.asciiOnly = true }
        _ = state.update(.tick(fixedNow))
        let text = state.render().text
        #expect(text.contains("##"), "block digits become #")
        #expect(!text.contains("?"), "no cell falls back to ?: \(text)")
    }

    @Test func theWallShowsSnoozedAlertsAsSnoozedAndDoesNotCountThemUnacknowledged() {
        var state = DashboardState(settings: { var s = DashboardSettings(host: "h"); s.wall = true; return s }(), now: fixedNow, width: 120, height: 40)
        _ = state.update(.tick(fixedNow))
        var snoozed = alert(2, .p1, minutesAgo: 3, message: "disk filling, snoozed")
        snoozed.snoozed = true
        snoozed.snoozedUntil = fixedNow.addingTimeInterval(3600)
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: [alert(1, .p1, minutesAgo: 1), snoozed], nextOffset: nil, pagesFetched: 1))))
        let wall = state.render().text
        let row = wall.split(separator: "\n").first { $0.contains("disk filling, snoozed") }.map(String.init) ?? ""
        #expect(row.contains("snoozed") && !row.contains("OPEN"), "\(row)")
        #expect(wall.contains("1 unacked") && !wall.contains("2 unacked"), "a snoozed alert is not waiting for someone")
    }

    @Test func newMarkersSurviveTheWallAndTheKeyThatStopsItsFlash() {
        var state = loadedState()
        _ = state.update(.tick(fixedNow.addingTimeInterval(60)))
        let arrived = sampleAlerts + [alert(7, .p1, minutesAgo: -0.5, message: "fresh P1"), alert(8, .p3, minutesAgo: -0.5, message: "fresh P3")]
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: arrived, nextOffset: nil, pagesFetched: 1))))
        func newRows() -> [String] { state.render().text.split(separator: "\n").map(String.init).filter { $0.contains("●") } }
        #expect(newRows().count == 2)
        _ = state.update(.key(.character("W")))
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: arrived, nextOffset: nil, pagesFetched: 1))))
        #expect(state.wallWatch.alarm == ["id-7"], "the new P1 flashes")
        _ = state.update(.key(.character("x")))
        #expect(state.wallWatch.alarm.isEmpty, "a key stops the flash")
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: arrived, nextOffset: nil, pagesFetched: 1))))
        #expect(state.wallWatch.alarm.isEmpty, "and it does not start again for the same alert")
        _ = state.update(.key(.character("W")))
        _ = state.update(.key(.character("W")))
        _ = state.update(.key(.character("W")))
        #expect(!state.wallWatch.showing)
        let rows = newRows()
        #expect(rows.count == 2 && rows.contains { $0.contains("fresh P1") } && rows.contains { $0.contains("fresh P3") },
                "both stay new until selected: \(rows)")
    }

    @Test func theWallSingleSpacesItsRowsScalesItsDigitsAndCountsWhatDidNotFit() {
        func wall(_ width: Int, _ height: Int) -> String {
            var state = DashboardState(settings: { var s = DashboardSettings(host: "h"); s.wall = true; return s }(), now: fixedNow, width: width, height: height)
            _ = state.update(.tick(fixedNow))
            let urgent = (1...79).map { alert($0, $0 % 3 == 0 ? .p2 : .p1, minutesAgo: Double($0)) }
            _ = state.update(.alertsLoaded(.success(AlertPage(alerts: urgent, nextOffset: nil, pagesFetched: 1))))
            return state.render().text
        }
        let text = wall(120, 40)
        let rows = text.split(separator: "\n").filter { $0.contains("something is wrong") }.count
        #expect(rows >= 12, "one alert a row, not one every other row: \(rows)")
        #expect(text.contains("… and \(79 - rows) more open P1/P2"), "\(text)")
        let big = wall(200, 60).split(separator: "\n").filter { $0.contains("█") }.count
        #expect(big >= 15, "digits grow with the screen: \(big) rows of them at 200×60")
    }

    @Test func p1AndP2RowsThatDoNotFitAreCounted() {
        var state = DashboardState(settings: { var s = DashboardSettings(host: "h"); s.wall = true; return s }(), now: fixedNow, width: 80, height: 24)
        _ = state.update(.tick(fixedNow))
        let urgent = (1...10).map { alert($0, .p1, minutesAgo: Double($0)) }
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: urgent, nextOffset: nil, pagesFetched: 1))))
        let text = state.render().text
        let listed = (1...10).filter { text.contains("#\($0) ") }.count
        #expect(listed < 10, "80×24 cannot hold ten large rows")
        #expect(text.contains("… and \(10 - listed) more open P1/P2"), "the rest are counted: \(text)")
    }
}

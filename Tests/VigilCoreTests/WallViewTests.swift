import Foundation
import OperationsModel
import SnapshotTesting
import Testing
@testable import VigilCore

@Suite("The wall view")
struct WallViewTests {
    func wallState(width: Int, height: Int) -> DashboardState {
        loadedState(width: width, height: height) { $0.wall = true; $0.readOnly = true }
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func goldenWall(width: Int, height: Int) {
        let canvas = wallState(width: width, height: height).render()
        #expect((0..<canvas.height).allSatisfy { canvas.line($0).reduce(0) { $0 + TerminalText.width(of: $1) } == width })
        assertSnapshot(of: canvas.text, as: .lines, named: "wall-\(width)x\(height)")
    }

    @Test func countsAreLargeDigitsWithTheUnacknowledgedBeside() {
        let text = wallState(width: 120, height: 40).render().text
        #expect(text.contains("█"))
        #expect(text.contains("2 unacked"), "two P1s, neither acknowledged")
        #expect(text.contains("OPEN P1 / P2 (3)"))
        #expect(text.contains("EXPIRED billing-cron"))
        #expect(text.contains("platform_schedule: grace"))
    }

    @Test func noKeyActsOnAlertsAndWTogglesBack() {
        var state = wallState(width: 120, height: 40)
        #expect(state.update(.key(.character("a"))).isEmpty)
        #expect(state.actionLog.records.isEmpty)
        #expect(state.messages.last?.text == "wall view: W returns to the dashboard")
        _ = state.update(.key(.character("W")))
        #expect(!state.wallWatch.showing)
        #expect(state.render().text.contains("Alerts 6"))
        let back = state.update(.key(.character("W")))
        #expect(state.wallWatch.showing)
        #expect(back.contains { if case .pollAlerts(let request) = $0 { request.countUnacknowledged } else { false } },
                "the wall polls at once, with unacknowledged counts")
    }

    @Test func aNewP1FlashesUntilAKeyOrItsAcknowledgement() {
        var state = wallState(width: 120, height: 40)
        let newP1 = alert(8, .p1, minutesAgo: -0.5)
        _ = state.update(.tick(fixedNow.addingTimeInterval(40)))
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: sampleAlerts + [newP1], nextOffset: nil, pagesFetched: 1))))
        #expect(state.wallWatch.alarm == [newP1.id])
        #expect(state.render().text.contains("NEW P1"), "flashing (even second)")
        _ = state.update(.tick(fixedNow.addingTimeInterval(41)))
        #expect(!state.render().text.contains("NEW P1"), "and off the next second")
        _ = state.update(.key(.character("x")))
        #expect(state.wallWatch.alarm.isEmpty, "any key stops it")
        // Raised again by the next new P1; acknowledged elsewhere, it stops by itself.
        let another = alert(9, .p1, minutesAgo: -0.9)
        _ = state.update(.tick(fixedNow.addingTimeInterval(60)))
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: sampleAlerts + [newP1, another], nextOffset: nil, pagesFetched: 1))))
        #expect(state.wallWatch.alarm == [another.id])
        var acked = another
        acked.acknowledged = true
        _ = state.update(.tick(fixedNow.addingTimeInterval(70)))
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: sampleAlerts + [newP1, acked], nextOffset: nil, pagesFetched: 1))))
        #expect(state.wallWatch.alarm.isEmpty)
    }

    @Test func staleDataPutsTheBannerAcrossTheWall() {
        var state = wallState(width: 80, height: 24)
        _ = state.update(.tick(fixedNow.addingTimeInterval(15)))
        _ = state.update(.alertsLoaded(.failure(.transport("connection refused by api.opsgenie.com:443"))))
        let line = state.render().text.split(separator: "\n")[1]
        #expect(line.contains("■ STALE ■ alerts 15s network"))
    }
}

@Suite("The wall view when stale")
struct WallStaleTests {
    @Test func theTimeOfTheLastGoodDataIsLargeWhileStaleAndGoneWhenFresh() {
        var state = loadedState(width: 80, height: 24) { $0.wall = true; $0.readOnly = true }
        #expect(!state.render().text.contains("LAST GOOD DATA"), "fresh: no such line")
        // Alerts fail for five minutes: older than three intervals, and the last poll failed.
        _ = state.update(.tick(fixedNow.addingTimeInterval(300)))
        _ = state.update(.alertsLoaded(.failure(.transport("connection refused by api.opsgenie.com:443"))))
        let text = state.render().text
        let clock = String(DashboardState.clockFormat(fixedNow, seconds: false).dropLast())
        #expect(text.contains("LAST GOOD DATA \(clock)Z · 5m ago"))
        let big = BlockDigits.rows(text: clock)
        #expect(big.allSatisfy { text.contains($0) }, "the time in large digits")
        #expect(text.contains("■ STALE ■"))
    }
}

import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("The alerts pane")
struct AlertPaneTests {
    @Test func newAlertsThatArriveAboveTheViewAreCountedOnTheAlertsPane() {
        var state = DashboardState(settings: DashboardSettings(host: "h"), now: fixedNow, width: 80, height: 24)
        _ = state.update(.tick(fixedNow))
        let old = (1...40).map { alert($0, .p3, minutesAgo: Double(60 + $0)) }
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: old, nextOffset: nil, pagesFetched: 1))))
        _ = state.update(.key(.character("G")))
        #expect(!state.render().text.contains("new above"))
        _ = state.update(.tick(fixedNow.addingTimeInterval(60)))
        let storm = (101...108).map { alert($0, .p1, minutesAgo: -0.5, message: "storm \($0)") }
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: old + storm, nextOffset: nil, pagesFetched: 1))))
        let text = state.render().text
        #expect(!text.contains("storm 10"), "the P1s are above the view")
        #expect(text.contains("↑ 8 new above"), "\(text)")
        _ = state.update(.key(.character("g")))
        #expect(!state.render().text.contains("new above"))
    }
}

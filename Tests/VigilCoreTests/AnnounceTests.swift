import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("on_new_alert: which alerts are announced")
struct AnnounceTests {
    func announced(_ effects: [DashboardEffect]) -> [String] {
        effects.compactMap { if case .announce(let alert) = $0 { alert.tinyId } else { nil } }
    }

    func poll(_ state: inout DashboardState, _ alerts: [Alert], at seconds: TimeInterval) -> [DashboardEffect] {
        _ = state.update(.tick(fixedNow.addingTimeInterval(seconds)))
        return state.update(.alertsLoaded(.success(AlertPage(alerts: alerts, nextOffset: nil, pagesFetched: 1))))
    }

    @Test func anAlertAtOrAboveThePriorityIsAnnouncedOnceAndNothingFromTheFirstLook() {
        var state = loadedState { $0.notifyPriority = .p2 }
        #expect(state.wallWatch.announced.isEmpty, "the alerts of the first look are history")
        let p1 = alert(7, .p1, minutesAgo: -0.5), p2 = alert(8, .p2, minutesAgo: -0.5), p4 = alert(9, .p4, minutesAgo: -0.5)
        #expect(announced(poll(&state, sampleAlerts + [p1, p2, p4], at: 40)).sorted() == ["7", "8"])
        #expect(announced(poll(&state, sampleAlerts + [p1, p2, p4], at: 50)).isEmpty, "not again on the next poll")
        _ = state.update(.key(.character("g")))  // seen, then gone and back: still not again
        #expect(announced(poll(&state, sampleAlerts, at: 60)).isEmpty)
        #expect(announced(poll(&state, sampleAlerts + [p1], at: 70)).isEmpty)
    }

    @Test func theThresholdIsConfigurableAndNoneMeansNoAnnouncement() {
        var p1Only = loadedState { $0.notifyPriority = .p1 }
        #expect(announced(poll(&p1Only, sampleAlerts + [alert(7, .p1, minutesAgo: -0.5), alert(8, .p2, minutesAgo: -0.5)], at: 40)) == ["7"])
        var none = loadedState()
        #expect(announced(poll(&none, sampleAlerts + [alert(7, .p1, minutesAgo: -0.5)], at: 40)).isEmpty)
        #expect(none.render().text.contains("● #7"), "the new marker does not depend on the command")
    }

    @Test func closedAndLongAgoRaisedAlertsAreNotNews() {
        var state = loadedState { $0.notifyPriority = .p3 }
        var closed = alert(7, .p1, minutesAgo: -0.5)
        closed.status = .closed
        // Raised after start, but first seen more than the window after its creation.
        let late = alert(8, .p1, minutesAgo: -0.5)
        #expect(announced(poll(&state, sampleAlerts + [closed], at: 40)).isEmpty)
        #expect(announced(poll(&state, sampleAlerts + [late], at: DashboardState.announceWindow + 60)).isEmpty)
    }

    @Test func theMemoryOfAnnouncedAlertsIsBounded() {
        var state = loadedState { $0.notifyPriority = .p2 }
        _ = poll(&state, sampleAlerts + [alert(7, .p1, minutesAgo: -0.5)], at: 40)
        #expect(state.wallWatch.announced.count == 1)
        _ = poll(&state, sampleAlerts, at: DashboardState.announceWindow + 120)
        #expect(state.wallWatch.announced.isEmpty)
    }
}

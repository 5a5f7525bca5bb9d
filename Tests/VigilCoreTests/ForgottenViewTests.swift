import Foundation
import OperationsModel
import SnapshotTesting
import Testing
@testable import VigilCore

/// Acknowledged and forgotten: alerts acknowledged longer ago than `stale_ack` and still open,
/// oldest acknowledgement first, aged by the service's own acknowledge time.
@Suite("Acknowledged and forgotten")
struct ForgottenViewTests {
    /// Open acknowledged alerts: acked 9h, 5h and 1h ago, and one the service gave no time for.
    static let acknowledged: [Alert] = {
        func acked(_ n: Int, _ priority: AlertPriority, createdHoursAgo: Double, ackedAfterMinutes: Int64?, by: String) -> Alert {
            var a = alert(n, priority, acked: true, minutesAgo: createdHoursAgo * 60, owner: by)
            a.report = ackedAfterMinutes.map { AlertReport(ackTime: $0 * 60_000, acknowledgedBy: by) }
            return a
        }
        return [acked(31, .p2, createdHoursAgo: 5.5, ackedAfterMinutes: 30, by: "grace@example.com"),
                acked(32, .p1, createdHoursAgo: 9.2, ackedAfterMinutes: 12, by: "bob@example.com"),
                acked(33, .p3, createdHoursAgo: 1.5, ackedAfterMinutes: 30, by: "erin@example.com"),
                acked(34, .p4, createdHoursAgo: 7, ackedAfterMinutes: nil, by: "ivan@example.com")]
    }()

    @Test func onlyThoseAckedBeforeTheCutOffAreListedOldestFirst() {
        let forgotten = ForgottenAlerts.from(Self.acknowledged, now: fixedNow, staleAfter: 4 * 3600)
        #expect(forgotten.entries.map { $0.alert.tinyId } == ["32", "31"], "acked 9h and 5h ago; not the one acked 1h ago")
        #expect(forgotten.withoutTime == 1, "an acknowledgement with no time is not aged by when Vigil saw it")
        #expect(forgotten.entries.first?.acknowledgedAt == fixedNow.addingTimeInterval(-9.2 * 3600 + 12 * 60))
    }

    @Test func fTogglesTheViewAndItsTitleSaysWhatItIs() {
        var state = loadedState(width: 80, height: 24)
        #expect(state.update(.key(.character("F"))) == [.loadForgotten])
        #expect(state.render().line(1).contains("Acknowledged and forgotten (acked over 4h ago"))
        _ = state.update(.forgottenLoaded(.success(Self.acknowledged)))
        let text = state.render().text
        #expect(text.contains("Acknowledged and forgotten: 2 acked over 4h ago, still open"), "\(text)")
        #expect(text.contains("#32") && text.contains("bob") && text.contains("#31") && !text.contains("#33 "))
        assertSnapshot(of: text, as: .lines, named: "forgotten-80x24")
        _ = state.update(.key(.character("F")))
        #expect(state.render().line(1).contains("Alerts 6"), "F again: back to the alerts")
    }

    @Test func inTheViewKeysActOnTheAlertSelectedThereNeverOnOneOutOfSight() {
        var state = loadedState()
        let listSelection = state.alertPane.selectedId
        _ = state.update(.key(.character("F")))
        #expect(state.selectedAlert == nil, "nothing listed yet: nothing selected")
        #expect(state.update(.key(.character("c"))).isEmpty && state.prompt.overlay == nil, "no alert out of sight is acted on")
        _ = state.update(.forgottenLoaded(.success(Self.acknowledged)))
        #expect(state.selectedAlert?.tinyId == "32", "the oldest acknowledgement first, selected")
        #expect(state.update(.key(.character("j"))) == [.loadDetail(alertId: "id-31")])
        #expect(state.selectedAlert?.tinyId == "31" && state.alertPane.selectedId == listSelection, "j moves the view's selection, not the list's")
        #expect(state.render().text.contains("Detail") && state.render().text.contains("[svc-31]"), "the detail is the selected one's")
        _ = state.update(.key(.character("c")))
        guard case .confirm(let question, .close, let ids)? = state.prompt.overlay else { Issue.record("c closes the selected alert, asking first"); return }
        #expect(ids == ["id-31"] && question.hasPrefix("Close #31"), "\(question)")
        _ = state.update(.key(.escape))
        #expect(state.update(.key(.character(" "))).isEmpty && state.alertPane.marked.isEmpty)
        #expect(state.messages.last?.text == "mark / unmark: marks are for the alert list; F returns to it")
        _ = state.update(.key(.character("F")))
        #expect(state.update(.key(.character("a"))).contains { if case .perform(_, .acknowledge, let id) = $0 { id == listSelection } else { false } },
                "back on the alerts, a acts on the list's selection")
    }

    @Test func theWallCountsThem() {
        var state = loadedState(width: 120, height: 40) { $0.wall = true }
        _ = state.update(.forgottenLoaded(.success(Self.acknowledged)))
        #expect(state.render().text.contains("2 acked over 4h ago, still open"))
    }

    @Test func whileShownTheListIsReadAgainWithTheAlertsAtMostOnceAMinute() {
        var state = loadedState()
        _ = state.update(.key(.character("F")))
        // Not answered yet: an alerts poll does not ask a second time.
        #expect(!state.update(.alertsLoaded(.success(AlertPage(alerts: sampleAlerts, nextOffset: nil, pagesFetched: 1)))).contains(.loadForgotten))
        _ = state.update(.forgottenLoaded(.success(Self.acknowledged)))
        let again = state.update(.alertsLoaded(.success(AlertPage(alerts: sampleAlerts, nextOffset: nil, pagesFetched: 1))))
        #expect(!again.contains(.loadForgotten), "read a moment ago")
        _ = state.update(.tick(fixedNow.addingTimeInterval(61)))
        let later = state.update(.alertsLoaded(.success(AlertPage(alerts: sampleAlerts, nextOffset: nil, pagesFetched: 1))))
        #expect(later.contains(.loadForgotten))
    }
}

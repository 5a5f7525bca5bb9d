import Foundation
import OperationsModel
import SnapshotTesting
import Testing
@testable import VigilCore

@Suite("The escalation path of the selected alert")
struct EscalationTimelineTests {
    @Test func aRecipientNamedByIdOnlyTakesTheSchedulesNameFromOnCall() {
        // JSM names escalation recipients by id; the schedule's name and who is on call come from on-call.
        #expect(EscalationTimeline.describe(Recipient(type: .schedule, id: "s1"), onCall: sampleOnCall) == "platform_schedule (grace)")
        #expect(EscalationTimeline.describe(Recipient(type: .team, id: "t-9"), onCall: sampleOnCall) == "team t-9")
    }

    let escalation = platformEscalation()

    func escalated(minutesAgo: Double, acked: Bool = false) -> Alert {
        var a = alert(2, .p1, acked: acked, minutesAgo: minutesAgo)
        a.responders = [Responder(type: .team, id: "team-0", name: "platform"), Responder(type: .escalation, id: "e1", name: "platform_escalation")]
        return a
    }

    @Test func stepsArePlacedFromCreationWithTheNextOneCountingDown() {
        let timeline = EscalationTimeline(escalation: escalation, alert: escalated(minutesAgo: 12), now: fixedNow, onCall: sampleOnCall)
        #expect(timeline.steps.map(\.state) == [.passed, .next, .later])
        #expect(timeline.steps[0].recipient == "platform_schedule (grace)", "who is on call for the schedule now")
        let text = timeline.lines(alert: escalated(minutesAgo: 12), now: fixedNow).map(\.0)
        #expect(text.contains("  next: notify platform_schedule (grace) in 3m if not acked"))
    }

    @Test func acknowledgingStopsTheIfNotAckedSteps() {
        let timeline = EscalationTimeline(escalation: escalation, alert: escalated(minutesAgo: 12, acked: true), now: fixedNow, onCall: sampleOnCall)
        #expect(timeline.steps.map(\.state) == [.passed, .stopped, .next], "only the if-not-closed step still counts down")
    }

    @Test func theDetailLoadsEscalationsOnceAndShowsThePath() {
        var state = loadedState()
        let full = escalated(minutesAgo: 5)
        let effects = state.update(.detailLoaded(alertId: "id-2", .success(AlertDetail(alert: full, notes: [], logs: [], error: nil, loadedAt: fixedNow))))
        #expect(effects == [.loadEscalations])
        _ = state.update(.escalationsLoaded(.success([escalation])))
        let again = state.update(.detailLoaded(alertId: "id-2", .success(AlertDetail(alert: full, notes: [], logs: [], error: nil, loadedAt: fixedNow))))
        #expect(again.isEmpty, "escalations are cached")
        assertSnapshot(of: state.render().text, as: .lines, named: "escalation-120x40")
    }
}

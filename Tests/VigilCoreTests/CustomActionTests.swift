import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("update: custom actions")
struct CustomActionTests {
    @Test func xPicksAnActionOfTheSelectedAlertAndAsksFirst() {
        var state = loadedState()
        #expect(state.update(.key(.character("x"))) == [.loadDetail(alertId: "id-2")])
        #expect(state.render().text.contains("loading…"))
        var full = sampleAlerts[1]
        full.actions = ["Restart service", "Fail over"]
        _ = state.update(.detailLoaded(alertId: "id-2", .success(AlertDetail(alert: full, notes: [], logs: [], error: nil, loadedAt: fixedNow))))
        #expect(state.render().text.contains("Fail over"))
        _ = state.update(.key(.down))
        #expect(state.update(.key(.enter)).isEmpty, "asks first")
        #expect(state.render().text.contains("Run 'Fail over' on #2"))
        #expect(state.update(.key(.character("y"))) == [.perform(actionId: 1, action: .customAction("Fail over"), alertId: "id-2")])
    }

    @Test func anAlertWithoutActionsSaysSoAndReadOnlyRefuses() {
        var state = loadedState()
        _ = state.update(.detailLoaded(alertId: "id-2", .success(AlertDetail(alert: sampleAlerts[1], notes: [], logs: [], error: nil, loadedAt: fixedNow))))
        #expect(state.update(.key(.character("x"))).isEmpty)
        #expect(state.render().text.contains("this alert has no custom actions"))
        var readOnly = loadedState(readOnly: true)
        #expect(readOnly.update(.key(.character("x"))).isEmpty)
        #expect(readOnly.messages.last?.text == "custom action: read-only mode")
    }

    @Test func aCustomActionIsNeverResentAfterAnAmbiguousFailureAndTheWordsAreItsOwn() {
        #expect(!AlertAction.customAction("Restart service").isRepeatSafe)
        var state = loadedState()
        var full = sampleAlerts[1]
        full.actions = ["Restart service"]
        _ = state.update(.detailLoaded(alertId: "id-2", .success(AlertDetail(alert: full, notes: [], logs: [], error: nil, loadedAt: fixedNow))))
        _ = state.update(.key(.character("x")))
        _ = state.update(.key(.enter))
        let effects = state.update(.key(.character("y")))
        #expect(effects == [.perform(actionId: 1, action: .customAction("Restart service"), alertId: "id-2")])
        // The connection broke after sending: the action may have run.
        _ = state.update(.actionFinished(actionId: 1, .failure(.transport("connection reset by 127.0.0.1:8080"))))
        guard case .failed(let reason) = state.actionLog.records.first?.phase else { Issue.record("not failed: \(String(describing: state.actionLog.records.first?.phase))"); return }
        #expect(reason.contains("'Restart service' may have run") && reason.contains("alert's log"), "\(reason)")
        #expect(!reason.contains("note"), "not the words for a note: \(reason)")
        #expect(state.messages.last?.text.contains("'Restart service' may have run") == true)
        #expect(!state.actionLog.records.contains { if case .queued = $0.phase { true } else { false } }, "never queued to run again")
    }
}

import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("update: actions resumed from the journal")
struct JournalResumeTests {
    @Test func resumeDropsOldActionsVisiblyAndNeverResendsAnInterruptedNote() {
        var state = loadedState()
        let old = ActionRecord(id: 9, action: .acknowledge, alertId: "id-1", tinyId: "1", createdAt: fixedNow.addingTimeInterval(-20 * 60),
                               phase: .queued(reason: "network"), attempts: 1)
        let note = ActionRecord(id: 10, action: .addNote("db restarted"), alertId: "id-2", tinyId: "2", createdAt: fixedNow.addingTimeInterval(-60),
                                phase: .sending, attempts: 1)
        let accepted = ActionRecord(id: 11, action: .close, alertId: "id-4", tinyId: "4", createdAt: fixedNow.addingTimeInterval(-60),
                                    phase: .accepted(requestId: "req-4"), attempts: 1)
        let queued = ActionRecord(id: 12, action: .acknowledge, alertId: "id-6", tinyId: "6", createdAt: fixedNow.addingTimeInterval(-60),
                                  phase: .queued(reason: "server"), attempts: 1)
        let effects = state.update(.journalRestored([old, note, accepted, queued]))
        #expect(state.messages.contains { $0.text.contains("dropped 1 journaled action") && $0.text.contains("ack #1") })
        #expect(state.actionLog.records.first { $0.alertId == "id-1" }?.phase.isOpen == false)
        #expect(state.actionLog.records.first { $0.alertId == "id-2" }.map { if case .failed(let r) = $0.phase { r.contains("check the notes") } else { false } } == true)
        let confirm = effects.contains { if case .confirm(_, let receipt) = $0 { receipt.requestId == "req-4" } else { false } }
        #expect(confirm, "an accepted action is confirmed by request status")
        let resent = effects.compactMap { if case .perform(_, let action, let alertId) = $0 { (action, alertId) } else { nil } }
        #expect(resent.map(\.1) == ["id-6"], "only the queued acknowledge is sent again; the old one and the note are not")
    }
}

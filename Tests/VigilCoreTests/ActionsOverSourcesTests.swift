import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("Actions over marks and sources")
struct ActionsOverSourcesTests {
    @Test func pickersOfferOnlyWhatTheRowsSourceAccepts() {
        var state = twoSourceState(jsmFailing: false)
        #expect(state.alertPane.selectedId == "og-eu:id-2")
        _ = state.update(.usersLoaded(.success([
            User(id: "og-eu:u1", username: "alice@example.com", fullName: "Alice"),
            User(id: "jsm:acc1", username: "bob@example.com", fullName: "Bob"),
            User(id: "jsm:acc2", username: "alice@example.com", fullName: "Alice"),
        ])))
        _ = state.update(.escalationsLoaded(.success([Escalation(id: "og-eu:e1", name: "og-eu: platform"),
                                                     Escalation(id: "jsm:e2", name: "jsm: esc-platform")])))
        let one = state.pickerOptions(.assign(alertIds: ["og-eu:id-2"]), filter: "")
        #expect(one.map(\.choice) == [.user(.id("og-eu:u1"))], "og-eu's people only, by og-eu's id")
        #expect(state.pickerOptions(.escalate(alertIds: ["og-eu:id-2"]), filter: "").map(\.label) == ["og-eu: platform"])
        _ = state.update(.key(.character(" ")))
        _ = state.update(.key(.character(" ")))
        #expect(state.alertPane.marked == ["og-eu:id-2", "jsm:id-4"])
        let both = state.pickerOptions(.assign(alertIds: ["og-eu:id-2", "jsm:id-4"]), filter: "")
        #expect(both.map(\.choice) == [.user(.username("alice@example.com"))], "only someone both sources know, once")
        _ = state.update(.key(.character("e")))
        #expect(state.render().text.contains("Escalate 2 marked alerts (og-eu 1, jsm 1) to"))
        for c in "jsm" { _ = state.update(.key(.character(c))) }
        _ = state.update(.key(.enter))
        guard case .confirm(let prompt, .escalate(.id("jsm:e2")), let ids) = state.prompt.overlay else {
            Issue.record("escalating asks first: \(String(describing: state.prompt.overlay))"); return
        }
        #expect(ids == ["jsm:id-4"], "an escalation goes to its own source's alerts only")
        #expect(prompt == "Escalate jsm #4 to jsm: esc-platform; not og-eu 1 (another source's escalation)? y/N")
        _ = state.update(.key(.character("y")))
        #expect(state.actionLog.records.map(\.targetId) == ["jsm:id-4"])
        #expect(state.alertPane.marked == ["og-eu:id-2"], "the mark the escalation left out stays, for og-eu's own escalation next")
    }

    @Test func everyActionOverMarksAsksFirstCountingPerSourceAndTheResultCountsThem() {
        var state = twoSourceState(jsmFailing: false)
        for _ in 0..<3 { _ = state.update(.key(.character(" "))) }
        _ = state.update(.key(.character("x")))
        #expect(state.prompt.overlay == nil, "a custom action is one alert's: not run on the selected row while others are marked")
        #expect(state.messages.last?.text.contains("one alert at a time") == true)
        let effects = state.update(.key(.character("a")))
        #expect(effects.isEmpty && state.actionLog.records.isEmpty, "marks ask first")
        guard case .confirm(let prompt, .acknowledge, let ids) = state.prompt.overlay else {
            Issue.record("a over marks asks: \(String(describing: state.prompt.overlay))"); return
        }
        #expect(prompt == "Acknowledge 3 marked alerts (og-eu 2, jsm 1): og-eu #2, jsm #4, og-eu #3? y/N")
        #expect(Set(ids) == ["og-eu:id-2", "jsm:id-4", "og-eu:id-3"])
        _ = state.update(.key(.character("y")))
        #expect(state.actionLog.records.count == 3 && state.alertPane.marked.isEmpty)
        for record in state.actionLog.records {
            _ = state.update(.actionAccepted(actionId: record.id, receipt: ActionReceipt(requestId: "r\(record.id)")))
        }
        for (i, record) in state.actionLog.records.enumerated() {
            let result: Result<RequestStatus, OperationsError> = i == 1
                ? .failure(.requestFailed(reason: "no such alert", requestId: "r"))
                : .success(RequestStatus(action: "Acknowledge", processedAt: fixedNow, isSuccess: true, status: "ok", alertId: nil, alias: nil))
            _ = state.update(.actionFinished(actionId: record.id, result))
        }
        #expect(state.messages.last?.text == "ack 3 marked alerts (og-eu 2, jsm 1): 2 confirmed, 1 failed (ack jsm #4)")
        // A note over marks asks too, naming them.
        _ = state.update(.key(.character(" ")))
        _ = state.update(.key(.character(" ")))
        _ = state.update(.key(.character("n")))
        for c in "on it" { _ = state.update(.key(.character(c))) }
        _ = state.update(.key(.enter))
        guard case .confirm(let notePrompt, .addNote("on it"), _) = state.prompt.overlay else {
            Issue.record("a note over marks asks: \(String(describing: state.prompt.overlay))"); return
        }
        #expect(notePrompt.hasPrefix("Add the note to 2 marked alerts ("))
    }

    @Test func actionResultsNameTheSourceWhenSeveralShareTheScreen() {
        var state = twoSourceState(jsmFailing: false)
        _ = state.update(.key(.character("a")))
        #expect(state.messages.last?.text == "ack → og-eu #2: sending")
        let id = state.actionLog.records.last!.id
        _ = state.update(.actionAccepted(actionId: id, receipt: ActionReceipt(requestId: "r")))
        _ = state.update(.actionFinished(actionId: id, .success(RequestStatus(action: "Acknowledge", processedAt: fixedNow, isSuccess: true,
                                                                             status: "ok", alertId: nil, alias: nil))))
        #expect(state.messages.last?.text == "ack og-eu #2: confirmed")
    }
}

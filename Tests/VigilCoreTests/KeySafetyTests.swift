import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("Keys act only on what is seen")
struct KeySafetyTests {
    @Test func aTerminalTooSmallToDrawTakesNoKeyButQuitHelpAndRedraw() {
        var state = loadedState(width: 120, height: 40)
        _ = state.update(.resize(width: 70, height: 20))
        let screen = state.render().text
        #expect(screen.contains("70×20") && screen.contains("need 80×24"), "the current size and the size needed: \(screen)")
        #expect(state.update(.key(.character("a"))).isEmpty)
        _ = state.update(.key(.character("c")))
        #expect(state.prompt.overlay == nil, "no confirm box that cannot be drawn")
        #expect(state.update(.key(.character("y"))).isEmpty)
        #expect(state.actionLog.records.isEmpty, "nothing acknowledged or closed unseen")
        #expect(state.update(.key(.control("l"))) == [.redraw])
        _ = state.update(.key(.character("?")))
        #expect(state.prompt.overlay == .help)
        _ = state.update(.key(.character("x")))
        #expect(state.prompt.overlay == nil)
        #expect(state.messages.last?.text == "terminal too small (70×20, need 80×24): key ignored")
        _ = state.update(.resize(width: 80, height: 24))
        #expect(state.messages.last?.text == "terminal 80×24: keys act again")
        _ = state.update(.resize(width: 70, height: 20))
        #expect(state.update(.key(.character("q"))) == [.quit])
    }

    @Test func theIncidentsKeysInItsDetailActOnTheIncidentNotAnAlert() {
        var state = loadedState()
        _ = state.update(.key(.tab))   // the incidents pane
        _ = state.update(.key(.enter)) // its detail
        #expect(state.panes.focus == .detail && state.panes.detailSubject == .incident)
        let alert = state.alertPane.selectedId
        _ = state.update(.key(.character("n")))
        #expect(state.prompt.overlay == .input(.incidentNote(incidentId: "incident-2"), text: ""), "n notes the incident shown")
        _ = state.update(.key(.escape))
        _ = state.update(.key(.character("c")))
        guard case .confirmIncident(_, .close, "incident-2") = state.prompt.overlay else {
            Issue.record("c must ask to close the incident shown, not an alert: \(String(describing: state.prompt.overlay))"); return
        }
        _ = state.update(.key(.escape))
        _ = state.update(.key(.character("j")))
        #expect(state.alertPane.selectedId == alert, "j in the incident's detail does not move the hidden alert selection")
        #expect(state.update(.key(.character("a"))).isEmpty)
        #expect(state.actionLog.records.isEmpty)
    }

    @Test func theQuitQuestionGoesOnceNothingIsPending() {
        var state = loadedState()
        _ = state.update(.key(.character("a")))
        _ = state.update(.key(.character("q")))
        #expect(state.prompt.overlay == .confirmQuit)
        let id = state.actionLog.records.last!.id
        _ = state.update(.actionAccepted(actionId: id, receipt: ActionReceipt(requestId: "r")))
        _ = state.update(.actionFinished(actionId: id, .success(RequestStatus(action: "Acknowledge", processedAt: fixedNow, isSuccess: true,
                                                                             status: "ok", alertId: nil, alias: nil))))
        #expect(state.prompt.overlay == .confirmQuitSettled, "the question stays, so the answer typed for it is not taken as a command")
        #expect(state.messages.last?.text == "every action confirmed")
        #expect(state.render().text.contains("Every action is confirmed now."))
        #expect(state.update(.key(.character("n"))).isEmpty)
        #expect(state.prompt.overlay == nil, "n answered the question: no note was started")
        #expect(state.update(.key(.character("q"))) == [.quit], "nothing pending: q quits at once")
    }
}

@Suite("Keys that do nothing say so")
struct UnboundKeyTests {
    @Test func aKeyBoundToNothingSaysSoAndChangesNothing() {
        var state = loadedState { $0.keymap.rebind(.acknowledge, to: .character("A")) }
        let before = state.alertPane.selectedId
        #expect(state.update(.key(.character("a"))).isEmpty)
        #expect(state.messages.last?.text == "a does nothing here: ? lists the keys")
        #expect(state.actionLog.records.isEmpty && state.alertPane.selectedId == before)
        #expect(state.update(.key(.character("7"))).isEmpty)
        #expect(state.messages.last?.text == "7 does nothing here: ? lists the keys")
    }
}

@Suite("A too-small terminal keeps what is being typed")
struct TooSmallTypingTests {
    @Test func qInANoteOnATooSmallTerminalKeepsTheTextAndDoesNotQuit() {
        var state = loadedState(width: 80, height: 24)
        _ = state.update(.key(.character("n")))
        for c in "half typed" { _ = state.update(.key(.character(c))) }
        _ = state.update(.resize(width: 70, height: 20))
        let effects = state.update(.key(.character("q")))
        #expect(!effects.contains(.quit) && state.prompt.overlay != .confirmQuit, "no quit, no question")
        guard case .input(_, let field)? = state.prompt.overlay else { Issue.record("the note is gone: \(String(describing: state.prompt.overlay))"); return }
        #expect(field.text == "half typed")
        #expect(state.messages.last?.text.contains("your text is kept") == true)
        _ = state.update(.resize(width: 80, height: 24))
        for c in " more" { _ = state.update(.key(.character(c))) }
        guard case .input(_, let after)? = state.prompt.overlay else { Issue.record("no field"); return }
        #expect(after.text == "half typed more", "typing goes on once it is large enough")
    }
}

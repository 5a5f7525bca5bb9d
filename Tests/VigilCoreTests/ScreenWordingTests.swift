import Foundation
import OperationsModel
import Testing
@testable import VigilCore

/// What the screen says in the small places: a too-small terminal, an unanswerable key, a
/// failing feed, a cancelled prompt, a long question, a service's odd characters.
@Suite("Words on the screen")
struct ScreenWordingTests {
    @Test func aTooSmallTerminalSaysTheKeysThatActOnALineOfTheirOwn() {
        var state = loadedState()
        _ = state.update(.resize(width: 60, height: 15))
        let text = state.render().text
        #expect(text.contains("these act: q quit, ? help, ^L redraw"), "\(text)")
    }

    @Test func theDetailLeavesUnsaidWhoAcknowledgedWhenTheServiceDoesNotSay() {
        #expect(DetailView.by(nil) == "" && DetailView.by("") == "" && DetailView.by("bob") == " by bob")
    }
}

extension ScreenWordingTests {
    @Test func aKeyThatIsNotAnAnswerToWhichSourceSaysWhatIs() {
        var state = mergedRowState()
        _ = state.update(.key(.character("a")))
        guard case .chooseSource? = state.prompt.overlay else { Issue.record("a on a merged row asks which source"); return }
        #expect(state.update(.key(.character("z"))).isEmpty)
        #expect(state.messages.last?.text.hasPrefix("z is not an answer: Enter takes the line marked ▶, 1-3 picks one, Esc cancels") == true,
                "\(state.messages.last?.text ?? "")")
        guard case .chooseSource? = state.prompt.overlay else { Issue.record("the question stays open"); return }
    }
}


extension ScreenWordingTests {
    @Test func aMergedRowsNotesSayWhoseCopyTheyAre() throws {
        var state = mergedRowState(width: 120, height: 40)
        let row = try #require(state.selectedAlert)
        #expect((row.copies?.count ?? 0) == 2, "the merged P1 is selected")
        _ = state.update(.detailLoaded(alertId: row.id, .success(AlertDetail(alert: row, notes: [AlertNote(note: "looking", owner: "bob", createdAt: fixedNow)],
                                                                               logs: [], error: nil, loadedAt: fixedNow))))
        _ = state.update(.key(.enter))
        #expect(state.render().text.contains("note (\(row.origin ?? "?")) <1m bob: looking"))
    }
}

extension ScreenWordingTests {
    @Test func escSaysWhatWasCancelled() {
        var state = loadedState()
        _ = state.update(.key(.character("s")))
        _ = state.update(.key(.escape))
        #expect(state.messages.last?.text == "snooze cancelled")
        _ = state.update(.key(.character("n")))
        _ = state.update(.key(.escape))
        #expect(state.messages.last?.text == "note cancelled")
    }
}

extension ScreenWordingTests {
    @Test func aFeedThatStartsFailingSaysWhyOnceAndSaysWhenItAnswersAgain() {
        var state = loadedState(width: 80, height: 24)
        _ = state.update(.tick(fixedNow.addingTimeInterval(11)))
        _ = state.update(.alertsLoaded(.failure(.http(status: 503, message: "Service Unavailable", requestId: nil, internalCode: nil, rateLimit: nil))))
        let said = state.messages.filter { $0.text.hasPrefix("alerts: ") }
        #expect(said.count == 1 && said[0].text.contains("503") && said[0].text.contains("retry in"), "\(said.map(\.text))")
        _ = state.update(.alertsLoaded(.failure(.http(status: 503, message: "Service Unavailable", requestId: nil, internalCode: nil, rateLimit: nil))))
        #expect(state.messages.filter { $0.text.hasPrefix("alerts: ") }.count == 1, "said once, not at every failed poll")
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: sampleAlerts, nextOffset: nil, pagesFetched: 1))))
        #expect(state.messages.last?.text == "alerts: answering again")
    }
}

extension ScreenWordingTests {
    @Test func aLongQuestionIsWrappedWholeNotCut() {
        var state = loadedState(width: 80, height: 24)
        let question = "Acknowledge 9 marked alerts (og-eu 5, jsm 6): jsm #13, og-eu+jsm #9, og-eu #7, og-eu+jsm #21, jsm #30, og-eu #2? y/N"
        state.prompt.overlay = .confirm(prompt: question, action: .acknowledge, alertIds: ["id-1"])
        let screen = state.render().text
        #expect(screen.contains("og-eu #7, og-eu+jsm") || screen.contains("og-eu #7,"), "\(screen)")
        #expect(screen.contains("#2? y/N"), "the end of the question is on screen: \(screen)")
    }
}

extension ScreenWordingTests {
    @Test func aSkinToneModifierIsDroppedSoEveryTerminalAgreesOnTheWidth() {
        #expect(TerminalText.sanitize("ok 👍🏽 done") == "ok 👍 done")
        #expect(TerminalText.width(of: TerminalText.sanitize("👍🏽")) == 2)
    }
}

extension ScreenWordingTests {
    @Test func mineWithoutAUserSaysWhatItNeeds() {
        var state = loadedState()
        _ = state.update(.key(.character("3")))
        #expect(state.messages.last?.text.hasPrefix("mine needs who you are: put user = ") == true, "\(state.messages.map(\.text))")
        var known = loadedState { $0.me = "alice@example.com" }
        _ = known.update(.key(.character("3")))
        #expect(known.messages.last?.text.hasPrefix("filter: mine") == true)
    }
}

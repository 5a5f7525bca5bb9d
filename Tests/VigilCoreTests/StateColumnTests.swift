import Foundation
import OperationsModel
import Testing
@testable import VigilCore

/// The STATE column says the whole state in the room it has.
@Suite("The STATE column")
struct StateColumnTests {
    @Test func aLongSnoozeFitsTheColumnWhole() {
        var snoozed = alert(7, .p3, minutesAgo: 10)
        snoozed.snoozed = true
        snoozed.snoozedUntil = fixedNow.addingTimeInterval(18 * 3600 + 5 * 60)
        var state = DashboardState(settings: DashboardSettings(host: "api.opsgenie.com"), now: fixedNow, width: 120, height: 40)
        _ = state.update(.tick(fixedNow))
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: [snoozed], nextOffset: nil, pagesFetched: 1))))
        let row = state.render().text.split(separator: "\n").first { $0.contains("#7") }.map(String.init) ?? ""
        #expect(row.contains("snz 18h "), "18 hours to the hour, not cut: \(row)")
        #expect(DashboardState.snoozeLeft(65 * 60) == "1h05m" && DashboardState.snoozeLeft(2 * 86400 + 3 * 3600) == "2d03h")
    }

    @Test func aMergedRowWhoseCopiesDifferSaysEachSourcesState() {
        let state = DashboardState(settings: DashboardSettings(host: "api.opsgenie.com"), now: fixedNow, width: 120, height: 40)
        var row = alert(2, .p1, minutesAgo: 5)
        var og = row, jsm = alert(41, .p1, acked: true, minutesAgo: 4)
        og.origin = "og-eu"
        jsm.origin = "jsm"
        row.copies = [AlertCopy(og), AlertCopy(jsm)]
        #expect(state.rowStateLabel(row) == ("open/ack", .critical))
        row.copies![1].acknowledged = false
        row.copies![1].status = .open
        #expect(state.rowStateLabel(row) == ("open", .critical), "alike: one word")
    }
}

/// Small words the trial found wanting.
@Suite("Words on the screen")
struct TrialWordingTests {
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

extension TrialWordingTests {
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

/// On-call and heartbeats list: with the focus there, keys scroll them and alert actions wait.
@Suite("Listing panes")
struct ListingPaneTests {
    @Test func withTheFocusOnHeartbeatsJScrollsThemAndAlertKeysSayWhereTheyAct() {
        var state = loadedState(width: 80, height: 24)
        let beats = (0..<20).map { Heartbeat(name: "beat-\($0)", enabled: true, expired: false) }
        _ = state.update(.heartbeatsLoaded(.success(beats)))
        while state.panes.focus != .heartbeats { _ = state.update(.key(.tab)) }
        let selected = state.alertPane.selectedId
        let before = state.render().text
        #expect(before.contains("beat-0") && before.contains("j/k scroll"), "\(before)")
        _ = state.update(.key(.character("j")))
        #expect(state.panes.listScroll[.heartbeats] == 1 && state.alertPane.selectedId == selected, "the pane scrolled, not the alerts")
        #expect(!state.render().text.contains("beat-0 "), "the first heartbeat scrolled out of view")
        #expect(state.update(.key(.character("a"))).isEmpty)
        #expect(state.messages.last?.text == "acknowledge: acts on alerts: Tab to the alert list")
        _ = state.update(.key(.character("?")))
        let help = state.render().text.split(separator: "\n").filter { $0.hasPrefix("│ │") }.joined(separator: "\n")
        #expect(help.contains("scroll the pane") && !help.contains("acknowledge"), "help lists the keys that work here:\n\(help)")
    }
}

extension TrialWordingTests {
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

extension TrialWordingTests {
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

extension TrialWordingTests {
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

extension TrialWordingTests {
    @Test func aLongQuestionIsWrappedWholeNotCut() {
        var state = loadedState(width: 80, height: 24)
        let question = "Acknowledge 9 marked alerts (og-eu 5, jsm 6): jsm #13, og-eu+jsm #9, og-eu #7, og-eu+jsm #21, jsm #30, og-eu #2? y/N"
        state.prompt.overlay = .confirm(prompt: question, action: .acknowledge, alertIds: ["id-1"])
        let screen = state.render().text
        #expect(screen.contains("og-eu #7, og-eu+jsm") || screen.contains("og-eu #7,"), "\(screen)")
        #expect(screen.contains("#2? y/N"), "the end of the question is on screen: \(screen)")
    }
}

extension TrialWordingTests {
    @Test func aSkinToneModifierIsDroppedSoEveryTerminalAgreesOnTheWidth() {
        #expect(TerminalText.sanitize("ok 👍🏽 done") == "ok 👍 done")
        #expect(TerminalText.width(of: TerminalText.sanitize("👍🏽")) == 2)
    }
}

extension TrialWordingTests {
    @Test func mineWithoutAUserSaysWhatItNeeds() {
        var state = loadedState()
        _ = state.update(.key(.character("3")))
        #expect(state.messages.last?.text.hasPrefix("mine needs who you are: put user = ") == true, "\(state.messages.map(\.text))")
        var known = loadedState { $0.me = "alice@example.com" }
        _ = known.update(.key(.character("3")))
        #expect(known.messages.last?.text.hasPrefix("filter: mine") == true)
    }
}

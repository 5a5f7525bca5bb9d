import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("update: effects the terminal and journal carry out")
struct TerminalAndJournalEffectTests {
    @Test func startAppliesTheInitialThemeAndNextThemeAsksForTheNext() {
        var state = DashboardState(settings: {
            var s = DashboardSettings(host: "h", themeNames: ["default", "light", "monochrome"])
            s.initialTheme = "light"
            return s
        }(), now: fixedNow, width: 120, height: 40)
        let started = state.update(.started)
        #expect(started.first == .applyTheme("light"))
        #expect(started.contains(.loadSavedSearches))
        #expect(state.update(.key(.character("t"))) == [.applyTheme("monochrome")])
    }

    @Test func openActionsArePersistedWhenTheyChangeAndOnlyWhenJournaling() {
        var journaled = loadedState(journaling: true)
        let pressed = journaled.update(.key(.character("a")))
        guard case .persistActions(let open) = pressed.last else { Issue.record("no persist effect: \(pressed)"); return }
        #expect(open.map(\.alertId) == ["id-2"])
        #expect(!journaled.update(.tick(fixedNow.addingTimeInterval(1))).contains { if case .persistActions = $0 { true } else { false } },
                "nothing changed: nothing written")
        let accepted = journaled.update(.actionAccepted(actionId: 1, receipt: ActionReceipt(requestId: "r1")))
        #expect(accepted.contains(.persistActions([journaled.actionLog.records[0]])))
        let done = journaled.update(.actionFinished(actionId: 1, .success(RequestStatus(action: nil, processedAt: nil, isSuccess: true,
                                                                                          status: nil, alertId: "id-2", alias: nil))))
        #expect(done.contains(.persistActions([])))
        var plain = loadedState(journaling: false)
        #expect(!plain.update(.key(.character("a"))).contains { if case .persistActions = $0 { true } else { false } })
    }

    @Test func quitIsAnEffect() {
        var state = loadedState()
        #expect(state.update(.key(.control("c"))) == [.quit])
        #expect(state.quitting)
    }
}

import Foundation
import OperationsModel
import Testing
@testable import VigilCore

/// JSM cannot list an alert's custom actions and runs nothing for a name the alert lacks:
/// the picker offers the names config gives and says where they come from.
@Suite("Custom actions on JSM")
struct CustomActionPickerTests {
    @Test func thePickerOffersTheConfiguredNamesAndSaysWhy() {
        var state = loadedState { $0.configuredActions = ["": .jsm(["Restart pod", "Page DBA"])] }
        _ = state.update(.key(.character("x")))
        guard case .picker(.customAction, _) = state.prompt.overlay else { Issue.record("x opens the action picker: \(String(describing: state.prompt.overlay))"); return }
        let text = state.render().text
        #expect(text.contains("Restart pod") && text.contains("Page DBA"), "\(text)")
        #expect(text.contains("(from custom_actions in config: JSM cannot list"), "\(text)")
        _ = state.update(.key(.enter))
        guard case .confirm(let prompt, .customAction("Restart pod"), _) = state.prompt.overlay else {
            Issue.record("the first name asks before it runs: \(String(describing: state.prompt.overlay))"); return
        }
        #expect(prompt.contains("Restart pod"))
    }

    @Test func withNoNamesConfiguredThePickerSaysHowToNameThem() {
        var state = loadedState { $0.configuredActions = ["": .jsm([])] }
        _ = state.update(.key(.character("x")))
        #expect(state.render().text.contains("JSM cannot list an alert's actions: name them in config"))
    }

    @Test func anOpsgenieSourceListsTheAlertsOwnActionsOnly() {
        var state = loadedState()
        _ = state.update(.key(.character("x")))
        #expect(!state.render().text.contains("custom_actions"), "Opsgenie lists an alert's actions itself")
    }
}

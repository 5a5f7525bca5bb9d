import Foundation
import OperationsModel
import Testing
@testable import VigilCore

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

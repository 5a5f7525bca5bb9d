import Foundation
import OperationsModel
import Testing
@testable import VigilCore

/// A key's meaning is decided in one place, in one order, and "asks first" belongs to the
/// command: a key rebound in the config still asks, and help says so.
@Suite("Key resolution")
struct KeyResolutionTests {
    @Test func theOverlayComesBeforeTheKeymapAndTheKeymapBeforeTheCommand() {
        var state = loadedState()
        #expect(state.meaning(of: .character("a")) == .command(.acknowledge))
        _ = state.update(.key(.character("n")))
        guard case .overlay(.input)? = Optional(state.meaning(of: .character("a"))) else {
            Issue.record("a note is open: a is typed into it, got \(state.meaning(of: .character("a")))"); return
        }
        _ = state.update(.key(.escape))
        _ = state.update(.resize(width: 60, height: 15))
        #expect(state.meaning(of: .character("a")) == .tooSmall, "a terminal too small comes first of all")
    }

    @Test func theWallAllowsOnlyItsOwnKeysAndSaysSo() {
        var state = loadedState()
        _ = state.update(.key(.character("W")))
        #expect(state.wallWatch.showing)
        #expect(state.meaning(of: .character("a")) == .refused("wall view: W returns to the dashboard", .info))
        #expect(state.meaning(of: .character("?")) == .command(.help))
        #expect(state.meaning(of: .character("W")) == .command(.wall))
        #expect(Command.allCases.filter(\.worksOnWall) == [.help, .quit, .wall])
    }

    @Test func readOnlyAndNothingSelectedAreRefusedWithTheReason() {
        let state = loadedState(readOnly: true)
        #expect(state.meaning(of: .character("a")) == .refused("acknowledge: read-only mode", .warning))
        #expect(state.meaning(of: .control("c")) == .quit, "Ctrl-C unbound quits")
        #expect(state.meaning(of: .escape) == .nothing)
    }

    @Test func theIncidentsPaneTakesItsCommandsWhileItHasTheFocus() {
        var state = loadedState()
        while state.panes.focus != .incidents { _ = state.update(.key(.tab)) }
        #expect(state.meaning(of: .character("j")) == .incidentCommand(.moveDown))
        #expect(state.meaning(of: .character("c")) == .incidentCommand(.close))
        #expect(state.meaning(of: .character("a")) == .refused("acknowledge: acts on alerts: Tab to the alert list", .warning))
    }

    @Test func aReboundCloseStillAsksFirstAndHelpSaysSo() {
        var state = loadedState { $0.keymap.rebind(.close, to: .character("K")) }
        let effects = state.update(.key(.character("K")))
        #expect(effects.isEmpty, "nothing is sent before the answer")
        guard case .confirm(_, .close, _)? = state.prompt.overlay else { Issue.record("K closed without asking: \(String(describing: state.prompt.overlay))"); return }
        _ = state.update(.key(.escape))
        _ = state.update(.key(.character("?")))
        #expect(state.render().text.contains("close (asks first)"))
    }

    @Test func acknowledgingOneAlertActsAtOnceAndMarkedAlertsAsk() {
        var state = loadedState()
        #expect(state.update(.key(.character("a"))).contains { if case .perform(_, .acknowledge, _) = $0 { true } else { false } })
        _ = state.update(.key(.character(" ")))
        _ = state.update(.key(.character(" ")))
        #expect(state.update(.key(.character("a"))).isEmpty)
        guard case .confirm(_, .acknowledge, let ids)? = state.prompt.overlay else { Issue.record("marked alerts acked without asking"); return }
        #expect(ids.count == 2)
    }
}

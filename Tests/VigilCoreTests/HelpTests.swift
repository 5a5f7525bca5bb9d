import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("Help")
struct HelpTests {
    @Test func everyKeyIsOnTheHelpEvenAt80x24() {
        var state = loadedState(width: 80, height: 24)
        _ = state.update(.key(.character("?")))
        let text = state.render().text
        for needle in ["acknowledge", "wall view (across the room)", "quit", "Quick filters: 1 open", "any key closes"] {
            #expect(text.contains(needle), "\(needle) is on the help at 80×24")
        }
    }

    /// The inside of the help popup at 80 columns (columns 4 to 75), rows run together without spaces.
    func helpInside(_ state: DashboardState) -> String {
        let canvas = state.render()
        return (1..<(canvas.height - 1)).map { String(canvas.line($0).dropFirst(4).prefix(72)) }.joined().filter { $0 != " " }
    }

    @Test func everyHelpEntryIsWholeAt80x24WhereverTheFocusIs() {
        var state = loadedState(width: 80, height: 24)
        for _ in 0..<3 {
            _ = state.update(.key(.character("?")))
            let text = state.render().text
            let help = HelpView(state: state)
            let entries = state.settings.keymap.bindings.filter { help.helpApplies($0.command) }
            #expect(!entries.isEmpty)
            for binding in entries {
                #expect(text.contains(help.helpDescription(binding)), "\(state.panes.focus): \(help.helpDescription(binding)) whole")
            }
            _ = state.update(.key(.escape))
            _ = state.update(.key(.tab))
        }
    }

    @Test func helpsLastLineShowsAt80x24WithEveryQuickFilterKeyTaken() {
        var state = loadedState(width: 80, height: 24) {
            $0.quickFilters = [QuickFilter(name: "og-eu: open P1", filter: .query("priority:P1")),
                               QuickFilter(name: "og-eu: payments critical", filter: .query("tag:payments"))]
        }
        _ = state.update(.key(.character("?")))
        let inside = helpInside(state)
        #expect(inside.contains("6og-eu:paymentscritical") && inside.contains("Rowmarkers:"), "\(inside)")
    }

    @Test func helpShowsOnlyWhatWorksWhereTheFocusIsAndExplainsEscAndTheRowMarkers() {
        var state = loadedState(width: 80, height: 24)
        _ = state.update(.key(.character("?")))
        let list = state.render().text
        #expect(list.contains("Help — keys on the alert list"))
        #expect(!list.contains("resolve incident") && !list.contains("disabled"), "nothing that does not work here")
        for entry in ["W      wall view (across the room)", "x      custom action (asks first)", "e      escalate (asks first)"] {
            #expect(list.contains(entry), "\(entry) whole at 80×24")
        }
        let inside = helpInside(state)
        for note in ["Esc:closesapromptorpickerwithoutacting;onthelistitclearsthemarks.",
                     "…actionpending!lastactionfailed●newsinceVigilstarted(untilselected)*marked›theselectedincident"] {
            #expect(inside.contains(note), "\(note)")
        }
        _ = state.update(.key(.escape))
        _ = state.update(.key(.tab))
        _ = state.update(.key(.tab))
        #expect(state.panes.focus == .incidents)
        _ = state.update(.key(.character("?")))
        let incidents = state.render().text
        #expect(incidents.contains("on the incidents pane") && incidents.contains("resolve incident (asks first)"), "\(incidents)")
        #expect(!incidents.contains("acknowledge") && !incidents.contains("snooze"), "alert actions do not act here")
        var readOnly = loadedState(width: 80, height: 24, readOnly: true)
        _ = readOnly.update(.key(.character("?")))
        #expect(readOnly.render().text.contains("(read-only)"))
        let ro = helpInside(readOnly)
        #expect(ro.contains("Read-only:") && ro.contains("qquit"), "\(ro)")
        #expect(!ro.contains("aacknowledge") && !ro.contains("uunacknowledge") && !ro.contains("eescalate"), "no write key: \(ro)")
        var wall = loadedState(width: 80, height: 24) { $0.wall = true }
        _ = wall.update(.key(.character("?")))
        let onWall = wall.render().text
        #expect(onWall.contains("on the wall") && onWall.contains("quit") && !onWall.contains("filter (alert query)"))
    }
}

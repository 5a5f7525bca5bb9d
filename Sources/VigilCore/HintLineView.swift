import Foundation
import OperationsModel

/// The hint line: the keys that act where the focus is, as bound.
struct HintLineView {
    /// The dashboard it draws.
    let state: DashboardState

    func draw(_ canvas: inout Canvas, row: Int) {
        canvas.fill(x: 0, y: row, width: state.width, height: 1, style: CellStyle(.hint))
        var column = 1
        // Help first: whatever else fits, the key that explains the rest is on screen. On an
        // incident, its own keys (as bound) instead of the alert keys.
        let hinted: [KeyBinding]
        if state.onIncidents, state.settings.incidentsElsewhere == nil {
            let incidentKeys: [(Command, String)] = [(.resolve, "resolve incident"), (.close, "close incident"), (.note, "note on incident"),
                                                      (.nextPane, "next pane"), (.quit, "quit")]
            hinted = incidentKeys.compactMap { command, description in
                state.settings.keymap.bindings.first { $0.command == command }.map { KeyBinding($0.key, command, description) }
            }
        } else if state.onIncidents {
            // Incidents live elsewhere (JSM): nothing acts here but moving on.
            let keys: [(Command, String)] = [(.nextPane, "next pane"), (.wall, "wall"), (.quit, "quit")]
            hinted = keys.compactMap { command, description in
                state.settings.keymap.bindings.first { $0.command == command }.map { KeyBinding($0.key, command, description) }
            }
        } else if state.panes.onList {
            // On-call or heartbeats: they list, and scroll; alert actions are a Tab away.
            let listKeys: [(Command, String)] = [(.moveDown, "scroll the pane"), (.nextPane, "next pane"), (.wall, "wall"), (.quit, "quit")]
            hinted = listKeys.compactMap { command, description in
                state.settings.keymap.bindings.first { $0.command == command }.map { KeyBinding($0.key, command, description) }
            }
        } else if state.panes.focus == .detail {
            // The detail has the focus: j/k scroll it, and the line says so before the alert's keys.
            let detailKeys: [(Command, String)] = [(.moveDown, "scroll the detail"), (.nextPane, "next pane")]
            hinted = detailKeys.compactMap { command, description in
                state.settings.keymap.bindings.first { $0.command == command }.map { KeyBinding($0.key, command, description) }
            } + state.settings.keymap.bindings.filter { $0.hinted && !($0.command.isWrite && state.settings.readOnly) && $0.command != .mark }
        } else {
            // Read-only: the write keys are not offered (help says they are off, and why).
            hinted = state.settings.keymap.bindings.filter { $0.hinted && !($0.command.isWrite && state.settings.readOnly) }
        }
        let help = state.settings.keymap.bindings.first { $0.command == .help }.map { [$0] } ?? []
        for binding in help + hinted.filter({ $0.command != .help }) {
            let disabled = state.whyDisabled(binding.command) != nil
            let text = "\(binding.key) \(binding.description)"
            guard column + TerminalText.width(of: text) + 2 < state.width else { break }
            canvas.write(binding.key.description, x: column, y: row, style: CellStyle(disabled ? .dim : .hint, bold: !disabled, reverse: !disabled))
            column += TerminalText.width(of: binding.key.description)
            column += canvas.write(" " + binding.description + "  ", x: column, y: row, style: CellStyle(disabled ? .dim : .hint))
        }
    }
}

import Foundation
import OperationsModel

/// The help overlay's lines: every bound key that acts where the focus is, with what it does and whether it asks first.
struct HelpView {
    /// The dashboard it draws.
    let state: DashboardState

    /// Where the keys in help act: `on the alert list`, `on the wall`, … and read-only.
    var helpPlace: String {
        let place = state.wallWatch.showing ? "on the wall" : (state.panes.focus == .incidents ? "on the incidents pane"
            : state.panes.focus == .detail ? (state.panes.detailSubject == .incident ? "on an incident's detail" : "on the alert's detail")
            : state.panes.focus == .alerts ? "on the alert list" : "on the \(state.panes.focus.rawValue) pane")
        return place + (state.settings.readOnly ? " (read-only)" : "")
    }

    /// Whether a command does something where the focus is: on the wall only its own keys; in
    /// read-only mode no write; on an incident its own actions, on an alert not resolve.
    func helpApplies(_ command: Command) -> Bool {
        if state.wallWatch.showing { return [.wall, .quit, .help].contains(command) }
        if case .quickFilter = command { return false }  // listed on their own line
        if command.isWrite && state.settings.readOnly { return false }
        if state.onIncidents, command.isWrite || command == .mark || command == .customAction {
            return command.actsOnIncidents && state.settings.incidentsElsewhere == nil
        }
        if !state.onIncidents, command == .resolve { return false }
        if state.panes.onList, command.needsAlert || command == .mark { return false }
        return true
    }

    /// What a command does where the focus is (moving scrolls the detail, moves between incidents).
    func helpDescription(_ binding: KeyBinding) -> String {
        let moves: Set<Command> = [.moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom]
        var text = binding.description
        if state.panes.focus == .detail, moves.contains(binding.command) { text = "scroll the detail: " + text.replacingOccurrences(of: " alert", with: " line") }
        else if state.panes.focus == .incidents, moves.contains(binding.command) { text = text.replacingOccurrences(of: " alert", with: " incident") }
        else if state.panes.onList, moves.contains(binding.command) { text = "scroll the pane: " + text.replacingOccurrences(of: " alert", with: " entry") }
        else if state.onIncidents, binding.command == .close { text = "close incident" }
        else if state.onIncidents, binding.command == .note { text = "note on incident" }
        return text + (binding.command.asksFirst ? " (asks first)" : "")
    }

    /// Help: the keys that work where the focus is, two columns when one does not fit the
    /// height (80×24); then Esc, the row markers and the quick filters, wrapped whole.
    var helpLines: [String] {
        var entries: [String] = []
        var listed: Set<Command> = []
        let keyWidth = (state.settings.keymap.bindings.map { TerminalText.width(of: state.settings.keymap.keys(for: $0.command).map(\.description).joined(separator: "/")) }.max() ?? 5) + 1
        for binding in state.settings.keymap.bindings where !listed.contains(binding.command) && helpApplies(binding.command) {
            listed.insert(binding.command)
            let keys = state.settings.keymap.keys(for: binding.command).map(\.description).joined(separator: "/")
            entries.append("\(state.pad(keys, keyWidth)) \(helpDescription(binding))")
        }
        let columns = max(20, state.width - 8)
        var notes: [String] = []
        if state.wallWatch.showing {
            notes.append("The wall is for looking at: W returns to the dashboard, where the other keys work.")
        } else {
            notes.append("Esc: closes a prompt or picker without acting; on the list it clears the marks.")
            notes.append("Row markers: … action pending  ! last action failed  ● new since Vigil started (until selected)  * marked  › the selected incident")
            if state.settings.readOnly { notes.append("Read-only: acknowledging, snoozing, assigning, closing, notes and escalations are off.") }
            notes.append("Quick filters: " + state.alertPane.filters.quickFilters.enumerated().map { "\($0.offset + 1) \($0.element.name)" }.joined(separator: "  "))
        }
        let wrapped = notes.flatMap { TerminalText.wrap($0, columns: columns) }
        let room = max(1, state.height - 4 - wrapped.count)
        let keys = Self.fitHelp(entries, rows: room - 1, width: state.width)
        // A blank line between keys and notes where the height allows it (not at 80×24).
        return keys + (keys.count + 1 + wrapped.count <= state.height - 4 ? [""] : []) + wrapped
    }

    /// Entries in two columns when one does not fit `rows` (80×24), so no key is left off; an
    /// entry is never cut (a column is as wide as its longest entry).
    static func fitHelp(_ lines: [String], rows: Int, width: Int) -> [String] {
        guard lines.count > rows else { return lines }
        let half = (lines.count + 1) / 2
        let right = lines.dropFirst(half).map { TerminalText.width(of: $0) }.max() ?? 0
        let left = lines.prefix(half).map { TerminalText.width(of: $0) }.max() ?? 20
        let column = left + (left + 2 + right <= width - 8 ? 2 : 1)
        return (0..<half).map { i in
            i + half < lines.count ? TerminalText.pad(lines[i], columns: column) + lines[i + half] : lines[i]
        }
    }
}

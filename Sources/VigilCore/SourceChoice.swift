import Foundation
import OperationsModel

/// The question an action on a merged row asks first (a row several sources list): act on
/// every copy — the default, each copy its own action with its own lifecycle — or on one
/// source's copy only.
public struct SourceChoice: Sendable, Hashable {
    /// One answer: what it says and the copies (scoped ids) it acts on.
    public struct Option: Sendable, Hashable {
        public var label: String
        public var alertIds: [String]
    }

    /// The action key that asked.
    public var command: Command
    /// `both`/`all` first (when the action can go to every copy), then each source's copy.
    public var options: [Option]
    /// The option Enter takes.
    public var selected: Int
}

extension DashboardState {
    /// The question to ask before `command` on the selected row when several sources list
    /// it (no marks: marks already say which rows); `nil` when there is nothing to choose.
    func sourceChoice(for command: Command) -> SourceChoice? {
        guard alertPane.marked.isEmpty, let alert = selectedAlert, let copies = alert.copies, copies.count > 1 else { return nil }
        let each = copies.map { SourceChoice.Option(label: "\($0.source) #\($0.tinyId ?? "?") only (\(copyState($0)))", alertIds: [$0.id]) }
        // Users, escalations and custom actions belong to one source: these pick its copy.
        guard ![.assign, .escalate, .customAction].contains(command) else { return SourceChoice(command: command, options: each, selected: 0) }
        let word = copies.count == 2 ? "both" : "all \(copies.count)"
        let every = SourceChoice.Option(label: "\(word): " + copies.map { "\($0.source) #\($0.tinyId ?? "?")" }.joined(separator: ", ")
                                        + " — each confirmed on its own", alertIds: copies.map(\.id))
        return SourceChoice(command: command, options: [every] + each, selected: 0)
    }

    /// A key while the source question is open: ↑/↓ (or j/k) move, a digit or Enter picks, Esc cancels.
    mutating func choose(_ choice: SourceChoice, key: Key) -> [DashboardEffect] {
        var choice = choice
        switch key {
        case .escape:
            prompt.overlay = nil
            say("\(choice.command.rawValue) cancelled", .info)
            return []
        case .up, .character("k"): choice.selected = max(0, choice.selected - 1)
        case .down, .character("j"): choice.selected = min(choice.options.count - 1, choice.selected + 1)
        case .enter:
            return chosen(choice.command, on: choice.options[choice.selected].alertIds)
        case .character(let c):
            if let digit = c.wholeNumberValue, (1...choice.options.count).contains(digit) {
                return chosen(choice.command, on: choice.options[digit - 1].alertIds)
            }
            say("\(key) is not an answer: Enter takes the line marked ▶, 1-\(choice.options.count) picks one, Esc cancels", .info)
        default:
            say("\(key) is not an answer: Enter takes the line marked ▶, 1-\(choice.options.count) picks one, Esc cancels", .info)
        }
        prompt.overlay = .chooseSource(choice)
        return []
    }

    /// Goes on with the action on the copies chosen; a custom action opens its picker for the
    /// one copy (its source's actions).
    private mutating func chosen(_ command: Command, on ids: [String]) -> [DashboardEffect] {
        prompt.overlay = nil
        guard command == .customAction, let id = ids.first else { return startAction(command, on: ids) }
        prompt.overlay = .picker(.customAction(alertId: id), PickerField())
        return alertPane.details[id] == nil ? [.loadDetail(alertId: id)] : []
    }

    /// The question as a popup: its title, lines and the highlighted line.
    func sourceChoicePopup(_ choice: SourceChoice) -> (title: String, lines: [String], highlight: Int) {
        let verb = settings.keymap.bindings.first { $0.command == choice.command }?.description ?? choice.command.rawValue
        let copies = choice.options.filter { $0.alertIds.count == 1 }.count
        var lines = ["Seen by \(copies == 2 ? "two" : "\(copies)") sources: \(verb) on which?"]
        for (i, option) in choice.options.enumerated() {
            lines.append("\(i == choice.selected ? "▶" : " ") \(i + 1) \(option.label)")
        }
        lines.append("Enter picks · 1-\(choice.options.count) · Esc cancels")
        return ("Which source?", lines, 1 + choice.selected)
    }
}

/// Marked rows and action targets when some rows are merged: an action over marks goes to
/// every copy of a marked merged row (each its own action), the screen counts rows, and a
/// confirmed action shows on its own copy.
extension DashboardState {
    /// Shows a confirmed action on the copy `id` of a merged row, and the row's state as its
    /// most urgent copy's again (until the next poll says it); `false` when no merged row has it.
    mutating func applyToCopy(_ id: String, _ change: (inout Alert) -> Void) -> Bool {
        let row = rowIds([id])[0]
        guard let alert = loadedAlert(row), let index = alert.copies?.firstIndex(where: { $0.id == id }) else { return false }
        alertPane.list.update(row) { alert in
            guard var copy = alert.copies?[index] else { return }
            var changed = Alert(id: copy.id, status: copy.status, acknowledged: copy.acknowledged, snoozed: copy.snoozed,
                                snoozedUntil: copy.snoozedUntil, owner: copy.owner)
            change(&changed)
            (copy.status, copy.acknowledged, copy.snoozed, copy.snoozedUntil, copy.owner)
                = (changed.status, changed.acknowledged, changed.snoozed, changed.snoozedUntil, changed.owner)
            alert.copies?[index] = copy
            if copy.id == alert.id { alert.owner = copy.owner }
            alert.showWorstCopy()
        }
        return true
    }

    /// With marks, every copy of each marked merged row; otherwise `ids` as they are (a single
    /// merged row asks which copy first, ``sourceChoice(for:)``).
    func withCopies(_ ids: [String]) -> [String] {
        guard !alertPane.marked.isEmpty else { return ids }
        return ids.flatMap { id in loadedAlert(id)?.copies.map { $0.map(\.id) } ?? [id] }
    }

    /// The row each id is shown on: a copy's merged row, else the id itself.
    func rowIds(_ ids: [String]) -> [String] {
        guard showsSources, alertPane.list.shared > 0 else { return ids }
        var rowOfCopy: [String: String] = [:]
        for (_, alert) in alertPane.list.loaded { for copy in alert.copies ?? [] { rowOfCopy[copy.id] = alert.id } }
        return ids.map { rowOfCopy[$0] ?? $0 }
    }

    /// The row an id is shown on, whether it is the row's own id or one of its copies'.
    func rowAlert(_ id: String) -> Alert? { loadedAlert(rowIds([id])[0]) }

    /// `og-eu #2 + jsm #41` when `ids` are copies of one merged row; `nil` otherwise.
    func copiesDescription(_ ids: [String]) -> String? {
        guard ids.count > 1, Set(rowIds(ids)).count == 1 else { return nil }
        return ids.map { (source(of: $0).map { "\($0) " } ?? "") + "#" + tinyId(of: $0) }.joined(separator: " + ")
    }
}

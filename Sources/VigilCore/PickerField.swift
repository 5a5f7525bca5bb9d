import Foundation

/// A list to choose from, filtered by typing: the part every picker is made of (snooze,
/// assign, escalate, custom action). It keeps what was typed and which line is selected, and
/// says what a key did; what the lines are, and what choosing one does, is its owner's.
public struct PickerField: Sendable, Hashable {
    /// What was typed: the same keys as every text field (`^U`, `^W` included).
    public internal(set) var filter: TextField
    /// The selected line.
    public internal(set) var selected: Int

    /// A picker with `filter` typed and line `selected` selected (a fresh one: nothing, the first).
    public init(filter: TextField = "", selected: Int = 0) {
        self.filter = filter
        self.selected = selected
    }

    /// What a key did to the picker.
    public enum Outcome: Sendable, Equatable {
        /// Esc: the picker closes, nothing chosen.
        case cancelled
        /// Enter on line `index`.
        case picked(Int)
        /// Enter with no line to pick: the picker stays, with what was typed.
        case nothingToPick
        /// The selection moved or the filter changed (the list starts over): the picker stays.
        case kept
    }

    /// Takes a key while `options` lines are listed for the current filter.
    public mutating func handle(_ key: Key, options: Int) -> Outcome {
        switch key {
        case .escape: return .cancelled
        case .down: selected = min(selected + 1, max(0, options - 1))
        case .up: selected = max(0, selected - 1)
        case .enter: return selected < options ? .picked(selected) : .nothingToPick
        default: if filter.edit(key) { selected = 0 }
        }
        return .kept
    }

    /// The first line shown when at most `rows` lines fit, keeping the selection in view.
    public func firstShown(rows: Int) -> Int { max(0, selected - (rows - 2)) }
}

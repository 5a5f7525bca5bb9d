import Foundation

/// A line being typed: a prompt's text or a picker's filter. Every field takes the same keys:
/// characters insert, Backspace deletes one, `^U` clears, `^W` deletes the last word. A field
/// opened with a value (the current filter) has it selected, so typing replaces it; → or End
/// keeps it to edit.
public struct TextField: Sendable, Hashable, ExpressibleByStringLiteral {
    /// What is typed.
    public var text: String
    /// The whole text is selected: the next character replaces it.
    public var selected: Bool

    /// A field holding `text`, selected or not.
    public init(_ text: String = "", selected: Bool = false) {
        self.text = text
        self.selected = selected && !text.isEmpty
    }

    /// An empty (or literal) field, nothing selected.
    public init(stringLiteral value: String) { self.init(value) }

    /// Applies an editing key; `false` (and no change) for a key that is not an edit, such as
    /// Enter, Esc or ↑/↓, which the prompt or picker handles.
    public mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .backspace, .delete:
            if selected { text = "" } else if !text.isEmpty { text.removeLast() }
        case .control("u"):
            text = ""  // clears the field, as in a shell
        case .control("w"):
            // Deletes the last word, as in a shell (all of a selected text).
            if selected { text = "" }
            while text.last == " " { text.removeLast() }
            while let last = text.last, last != " " { _ = last; text.removeLast() }
        case .character(let c):
            if selected { text = "" }
            text.append(c)
        case .right, .end:
            break  // keeps the text to edit it
        default:
            return false
        }
        selected = false
        return true
    }

    /// How the field reads in its popup: `> text▏`, with a word on what typing does to a selection.
    public var line: String {
        selected ? "> [\(text)]▏  typing replaces it, → keeps it" : "> " + text + "▏"
    }
}

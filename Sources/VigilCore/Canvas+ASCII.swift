import Foundation

extension Canvas {
    /// The same frame in plain ASCII, for a terminal whose locale cannot carry UTF-8 (often
    /// over SSH with `LANG=C`): borders become `+ - |`, marks their nearest ASCII, and any
    /// other character `?` — each cell stays one cell, so the layout is unchanged.
    public func asciiOnly() -> Canvas {
        var copy = self
        copy.transformCells { cell in
            guard !cell.character.isASCII || cell.isContinuation else { return cell }
            var ascii = cell
            ascii.isContinuation = false
            ascii.character = cell.isContinuation ? "?" : Self.ascii(for: cell.character)
            return ascii
        }
        return copy
    }

    static func ascii(for character: Character) -> Character {
        switch character {
        case "─", "━", "═": "-"
        case "│", "┃", "║", "▏": "|"
        case "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼", "╭", "╮", "╰", "╯": "+"
        case "●", "■", "•": "*"
        case "█", "▇", "▆": "#"
        case "▲": "^"
        case "—", "–": "-"
        case "…": "~"
        case "→", "▶", "›": ">"
        case "←": "<"
        case "↑": "^"
        case "↓": "v"
        case "×": "x"
        case "·": "."
        default: "?"
        }
    }
}

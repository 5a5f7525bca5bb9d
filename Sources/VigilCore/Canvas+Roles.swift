import Foundation

/// The canvas's styles as text, one character a cell, so a golden screen can hold the look
/// beside the words: a P1 row that loses its red, a STALE banner or a marked row that loses
/// its style changes this map.
extension Canvas {
    /// The character each role is drawn as in ``roleMap``: lower case plain, upper case bold;
    /// reverse video is `%` plain and `@` bold (the role is then the one under the highlight).
    public static let roleSymbols: [ColorRole: Character] = [
        .text: "-", .dim: "d", .border: "b", .title: "t", .selection: "s", .marked: "m", .pending: "q", .failed: "f",
        .newAlert: "n", .p1: "1", .p2: "2", .p3: "3", .p4: "4", .p5: "5", .ok: "o", .warn: "w", .critical: "c",
        .stale: "x", .statusLine: "l", .hint: "h", .help: "?",
    ]

    /// The symbol for a style.
    public static func symbol(for style: CellStyle) -> Character {
        if style.reverse { return style.bold ? "@" : "%" }
        let base = roleSymbols[style.role] ?? "-"
        guard style.bold else { return base }
        switch base {
        case "1": return "!"
        case "2": return "\""
        case "3": return "#"
        case "4": return "$"
        case "5": return "&"
        case "-": return "="
        case "?": return "¿"
        default: return Character(String(base).uppercased())
        }
    }

    /// The styles of every cell, a line per row, blanks of the default style as spaces.
    public var roleMap: String {
        (0..<height).map { y in
            String((0..<width).map { x -> Character in
                let cell = self[x, y]
                if cell.character == " ", cell.style == CellStyle() { return " " }
                return Self.symbol(for: cell.style)
            })
        }.joined(separator: "\n")
    }
}

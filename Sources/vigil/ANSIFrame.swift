import Foundation
import VigilCore
import VigilTerminal

/// A frame as text in a theme's colours, for `vigil snapshot --theme`: an SGR sequence where
/// the style changes, a reset at each line's end.
enum ANSIFrame {
    static func render(_ canvas: Canvas, theme: Theme) -> String {
        var out = ""
        for y in 0..<canvas.height {
            var current: CellStyle?
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                if cell.isContinuation { continue }
                if cell.style != current {
                    out += sgr(cell.style, theme)
                    current = cell.style
                }
                out.append(cell.character)
            }
            out += "\u{1B}[0m" + (y + 1 < canvas.height ? "\n" : "")
        }
        return out
    }

    /// `ESC[0;1;38;5;244;48;5;255m`: bold, reverse and the role's colours.
    static func sgr(_ style: CellStyle, _ theme: Theme) -> String {
        let entry = theme.entries[style.role] ?? Theme.Entry(foreground: .terminalDefault)
        var codes = ["0"]
        if entry.bold || style.bold { codes.append("1") }
        if style.reverse { codes.append("7") }
        codes += colour(entry.foreground, base: 30) + colour(entry.background, base: 40)
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    private static func colour(_ colour: ThemeColor, base: Int) -> [String] {
        switch colour {
        case .terminalDefault: []
        case .basic(let n): [String(base + Int(n))]
        case .indexed(let n): [String(base + 8), "5", String(n)]
        }
    }
}

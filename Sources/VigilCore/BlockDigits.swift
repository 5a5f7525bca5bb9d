import Foundation

/// Large digits for a screen read from across the room: 3×5 cells per digit, drawn with
/// full blocks, doubled when there is room.
public enum BlockDigits {
    /// Rows of each digit, `#` for a filled cell.
    static let glyphs: [Character: [String]] = [
        "0": ["###", "# #", "# #", "# #", "###"], "1": [" # ", "## ", " # ", " # ", "###"],
        "2": ["###", "  #", "###", "#  ", "###"], "3": ["###", "  #", " ##", "  #", "###"],
        "4": ["# #", "# #", "###", "  #", "  #"], "5": ["###", "#  ", "###", "  #", "###"],
        "6": ["###", "#  ", "###", "# #", "###"], "7": ["###", "  #", " # ", " # ", " # "],
        "8": ["###", "# #", "###", "# #", "###"], "9": ["###", "# #", "###", "  #", "###"],
        ":": ["   ", " # ", "   ", " # ", "   "],
    ]

    /// The rows of `number` at `scale` (1: 5 rows, 2: 10 rows), one blank column between digits.
    public static func rows(_ number: Int, scale: Int = 1) -> [String] { rows(text: String(max(0, number)), scale: scale) }

    /// The rows of `text` (digits and `:`) at `scale`; any other character is a blank.
    public static func rows(text: String, scale: Int = 1) -> [String] {
        let characters = Array(text)
        var rows: [String] = []
        for row in 0..<5 {
            let line = characters.map { character in
                (glyphs[character]?[row] ?? "   ").map { $0 == "#" ? String(repeating: "█", count: scale) : String(repeating: " ", count: scale) }.joined()
            }.joined(separator: String(repeating: " ", count: scale))
            rows += Array(repeating: line, count: scale)
        }
        return rows
    }

    /// Columns `number` takes at `scale`.
    public static func width(_ number: Int, scale: Int = 1) -> Int {
        let count = String(max(0, number)).count
        return count * 3 * scale + (count - 1) * scale
    }
}

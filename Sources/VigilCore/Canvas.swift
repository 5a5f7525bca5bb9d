import Foundation

/// What a cell is for; a theme gives each role its colours.
public enum ColorRole: String, CaseIterable, Sendable, Hashable, Codable {
    case text, dim, border, title, selection, marked, pending, failed, newAlert = "new"
    case p1, p2, p3, p4, p5
    case ok, warn, critical, stale, statusLine = "status", hint, help
}

/// A cell's look: a role plus emphasis.
public struct CellStyle: Sendable, Hashable {
    public var role: ColorRole
    public var bold: Bool
    public var reverse: Bool
    /// Creates a style.
    public init(_ role: ColorRole = .text, bold: Bool = false, reverse: Bool = false) {
        self.role = role; self.bold = bold; self.reverse = reverse
    }
}

/// One terminal cell: a character (a grapheme cluster) and its style. A wide character's
/// second column is a continuation cell.
public struct Cell: Sendable, Hashable {
    public var character: Character
    public var style: CellStyle
    /// True for the right half of a double-width character.
    public var isContinuation: Bool
    /// A blank cell.
    public static let blank = Cell(character: " ", style: CellStyle(), isContinuation: false)
}

/// A grid of styled cells: what one frame of the dashboard looks like.
public struct Canvas: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    /// Creates a blank canvas.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The cell at a position.
    public subscript(x: Int, y: Int) -> Cell { cells[y * width + x] }

    /// Writes text at (x, y), sanitised and cut to `maxWidth` columns; returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: CellStyle = CellStyle(), maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - max(0, x))
        guard limit > 0 else { return 0 }
        if let written = writeSimple(text, x: x, y: y, style: style, limit: limit) { return written }
        let fitted = TerminalText.fit(text, columns: limit)
        var column = x
        for character in fitted {
            let w = TerminalText.width(of: character)
            if w == 0 { continue }
            if column + w > x + limit { break }
            if column >= 0 {
                cells[y * width + column] = Cell(character: character, style: style, isContinuation: false)
                if w == 2, column + 1 < width {
                    cells[y * width + column + 1] = Cell(character: " ", style: style, isContinuation: true)
                }
            }
            column += w
        }
        return column - x
    }

    /// The common case without the general path's work: printable ASCII and box-drawing
    /// characters (one column each, nothing to sanitise) that fit. `nil` for anything else,
    /// which the general path handles (the result is the same cell for cell).
    private mutating func writeSimple(_ text: String, x: Int, y: Int, style: CellStyle, limit: Int) -> Int? {
        guard x >= 0 else { return nil }
        var count = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            guard (0x20...0x7E).contains(v) || (0x2500...0x257F).contains(v) else { return nil }
            count += 1
            if count > limit { return nil }  // to be cut with an ellipsis: the general path
        }
        var index = y * width + x
        for scalar in text.unicodeScalars {
            cells[index] = Cell(character: Character(scalar), style: style, isContinuation: false)
            index += 1
        }
        return count
    }

    /// Fills a rectangle with spaces in a style.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: CellStyle) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) {
                cells[row * width + column] = Cell(character: " ", style: style, isContinuation: false)
            }
        }
    }

    /// Draws a box border with a title.
    public mutating func box(x: Int, y: Int, width w: Int, height h: Int, title: String, focused: Bool) {
        guard w >= 2, h >= 2 else { return }
        let style = CellStyle(focused ? .title : .border, bold: focused)
        write("┌" + String(repeating: "─", count: w - 2) + "┐", x: x, y: y, style: style)
        for row in (y + 1)..<(y + h - 1) {
            write("│", x: x, y: row, style: style)
            write("│", x: x + w - 1, y: row, style: style)
        }
        write("└" + String(repeating: "─", count: w - 2) + "┘", x: x, y: y + h - 1, style: style)
        write(" \(title) ", x: x + 2, y: y, style: CellStyle(.title, bold: true), maxWidth: w - 4)
    }

    /// The text of row `y`, continuation cells skipped.
    /// Replaces row `y` with the first row of `row` (same width), in place.
    public mutating func replaceRow(_ y: Int, with row: Canvas) {
        guard row.width == width, y >= 0, y < height else { return }
        cells.replaceSubrange((y * width)..<((y + 1) * width), with: row.cells[0..<width])
    }

    /// Whether row `y` differs from row `other` of `canvas` (same width).
    public func rowDiffers(_ y: Int, from canvas: Canvas, row other: Int) -> Bool {
        guard canvas.width == width else { return true }
        return !cells[(y * width)..<((y + 1) * width)].elementsEqual(canvas.cells[(other * width)..<((other + 1) * width)])
    }

    /// Replaces every cell through `transform` (same size, same positions).
    mutating func transformCells(_ transform: (Cell) -> Cell) {
        for index in cells.indices { cells[index] = transform(cells[index]) }
    }

    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width where !self[x, y].isContinuation { s.append(self[x, y].character) }
        return s
    }

    /// The frame as text, one line per row, trailing spaces trimmed (for golden files and `vigil snapshot`).
    public var text: String {
        (0..<height).map { line($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n")
    }

    /// Whether row `y` differs from the same row of `other`.
    public func rowDiffers(_ y: Int, from other: Canvas?) -> Bool {
        guard let other, other.width == width, other.height == height else { return true }
        let start = y * width
        return cells[start..<(start + width)] != other.cells[start..<(start + width)]
    }
}

import VigilCore

/// Where painted text goes: curses in the program, a recording fake in tests.
public protocol PaintTarget: AnyObject {
    /// Writes `text` starting at column `x` of row `y`, every character in `style`.
    func put(_ text: String, x: Int, y: Int, style: CellStyle)
    /// The size changed: the next refresh repaints the whole screen.
    func clearAll()
    /// Sends what was written to the terminal.
    func refresh()
}

/// Paints canvases onto a target, writing only the cells that differ from the last frame
/// (spans of them; a short unchanged gap is rewritten rather than jumped, since a cursor move
/// costs more), one call per run of cells in the same style, and nothing at all when nothing
/// changed. The clock's minute turning over writes its digit, not its row.
public struct ScreenPainter {
    private var previous: Canvas?
    /// Frames that wrote anything.
    public private(set) var framesPainted = 0
    /// Cells that differed from the frame before, summed over every frame (all of a first
    /// frame's, a resize's and a new theme's restyled ones): what the terminal had to change.
    public private(set) var cellsChanged = 0

    /// A painter that has painted nothing yet.
    public init() {}

    /// Forgets the last frame so the next paint repaints everything.
    public mutating func invalidate() { previous = nil }

    /// Styles whose look changed (a new theme): cells in them are written at the next paint
    /// even where the frame is the same.
    private var restyled: ((CellStyle) -> Bool)?

    /// Writes the cells in the styles `changed` picks at the next paint, as well as what changed.
    public mutating func restyle(where changed: @escaping (CellStyle) -> Bool) { restyled = changed }

    /// Paints `canvas`; returns whether anything was written.
    @discardableResult
    public mutating func paint(_ canvas: Canvas, on target: some PaintTarget) -> Bool {
        if previous?.width != canvas.width || previous?.height != canvas.height {
            previous = nil
            target.clearAll()
        }
        var changed = false
        let restyled = self.restyled
        self.restyled = nil
        for y in 0..<canvas.height where canvas.rowDiffers(y, from: previous) || restyled.map({ rowHas(y, of: canvas, $0) }) == true {
            changed = true
            paintChanges(y, of: canvas, over: previous, row: y, restyled: restyled, on: target)
        }
        previous = canvas
        if changed {
            framesPainted += 1
            target.refresh()
        }
        return changed
    }

    /// Paints one row of the last frame anew (`row` is a one-row canvas of the same width),
    /// changing the kept frame in place: a clock tick costs one row, not a copy of the frame.
    @discardableResult
    public mutating func paintRow(_ y: Int, with row: Canvas, on target: some PaintTarget) -> Bool {
        guard var frame = previous, row.width == frame.width, y < frame.height, row.height == 1 else { return false }
        previous = nil  // frame is now the only reference: the change below happens in place
        guard frame.rowDiffers(y, from: row, row: 0) else { previous = frame; return false }
        let before = frame
        frame.replaceRow(y, with: row)
        paintChanges(y, of: frame, over: before, row: y, on: target)
        previous = frame
        framesPainted += 1
        target.refresh()
        return true
    }

    /// Unchanged cells between two changes that are rewritten rather than jumped over with a
    /// cursor move (which costs about as many bytes).
    static let gapRewritten = 6

    /// Writes the cells of row `y` that differ from row `row` of `old` (all of them without
    /// an old frame), in spans.
    private mutating func paintChanges(_ y: Int, of canvas: Canvas, over old: Canvas?, row: Int, restyled: ((CellStyle) -> Bool)? = nil,
                              on target: some PaintTarget) {
        let width = canvas.width
        guard let old, old.width == width else {
            cellsChanged += width
            paintSpan(y, 0..<width, of: canvas, on: target)
            return
        }
        // Each cell compared once: the count and the spans both read this.
        let changed = (0..<width).map { x in canvas[x, y] != old[x, row] || restyled?(canvas[x, y].style) == true }
        func differs(_ x: Int) -> Bool { changed[x] }
        cellsChanged += changed.count(where: { $0 })
        var x = 0
        while x < width {
            guard differs(x) else { x += 1; continue }
            // A wide character is written whole: start at its first cell, new or old (writing
            // over half of one blanks the whole of it on the terminal).
            var start = x
            while start > 0, canvas[start, y].isContinuation || old[start, row].isContinuation { start -= 1 }
            var lastChanged = x
            var end = x + 1
            while end < width, end - lastChanged <= Self.gapRewritten {
                if differs(end) { lastChanged = end }
                end += 1
            }
            end = lastChanged + 1
            while end < width, canvas[end, y].isContinuation || old[end, row].isContinuation { end += 1 }
            paintSpan(y, start..<end, of: canvas, on: target)
            x = end
        }
    }

    /// Whether row `y` has a cell in a style `restyled` picks.
    private func rowHas(_ y: Int, of canvas: Canvas, _ restyled: (CellStyle) -> Bool) -> Bool {
        (0..<canvas.width).contains { restyled(canvas[$0, y].style) }
    }

    /// Writes cells `columns` of row `y`, one call per run of one style.
    private func paintSpan(_ y: Int, _ columns: Range<Int>, of canvas: Canvas, on target: some PaintTarget) {
        var x = columns.lowerBound
        while x < columns.upperBound {
            let cell = canvas[x, y]
            if cell.isContinuation { x += 1; continue }
            var run = String(cell.character)
            var end = x + 1
            while end < columns.upperBound, canvas[end, y].style == cell.style {
                if !canvas[end, y].isContinuation { run.append(canvas[end, y].character) }
                end += 1
            }
            // Every changed cell is written, the bottom-right one too (the output places it
            // without scrolling), so nothing from an earlier frame can survive in it.
            target.put(run, x: x, y: y, style: cell.style)
            x = end
        }
    }
}

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

/// Paints canvases onto a target, writing only the rows that differ from the last frame,
/// one call per run of cells in the same style, and nothing at all when nothing changed.
public struct ScreenPainter {
    private var previous: Canvas?
    /// Frames that wrote anything.
    public private(set) var framesPainted = 0

    /// A painter that has painted nothing yet.
    public init() {}

    /// Forgets the last frame so the next paint repaints everything.
    public mutating func invalidate() { previous = nil }

    /// Paints `canvas`; returns whether anything was written.
    @discardableResult
    public mutating func paint(_ canvas: Canvas, on target: some PaintTarget) -> Bool {
        if previous?.width != canvas.width || previous?.height != canvas.height {
            previous = nil
            target.clearAll()
        }
        var changed = false
        for y in 0..<canvas.height where canvas.rowDiffers(y, from: previous) {
            changed = true
            paintRow(y, of: canvas, on: target)
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
        frame.replaceRow(y, with: row)
        paintRow(y, of: frame, on: target)
        previous = frame
        framesPainted += 1
        target.refresh()
        return true
    }

    private func paintRow(_ y: Int, of canvas: Canvas, on target: some PaintTarget) {
        var x = 0
        while x < canvas.width {
            let cell = canvas[x, y]
            if cell.isContinuation { x += 1; continue }
            // Runs of cells with the same style go in one call.
            var run = String(cell.character)
            var end = x + 1
            while end < canvas.width, canvas[end, y].style == cell.style {
                if !canvas[end, y].isContinuation { run.append(canvas[end, y].character) }
                end += 1
            }
            // Every cell is written, the bottom-right one too (ncurses places it without
            // scrolling), so nothing from an earlier frame can survive in it.
            target.put(run, x: x, y: y, style: cell.style)
            x = end
        }
    }
}

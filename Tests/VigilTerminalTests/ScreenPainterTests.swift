import Testing
import VigilCore
@testable import VigilTerminal

/// Records what a painter writes, and keeps a screen of what would be shown.
final class FakeScreen: PaintTarget {
    struct Put: Equatable { var text: String; var x: Int; var y: Int; var style: CellStyle }
    var puts: [Put] = []
    var clears = 0
    var refreshes = 0
    var rows: [[Character]]

    init(width: Int, height: Int) { rows = Array(repeating: Array(repeating: " ", count: width), count: height) }

    func put(_ text: String, x: Int, y: Int, style: CellStyle) {
        puts.append(Put(text: text, x: x, y: y, style: style))
        var column = x
        for character in text where column < rows[y].count {
            rows[y][column] = character
            let width = TerminalText.width(of: String(character))
            // A wide character covers the next column as a terminal shows it.
            if width == 2, column + 1 < rows[y].count { rows[y][column + 1] = "\0" }
            column += width
        }
    }
    func clearAll() { clears += 1 }
    func refresh() { refreshes += 1 }
    var text: String { rows.map { String($0.filter { $0 != "\0" }) }.joined(separator: "\n") }
}

@Suite("ScreenPainter: only what changed reaches the terminal")
struct ScreenPainterTests {
    func canvas(_ lines: [String], width: Int = 10) -> Canvas {
        var canvas = Canvas(width: width, height: lines.count)
        for (y, line) in lines.enumerated() { _ = canvas.write(line, x: 0, y: y, style: CellStyle(.text), maxWidth: width) }
        return canvas
    }

    @Test func theFirstFramePaintsEveryRowAndAnIdenticalFramePaintsNothing() {
        var painter = ScreenPainter()
        let screen = FakeScreen(width: 10, height: 3)
        let frame = canvas(["alpha", "beta", "gamma"])
        let first = painter.paint(frame, on: screen)
        #expect(first)
        #expect(Set(screen.puts.map(\.y)) == [0, 1, 2])
        #expect(screen.clears == 1 && screen.refreshes == 1)
        screen.puts = []
        let second = painter.paint(frame, on: screen)
        #expect(!second)
        #expect(screen.puts.isEmpty && screen.refreshes == 1, "nothing written, no refresh")
    }

    @Test func oneChangedCellWritesOnlyThatCell() {
        var painter = ScreenPainter()
        let screen = FakeScreen(width: 10, height: 3)
        painter.paint(canvas(["12:00:01", "beta", "gamma"]), on: screen)
        screen.puts = []
        painter.paint(canvas(["12:00:02", "beta", "gamma"]), on: screen)
        #expect(screen.puts == [FakeScreen.Put(text: "2", x: 7, y: 0, style: CellStyle(.text))])
        #expect(screen.text.hasPrefix("12:00:02"))
        #expect(painter.framesPainted == 2)
    }

    @Test func nearChangesAreOneSpanAndFarOnesTwo() {
        var painter = ScreenPainter()
        let screen = FakeScreen(width: 30, height: 1)
        painter.paint(canvas(["12:00 ok               x"], width: 30), on: screen)
        screen.puts = []
        // 12:00 → 13:01: the gap between the changes is shorter than a cursor move; x → y is far off
        painter.paint(canvas(["13:01 ok               y"], width: 30), on: screen)
        #expect(screen.puts.map(\.text) == ["3:01", "y"])
        #expect(screen.puts.map(\.x) == [1, 23])
        #expect(screen.text == "13:01 ok               y      ")
    }

    @Test func aWideCharacterIsRewrittenWholeWhenEitherFrameHasIt() {
        var painter = ScreenPainter()
        let screen = FakeScreen(width: 6, height: 1)
        painter.paint(canvas(["a監bc"], width: 6), on: screen)
        screen.puts = []
        painter.paint(canvas(["a漢bc"], width: 6), on: screen)
        #expect(screen.puts.map(\.text) == ["漢"] && screen.puts.first?.x == 1, "the lead changed: the character goes out whole")
        screen.puts = []
        painter.paint(canvas(["ab漢c"], width: 6), on: screen)
        #expect(screen.puts.first?.x == 1, "the old wide character at 1 is overwritten from its first cell")
        #expect(screen.text.hasPrefix("ab漢c"))
    }

    @Test func runsOfOneStyleAreOneWriteAndStylesSplitThem() {
        var painter = ScreenPainter()
        let screen = FakeScreen(width: 10, height: 2)
        var frame = Canvas(width: 10, height: 2)
        _ = frame.write("ab", x: 0, y: 0, style: CellStyle(.text), maxWidth: 10)
        _ = frame.write("CD", x: 2, y: 0, style: CellStyle(.critical, bold: true), maxWidth: 8)
        painter.paint(frame, on: screen)
        let row0 = screen.puts.filter { $0.y == 0 }
        #expect(row0.map(\.text) == ["ab", "CD", "      "])
        #expect(row0[1].style == CellStyle(.critical, bold: true) && row0[1].x == 2)
    }

    @Test func aResizeClearsAndRepaintsEverything() {
        var painter = ScreenPainter()
        let small = FakeScreen(width: 10, height: 2)
        painter.paint(canvas(["a", "b"]), on: small)
        let large = FakeScreen(width: 12, height: 3)
        painter.paint(canvas(["a", "b", "c"], width: 12), on: large)
        #expect(large.clears == 1)
        #expect(Set(large.puts.map(\.y)) == [0, 1, 2])
    }

    @Test func theLastCellIsWrittenAndWideCharactersAreWrittenOnce() {
        var painter = ScreenPainter()
        let screen = FakeScreen(width: 4, height: 2)
        var frame = Canvas(width: 4, height: 2)
        _ = frame.write("監x", x: 0, y: 0, style: CellStyle(.text), maxWidth: 4)
        _ = frame.write("wxyz", x: 0, y: 1, style: CellStyle(.text), maxWidth: 4)
        painter.paint(frame, on: screen)
        #expect(screen.puts.first { $0.y == 0 }?.text == "監x ", "the continuation cell of 監 is not written")
        #expect(screen.puts.first { $0.y == 1 }?.text == "wxyz", "the bottom-right cell is written too, so no stale character survives there")
    }

    @Test func aNewThemeWritesOnlyTheCellsWhoseLookItChanges() {
        var painter = ScreenPainter()
        let screen = FakeScreen(width: 10, height: 2)
        var frame = Canvas(width: 10, height: 2)
        _ = frame.write("ok", x: 0, y: 0, style: CellStyle(.text), maxWidth: 10)
        _ = frame.write("P1", x: 4, y: 1, style: CellStyle(.critical), maxWidth: 6)
        painter.paint(frame, on: screen)
        screen.puts = []
        painter.restyle { $0.role == .critical }
        painter.paint(frame, on: screen)
        #expect(screen.puts == [FakeScreen.Put(text: "P1", x: 4, y: 1, style: CellStyle(.critical))])
        #expect(screen.clears == 1, "no clear of the screen")
        screen.puts = []
        let again = painter.paint(frame, on: screen)
        #expect(!again, "the restyle is done once")
    }

    @Test func aRowPatchWritesOnlyThatRowAndOnlyWhenItChanged() {
        var painter = ScreenPainter()
        let screen = FakeScreen(width: 10, height: 3)
        painter.paint(canvas(["12:00:01", "beta", "gamma"]), on: screen)
        screen.puts = []
        let patched = painter.paintRow(0, with: canvas(["12:00:02"]), on: screen)
        #expect(patched)
        #expect(screen.puts.map(\.y) == [0] && screen.text.hasPrefix("12:00:02"))
        screen.puts = []
        let same = painter.paintRow(0, with: canvas(["12:00:02"]), on: screen)
        #expect(!same && screen.puts.isEmpty)
        // the kept frame has the patch: a full paint of the same frame writes nothing
        let full = painter.paint(canvas(["12:00:02", "beta", "gamma"]), on: screen)
        #expect(!full)
    }
}

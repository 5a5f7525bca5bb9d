import CNCurses
import Foundation
import VigilCore
#if canImport(Glibc)
import Glibc
#endif

/// Writes painted rows to the terminal as escape sequences from its terminfo entry, gathered
/// into one `write` per refresh.
///
/// ncurses keeps its own copy of the screen and diffs it again on every refresh, and flushes
/// after each cursor movement: three writes for one changed digit of the clock, each of which
/// wakes the terminal emulator (or tmux, or sshd). ``ScreenPainter`` already knows exactly
/// which runs changed, so they go straight out: an idle second is one small write.
/// ncurses still sets the terminal up, reads keys and restores it on exit.
final class TerminalOutput {
    private var buffer: [UInt8] = []
    /// The escape sequence that sets each style, built once per theme.
    private var styleCodes: [CellStyle: [UInt8]] = [:]
    /// The style the terminal is in, as far as this output knows.
    private var current: CellStyle?
    private let reset: [UInt8]
    private let clear: [UInt8]
    /// Writing the bottom-right cell would scroll the screen (auto margins without the xenl glitch).
    private let lastCellScrolls: Bool
    private var height = 0
    private var width = 0
    /// Where the cursor is after the last write, when known: runs that follow on from it need no move.
    private var cursor: (x: Int, y: Int)?
    /// How a style is coloured; set by the terminal when the theme changes.
    var sequence: (CellStyle) -> [UInt8] = { _ in [] }

    init() {
        reset = Self.capability("sgr0")
        clear = Self.capability("clear")
        lastCellScrolls = vigil_flag("am") == 1 && vigil_flag("xenl") == 0
    }

    /// The screen's size, for the bottom-right cell.
    func resize(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Forgets the styles built for the old theme.
    func themeChanged() {
        styleCodes = [:]
        current = nil
    }

    func put(_ text: String, x: Int, y: Int, style: CellStyle) {
        var bytes = Array(text.utf8)
        if lastCellScrolls, y == height - 1, x + TerminalText.width(of: text) >= width, !bytes.isEmpty {
            // Leave the bottom-right cell alone rather than scroll the whole screen.
            bytes = Array(String(text.dropLast()).utf8)
        }
        if cursor.map({ $0.x != x || $0.y != y }) ?? true { buffer += Self.capability("cup", y, x) }
        let end = x + TerminalText.width(of: text)
        // At the right margin the terminal's cursor position is its own business (deferred wrap).
        cursor = end < width ? (end, y) : nil
        if style != current {
            if styleCodes[style] == nil { styleCodes[style] = reset + sequence(style) }
            buffer += styleCodes[style] ?? []
            current = style
        }
        buffer += bytes
    }

    /// Clears the screen at the next flush.
    func clearAll() {
        buffer += reset + clear
        current = nil
        cursor = nil
    }

    /// Sends everything gathered in one write (more only if the terminal takes it in parts).
    func flush() {
        guard !buffer.isEmpty else { return }
        buffer += reset
        current = nil
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { break }
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// A terminfo string capability with its numbers filled in; empty when the terminal lacks it.
    static func capability(_ name: String, _ a: Int = 0, _ b: Int = 0) -> [UInt8] {
        var out = [CChar](repeating: 0, count: 128)
        let length = Int(vigil_capability(name, Int32(a), Int32(b), &out, Int32(out.count)))
        return stripPadding(out.prefix(length).map { UInt8(bitPattern: $0) })
    }

    /// Removes terminfo delay specifications (`$<5>`): a program writing directly pads nothing.
    static func stripPadding(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "$")) else { return bytes }
        var result: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "<"),
               let end = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: ">")) {
                i = end + 1
                continue
            }
            result.append(bytes[i])
            i += 1
        }
        return result
    }
}

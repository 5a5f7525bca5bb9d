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
    /// How the terminal shows a style: the sequences for its colours and its attributes.
    struct Rendition: Hashable {
        /// `setaf` for the foreground; empty: the terminal's default.
        var foreground: [UInt8] = []
        /// `setab` for the background; empty: the terminal's default.
        var background: [UInt8] = []
        var bold = false
        var reverse = false
    }

    /// Bytes written to the terminal so far.
    private(set) var bytesWritten = 0
    /// What the next flush writes.
    private(set) var buffer: [UInt8] = []
    /// Each style's rendition, built once per theme.
    private var renditions: [CellStyle: Rendition] = [:]
    /// The style the terminal is in, as far as this output knows.
    private var current: CellStyle?
    /// Its rendition.
    private var currentRendition = Rendition()
    private let reset: [UInt8]
    private let clear: [UInt8]
    /// Writing the bottom-right cell would scroll the screen (auto margins without the xenl glitch).
    private let lastCellScrolls: Bool
    private var height = 0
    private var width = 0
    /// Where the cursor is after the last write, when known: runs that follow on from it need no move.
    private var cursor: (x: Int, y: Int)?
    /// How a style is shown; set by the terminal when the theme changes.
    var rendition: (CellStyle) -> Rendition = { _ in Rendition() }
    private let boldCode: [UInt8]
    private let reverseCode: [UInt8]

    /// An output with the terminal's own sequences (from its terminfo entry).
    convenience init() {
        self.init(reset: Self.capability("sgr0"), clear: Self.capability("clear"), bold: Self.capability("bold"),
                  reverse: Self.capability("rev"), lastCellScrolls: vigil_flag("am") == 1 && vigil_flag("xenl") == 0)
    }

    /// An output with the given sequences (tests).
    init(reset: [UInt8], clear: [UInt8], bold: [UInt8], reverse: [UInt8], lastCellScrolls: Bool) {
        self.reset = reset
        self.clear = clear
        boldCode = bold
        reverseCode = reverse
        self.lastCellScrolls = lastCellScrolls
    }

    /// The screen's size, for the bottom-right cell.
    func resize(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Forgets the styles built for the old theme.
    func themeChanged() {
        renditions = [:]
        current = nil
    }

    /// The bytes that take the terminal from `from` (`nil`: not known) to `to`: only what
    /// differs, unless an attribute or a colour has to go, which only a reset (`sgr0`) does.
    func transition(from: Rendition?, to: Rendition) -> [UInt8] {
        guard let from, !(from.bold && !to.bold), !(from.reverse && !to.reverse),
              !(!from.foreground.isEmpty && to.foreground.isEmpty), !(!from.background.isEmpty && to.background.isEmpty) else {
            return reset + to.foreground + to.background + (to.bold ? boldCode : []) + (to.reverse ? reverseCode : [])
        }
        var bytes: [UInt8] = []
        if to.foreground != from.foreground { bytes += to.foreground }
        if to.background != from.background { bytes += to.background }
        if to.bold && !from.bold { bytes += boldCode }
        if to.reverse && !from.reverse { bytes += reverseCode }
        return bytes
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
            let next = renditions[style] ?? rendition(style)
            renditions[style] = next
            buffer += transition(from: current == nil ? nil : currentRendition, to: next)
            current = style
            currentRendition = next
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
                if n > 0 { offset += n; bytesWritten += n } else if n < 0 && errno == EINTR { continue } else { break }
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

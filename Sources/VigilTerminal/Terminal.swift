import CNCurses
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import VigilCore

/// A colour from a theme: one of the 8 basic colours, a 256-colour index, or the terminal default.
public enum ThemeColor: Sendable, Hashable {
    case terminalDefault
    case basic(Int16)
    case indexed(Int16)

    /// Parses `default`, `black`…`white`, `bright-red`…, or `0`…`255`.
    public init?(name: String) {
        let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
        let lower = name.lowercased()
        if lower == "default" || lower == "none" { self = .terminalDefault; return }
        if let i = names.firstIndex(of: lower) { self = .basic(Int16(i)); return }
        if lower.hasPrefix("bright-"), let i = names.firstIndex(of: String(lower.dropFirst(7))) { self = .indexed(Int16(i + 8)); return }
        if let n = Int16(lower), (0...255).contains(n) { self = .indexed(n); return }
        return nil
    }

    /// The curses colour number on a terminal with `colors` colours (degrades 256 → 8).
    func curses(colors: Int32) -> Int16 {
        switch self {
        case .terminalDefault: return -1
        case .basic(let n): return n
        case .indexed(let n):
            if Int32(n) < colors { return n }
            if n < 16 { return n % 8 }
            return Self.nearestBasic(n)
        }
    }

    static func nearestBasic(_ n: Int16) -> Int16 {
        if n >= 232 { return n >= 244 ? 7 : 0 }
        let i = Int(n) - 16
        let r = i / 36, g = (i / 6) % 6, b = i % 6
        let bits = (r >= 2 ? 1 : 0) | (g >= 2 ? 2 : 0) | (b >= 2 ? 4 : 0)
        return Int16(bits)
    }
}

/// Colours for every role.
public struct Theme: Sendable, Hashable {
    /// Foreground, background and bold per role.
    public struct Entry: Sendable, Hashable {
        public var foreground: ThemeColor
        public var background: ThemeColor
        public var bold: Bool
        /// Creates an entry.
        public init(foreground: ThemeColor, background: ThemeColor = .terminalDefault, bold: Bool = false) {
            self.foreground = foreground; self.background = background; self.bold = bold
        }
    }
    public var name: String
    public var entries: [ColorRole: Entry]
    /// Creates a theme.
    public init(name: String, entries: [ColorRole: Entry]) { self.name = name; self.entries = entries }
}

/// The only code that talks to the terminal: set-up and restore, drawing a canvas (only the
/// rows that changed), reading keys.
public final class Terminal {
    private var painter = ScreenPainter()
    private var theme: Theme?
    private var colorEnabled = false
    private var output: TerminalOutput?
    private(set) public var isActive = false

    /// Creates a terminal; call ``start(noColor:)`` before drawing.
    public init() {}

    /// Enters curses mode: raw keys, no echo, hidden cursor, colours unless `noColor`.
    public func start(noColor: Bool) {
        vigil_setlocale()
        initscr()
        cbreak()
        noecho()
        nonl()
        intrflush(vigil_stdscr(), false)
        keypad(vigil_stdscr(), true)
        set_escdelay(25)
        // No typeahead check (a poll on stdin) in every refresh: the loop reads keys itself.
        typeahead(-1)
        // No XON/XOFF flow control: a stray Ctrl-S must not freeze the screen while keys still
        // act behind it, and Ctrl-S / Ctrl-Q reach Vigil like any other key. Set after every
        // curses mode call (each writes curses' own copy of the modes back), then made curses'
        // program mode so it survives a suspend or a resize.
        var mode = termios()
        if tcgetattr(STDIN_FILENO, &mode) == 0 {
            mode.c_iflag &= ~tcflag_t(IXON | IXOFF)
            tcsetattr(STDIN_FILENO, TCSANOW, &mode)
            def_prog_mode()
        }
        curs_set(0)
        if !noColor, has_colors() {
            start_color()
            use_default_colors()
            colorEnabled = true
        }
        // ncurses clears the screen once; from then on frames go out through `output`.
        _ = CNCurses.refresh()
        let output = TerminalOutput()
        output.resize(width: size.width, height: size.height)
        self.output = output
        applyStyles()
        isActive = true
    }

    /// Leaves curses mode and restores the terminal. Safe to call twice.
    public func stop() {
        guard isActive else { return }
        isActive = false
        curs_set(1)
        endwin()
    }

    /// The terminal size now.
    public var size: (width: Int, height: Int) { (Int(vigil_cols()), Int(vigil_lines())) }

    /// Uses `theme` for colours from now on (redraws everything next frame).
    public func apply(_ theme: Theme) {
        guard theme != self.theme else { return }
        let before = output?.rendition
        self.theme = theme
        applyStyles()
        // Only the cells whose look the new theme changes are written again.
        if let before, let after = output?.rendition {
            // Every style there is, compared once (not once per cell of the next frame).
            let styles = ColorRole.allCases.flatMap { role in
                [false, true].flatMap { bold in [false, true].map { CellStyle(role, bold: bold, reverse: $0) } }
            }
            let changed = Set(styles.filter { before($0) != after($0) })
            painter.restyle { changed.contains($0) }
        } else {
            painter.invalidate()
        }
    }

    /// Builds each style's escape sequence from the theme and the terminal's capabilities.
    private func applyStyles() {
        guard let output else { return }
        let theme = self.theme, colorEnabled = self.colorEnabled, colors = vigil_colors()
        output.rendition = { style in
            var rendition = TerminalOutput.Rendition()
            let entry = theme?.entries[style.role]
            if colorEnabled, let entry {
                let foreground = entry.foreground.curses(colors: colors), background = entry.background.curses(colors: colors)
                if foreground >= 0 { rendition.foreground = TerminalOutput.capability("setaf", Int(foreground)) }
                if background >= 0 { rendition.background = TerminalOutput.capability("setab", Int(background)) }
            }
            rendition.bold = style.bold || entry?.bold == true
            rendition.reverse = style.reverse || (!colorEnabled && (style.role == .selection || style.role == .stale || style.role == .statusLine))
            return rendition
        }
        output.themeChanged()
    }

    /// Draws a frame: rewrites only rows that differ from the last frame, and writes nothing
    /// at all when nothing changed. Returns whether anything was written.
    @discardableResult
    public func draw(_ canvas: Canvas) -> Bool {
        painter.paint(canvas, on: self)
    }

    /// Redraws one row (the status line when only time moved).
    @discardableResult
    public func drawRow(_ y: Int, with row: Canvas) -> Bool {
        painter.paintRow(y, with: row, on: self)
    }

    /// Frames that wrote anything.
    public var framesDrawn: Int { painter.framesPainted }

    /// What went to the terminal so far, for the log: frames, the cells they changed, bytes.
    public var outputSummary: String {
        let cells = painter.cellsChanged, bytes = output?.bytesWritten ?? 0
        let ratio = cells > 0 ? String(format: "%.2f", Double(bytes) / Double(cells)) : "-"
        return "\(painter.framesPainted) frames changed \(cells) cells in \(bytes) bytes (\(ratio) bytes a cell)"
    }

    /// Forgets the last frame so the next draw repaints everything (after a resize).
    public func invalidate() {
        painter.invalidate()
        output?.resize(width: size.width, height: size.height)
    }

    /// Reads every key already waiting, without blocking (after a wait said there is input,
    /// or a signal such as SIGWINCH ended it). Resizes come back as `.resize`.
    public func readPendingKeys() -> [KeyRead] {
        timeout(0)
        var reads: [KeyRead] = []
        for _ in 0..<256 {
            var ch: UInt32 = 0
            let rc = vigil_get_wch(&ch)
            if rc == vigil_err() { break }
            if rc == vigil_key_code_yes() {
                if Int32(ch) == vigil_key_resize() { reads.append(.resize); continue }
                if let key = Self.decode(code: Int32(ch)) { reads.append(.key(key)) }
            } else if let key = Self.decode(character: ch) {
                reads.append(.key(key))
            }
        }
        return reads
    }

    /// What a read produced.
    public enum KeyRead: Equatable {
        case none, resize
        case key(Key)
    }

    static func decode(code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_ENTER: return .enter
        default: return nil
        }
    }

    static func decode(character ch: UInt32) -> Key? {
        switch ch {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(ch + 96)!))
        default:
            guard let scalar = Unicode.Scalar(ch), ch >= 32 else { return nil }
            return .character(Character(scalar))
        }
    }

    /// Rings the bell (or flashes when the terminal has no bell).
    public func bell() { beep() }
}

extension Terminal: PaintTarget {
    public func put(_ text: String, x: Int, y: Int, style: CellStyle) {
        output?.put(text, x: x, y: y, style: style)
    }

    public func clearAll() {
        output?.resize(width: size.width, height: size.height)
        output?.clearAll()
    }

    public func refresh() { output?.flush() }
}

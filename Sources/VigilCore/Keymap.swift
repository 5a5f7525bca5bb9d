import Foundation

/// A key press, decoded from the terminal.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case control(Character)

    /// Parses a key name used in config files: `a`, `G`, `?`, `enter`, `tab`, `shift-tab`, `up`, `pgdn`, `ctrl-r`, `space`.
    public init?(name: String) {
        switch name.lowercased() {
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "pgup", "pageup": self = .pageUp
        case "pgdn", "pagedown": self = .pageDown
        case "home": self = .home
        case "end": self = .end
        case "enter", "return": self = .enter
        case "esc", "escape": self = .escape
        case "tab": self = .tab
        case "shift-tab", "backtab": self = .backTab
        case "backspace": self = .backspace
        case "space": self = .character(" ")
        default:
            if name.lowercased().hasPrefix("ctrl-"), name.count == 6, let c = name.last { self = .control(Character(c.lowercased())); return }
            guard name.count == 1, let c = name.first else { return nil }
            self = .character(c)
        }
    }

    public var description: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .control(let c): "^" + c.uppercased()
        }
    }
}

/// Something a key can do.
public enum Command: Sendable, Hashable, CaseIterable, RawRepresentable, Codable {
    case moveDown, moveUp, pageDown, pageUp, top, bottom
    case nextPane, previousPane, openDetail
    case acknowledge, unacknowledge, snooze, assign, close, note, escalate, mark
    /// Pick one of the selected alert's custom actions, then confirm.
    case customAction
    /// Resolve the selected incident (asks first).
    case resolve
    case filter, refresh, nextTheme, help, quit
    /// Repaint the whole screen (after line noise over SSH, or another program wrote on it).
    case redraw
    /// Switch between the dashboard and the wall view.
    case wall
    /// The last messages, each whole (a failure longer than the message line is read there).
    case messages
    /// The alerts acknowledged long ago and still open (and back).
    case forgotten
    /// The shift so far: what `vigil report` prints for the last 12 hours.
    case shiftReport
    /// Switch to quick filter 1…6.
    case quickFilter(Int)

    /// Every command, quick filters 1 to ``QuickFilter/keyCount`` included.
    public static var allCases: [Command] {
        [.moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom, .nextPane, .previousPane, .openDetail,
         .acknowledge, .unacknowledge, .snooze, .assign, .close, .note, .escalate, .mark, .customAction, .resolve,
         .filter, .refresh, .nextTheme, .help, .quit, .redraw, .wall, .messages, .forgotten, .shiftReport] + (1...QuickFilter.keyCount).map { .quickFilter($0) }
    }

    /// The name used in config files: `move-down`, `acknowledge`, `quick-filter-3`, …
    public var rawValue: String {
        switch self {
        case .moveDown: "move-down"
        case .moveUp: "move-up"
        case .pageDown: "page-down"
        case .pageUp: "page-up"
        case .top: "top"
        case .bottom: "bottom"
        case .nextPane: "next-pane"
        case .previousPane: "previous-pane"
        case .openDetail: "open-detail"
        case .acknowledge: "acknowledge"
        case .unacknowledge: "unacknowledge"
        case .snooze: "snooze"
        case .assign: "assign"
        case .close: "close"
        case .note: "note"
        case .escalate: "escalate"
        case .mark: "mark"
        case .customAction: "custom-action"
        case .resolve: "resolve"
        case .filter: "filter"
        case .refresh: "refresh"
        case .nextTheme: "next-theme"
        case .help: "help"
        case .quit: "quit"
        case .redraw: "redraw"
        case .wall: "wall"
        case .messages: "messages"
        case .forgotten: "forgotten"
        case .shiftReport: "shift-report"
        case .quickFilter(let n): "quick-filter-\(n)"
        }
    }

    /// The command a config name means, or `nil`.
    public init?(rawValue: String) {
        guard let command = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = command
    }

    /// Whether it changes the account (disabled in read-only mode).
    public var isWrite: Bool { [.acknowledge, .unacknowledge, .snooze, .assign, .close, .note, .escalate, .customAction, .resolve].contains(self) }
    /// Whether it acts on the selected (or marked) alerts.
    public var needsAlert: Bool { (isWrite && self != .resolve) || self == .mark || self == .openDetail }
    /// Whether it acts on the selected incident when the incidents pane has the focus.
    public var actsOnIncidents: Bool { [.close, .note, .resolve, .openDetail].contains(self) }
    /// Whether it asks before it acts, even on one alert: what cannot be taken back (close,
    /// resolve), pages people (escalate) or runs what the account defines (a custom action).
    /// Help says so and the action path asks, whichever key it is bound to.
    public var asksFirst: Bool { [.close, .escalate, .customAction, .resolve].contains(self) }
    /// Where a movement (j/k, PgDn/PgUp, g/G) takes `position` in a list whose positions run
    /// to `last`, with `page` lines in view; any other command leaves it.
    public func moving(_ position: Int, page: Int, last: Int) -> Int {
        let step = max(1, page - 1)
        let moved = switch self {
        case .moveDown: position + 1
        case .moveUp: position - 1
        case .pageDown: position + step
        case .pageUp: position - step
        case .top: 0
        case .bottom: last
        default: position
        }
        return max(0, min(moved, last))
    }

    /// Whether it works in the wall view, which is for looking at: leaving it, quitting, help.
    public var worksOnWall: Bool { [.wall, .quit, .help].contains(self) }
}

/// One row of the keymap: the key, what it does, how it is described, and whether it asks first.
public struct KeyBinding: Sendable, Hashable {
    public var key: Key
    public var command: Command
    public var description: String
    /// Shown on the hint line.
    public var hinted: Bool
    /// Creates a binding.
    public init(_ key: Key, _ command: Command, _ description: String, hinted: Bool = false) {
        self.key = key; self.command = command; self.description = description; self.hinted = hinted
    }
}

/// The keymap as data: help (`?`) and the hint line are generated from it, config overrides it.
public struct Keymap: Sendable, Hashable {
    public var bindings: [KeyBinding]

    /// Creates a keymap.
    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    /// The defaults.
    public static let standard = Keymap(bindings: [
        KeyBinding(.character("j"), .moveDown, "move down"),
        KeyBinding(.down, .moveDown, "move down"),
        KeyBinding(.character("k"), .moveUp, "move up"),
        KeyBinding(.up, .moveUp, "move up"),
        KeyBinding(.pageDown, .pageDown, "page down"),
        KeyBinding(.pageUp, .pageUp, "page up"),
        KeyBinding(.character("g"), .top, "first alert"),
        KeyBinding(.character("G"), .bottom, "last alert"),
        KeyBinding(.tab, .nextPane, "next pane"),
        KeyBinding(.backTab, .previousPane, "previous pane"),
        KeyBinding(.enter, .openDetail, "open detail"),
        KeyBinding(.character("a"), .acknowledge, "acknowledge", hinted: true),
        KeyBinding(.character("u"), .unacknowledge, "unacknowledge"),
        KeyBinding(.character("s"), .snooze, "snooze", hinted: true),
        KeyBinding(.character("o"), .assign, "assign owner", hinted: true),
        KeyBinding(.character("c"), .close, "close", hinted: true),
        KeyBinding(.character("n"), .note, "add note", hinted: true),
        KeyBinding(.character("e"), .escalate, "escalate"),
        KeyBinding(.character("x"), .customAction, "custom action"),
        KeyBinding(.character("R"), .resolve, "resolve incident"),
        KeyBinding(.character(" "), .mark, "mark / unmark", hinted: true),
        KeyBinding(.character("/"), .filter, "filter (alert query)", hinted: true),
        KeyBinding(.character("r"), .refresh, "refresh now"),
        KeyBinding(.character("t"), .nextTheme, "next theme"),
        KeyBinding(.character("?"), .help, "help", hinted: true),
        KeyBinding(.character("q"), .quit, "quit", hinted: true),
        KeyBinding(.control("l"), .redraw, "redraw the screen"),
        KeyBinding(.character("W"), .wall, "wall view (across the room)"),
        KeyBinding(.character("m"), .messages, "messages, each whole"),
        KeyBinding(.character("F"), .forgotten, "acked long ago, still open"),
        KeyBinding(.character("H"), .shiftReport, "shift so far (12h report)"),
    ] + (1...QuickFilter.keyCount).map { n in
        KeyBinding(.character(Character(String(n))), .quickFilter(n), "quick filter \(n)")
    })

    /// The binding for a key.
    public func binding(for key: Key) -> KeyBinding? { bindings.first { $0.key == key } }

    /// Rebinds `command` to `key`, as a config override does: `key` replaces the command's
    /// first character key (so `acknowledge = "A"` frees `a`), its other keys (arrows, PgDn, …)
    /// stay, and whatever `key` did before it no longer does.
    public mutating func rebind(_ command: Command, to key: Key) {
        let template = bindings.first { $0.command == command } ?? KeyBinding(key, command, command.rawValue)
        bindings.removeAll { $0.key == key && $0.command != command }
        if bindings.contains(where: { $0.key == key && $0.command == command }) { return }
        var binding = template
        binding.key = key
        if let primary = bindings.firstIndex(where: { binding in
            guard binding.command == command else { return false }
            if case .character = binding.key { return true }
            return false
        }) {
            binding.hinted = bindings[primary].hinted
            bindings[primary] = binding
        } else {
            bindings.append(binding)
        }
    }

    /// Keys bound to `command`, for help.
    public func keys(for command: Command) -> [Key] { bindings.filter { $0.command == command }.map(\.key) }
}

import CNCurses
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why the dashboard cannot start in this terminal, with what to do instead.
public struct TerminalUnusable: Error, CustomStringConvertible {
    /// What is wrong and what to do.
    public var description: String
}

/// What the terminal can do, checked before curses starts, so that a pipe, a cron job or an
/// unknown `TERM` gets a clear message and a non-zero exit instead of a broken screen.
public enum TerminalPreflight {
    /// Terminal types known to work.
    public static let knownGood = "xterm-256color, screen-256color, tmux-256color or linux"

    /// Checks standard input and output and `TERM`; returns whether the locale carries UTF-8
    /// (when it does not, the dashboard draws in plain ASCII).
    public static func check(environment: [String: String] = ProcessInfo.processInfo.environment) throws(TerminalUnusable) -> Bool {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalUnusable(description: "vigil needs a terminal: standard input and output must be a tty (not a pipe, a file or cron). "
                                   + "To print one frame as text, use `vigil snapshot`.")
        }
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty else {
            throw TerminalUnusable(description: "TERM is not set: set it to the terminal's type, e.g. TERM=\(knownGood.components(separatedBy: ",")[0])")
        }
        switch vigil_terminal_support(term) {
        case 0: break
        case 2:
            throw TerminalUnusable(description: "terminal type '\(term)' cannot move the cursor, so a full-screen dashboard cannot run in it: "
                                   + "use a terminal such as \(knownGood), or `vigil snapshot` for plain text")
        default:
            throw TerminalUnusable(description: "terminal type '\(term)' is not in this system's terminfo database: "
                                   + "set TERM to one that is (\(knownGood)), or install its terminfo entry (Debian: ncurses-term)")
        }
        vigil_setlocale()
        return vigil_locale_is_utf8() != 0
    }
}

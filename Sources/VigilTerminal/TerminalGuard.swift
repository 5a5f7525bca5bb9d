import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Restores the terminal on the way out, even after a crash signal: the saved modes, the
/// signal handlers that end the loop, and curses' SIGWINCH handler chained to a wake-up.
public enum TerminalGuard {
    /// Set by SIGINT, SIGTERM and SIGHUP; the loop sees it at its next wake-up and restores the terminal.
    public static let stopRequested = Atomic<Int32>(0)
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var haveSaved = false
    /// The waiter's pipe: a signal delivered to any thread ends the loop's wait through it.
    nonisolated(unsafe) static var wakeDescriptor: Int32 = -1
    /// Curses' own SIGWINCH handler, run before ours (kept outside Swift's globals: the C
    /// library writes it).
    nonisolated(unsafe) static let cursesWindowChange: UnsafeMutablePointer<sigaction> = {
        let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: 1)
        pointer.initialize(to: sigaction())
        return pointer
    }()

    public static func install(wake: Int32) {
        wakeDescriptor = wake
        if tcgetattr(STDIN_FILENO, &saved) == 0 { haveSaved = true }
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { _ in
                TerminalGuard.stopRequested.store(1, ordering: .relaxed)
                TerminalGuard.wakeLoop()
            }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig) { sig in
                TerminalGuard.emergencyRestore()
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }

    /// Async-signal-safe: one byte into the waiter's pipe.
    public static func wakeLoop() {
        var byte: UInt8 = 1
        if wakeDescriptor >= 0 { _ = write(wakeDescriptor, &byte, 1) }
    }

    /// Runs curses' SIGWINCH handler, then wakes the loop so a resize is drawn at once (the
    /// loop may otherwise sleep until the next minute).
    public static func chainWindowChange() {
        var ours = sigaction()
        ours.__sigaction_handler.sa_handler = { sig in
            if let handler = TerminalGuard.cursesWindowChange.pointee.__sigaction_handler.sa_handler,
               unsafeBitCast(handler, to: Int.self) > 1 {  // not SIG_DFL (0) or SIG_IGN (1)
                handler(sig)
            }
            TerminalGuard.wakeLoop()
        }
        sigemptyset(&ours.sa_mask)
        ours.sa_flags = SA_RESTART
        sigaction(SIGWINCH, &ours, cursesWindowChange)
    }

    /// Async-signal-safe: put the saved termios back and leave the alternate screen.
    public static func emergencyRestore() {
        if haveSaved { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        let reset = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n"
        reset.withCString { _ = write(STDOUT_FILENO, $0, strlen($0)) }
    }

    public static func restored() {
        if haveSaved { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
    }
}

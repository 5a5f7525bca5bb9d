import Synchronization
import VigilRuntime
import VigilTerminal

/// The terminal as the loop's key source: one `poll(2)` on standard input and the wake pipe
/// (``TerminalWaiter``), then every key already waiting (``Terminal/readPendingKeys()``).
///
/// It lives here, where both rooms are seen: the terminal room does not import the runtime,
/// and the runtime does not touch the terminal. (Spelled out: here `KeySource` alone is where
/// the API key comes from.)
final class TerminalKeySource: KeySource {
    let terminal: Terminal
    let waiter: TerminalWaiter

    init(terminal: Terminal, waiter: TerminalWaiter) {
        self.terminal = terminal
        self.waiter = waiter
    }

    func wait(milliseconds: Int32) -> KeyWake {
        // A signal sets the flag, then writes to the wake pipe: one seen before the wait, or
        // the byte it left ending the wait at once.
        if Self.stopRequested { return KeyWake(stopRequested: true) }
        let wakeup = waiter.wait(milliseconds: milliseconds)
        if Self.stopRequested { return KeyWake(stopRequested: true) }
        // Keys, and a resize: ncurses reports it as a key after SIGWINCH, which may have been
        // handled on another thread without interrupting this wait, so ask on every wake-up.
        let reads = terminal.readPendingKeys().compactMap { read -> KeyRead? in
            switch read {
            case .key(let key): .key(key)
            case .resize: .resize
            case .none: nil
            }
        }
        return KeyWake(reads: reads, inputReady: wakeup.input, hungUp: wakeup.hangup)
    }

    private static var stopRequested: Bool { TerminalGuard.stopRequested.load(ordering: .relaxed) != 0 }
}

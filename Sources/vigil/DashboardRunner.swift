import Foundation
import Logging
import OpsgenieKit
import Synchronization
import VigilCore
import VigilRuntime
import VigilTerminal
#if canImport(Glibc)
import Glibc
#endif


/// Runs the dashboard in the terminal: one thread owns the engine (and so the state) and the
/// terminal; network work runs as tasks and comes back through the engine's inbox.
final class DashboardRunner: @unchecked Sendable {
    let engine: DashboardEngine
    let themes: [Theme]
    let noColor: Bool
    let logger: Logger
    let clock: @Sendable () -> Date
    /// Sleeps until a key, a result from the engine, or the next thing due.
    let waiter = TerminalWaiter()
    /// Runs `on_new_alert` for each announced alert (`nil` when none is configured).
    let alertCommand: AlertCommand?
    /// In the wall view the whole screen is repainted this often, clearing whatever else
    /// wrote on the terminal (a wall has nobody to press Ctrl-L).
    let wallRepaint: Duration

    init(backend: any OperationsBackend, settings: DashboardSettings, themes: [Theme], noColor: Bool,
         logger: Logger, journal: ActionJournal?, notices: [String] = [], alertCommand: AlertCommand.Configuration? = nil,
         wallRepaint: Duration = .seconds(300), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.wallRepaint = wallRepaint
        self.themes = themes
        self.noColor = noColor
        self.logger = logger
        self.clock = clock
        // The settings come whole from `DisplayOptions.settings(host:config:themes:backend:journaling:)`.
        let state = DashboardState(settings: settings, now: clock(), width: 80, height: 24)
        let waiter = self.waiter
        engine = DashboardEngine(backend: backend, state: state, context: ActionContext(user: settings.actor, source: "vigil", note: nil),
                                 clock: clock, logger: logger, journal: journal, wake: { waiter.wake() })
        for notice in notices { engine.send(.notice(notice, .warning)) }
        let inbox = engine.inbox
        self.alertCommand = alertCommand.map { configuration in
            AlertCommand(configuration: configuration, logger: logger) { text, level in inbox.push(.notice(text, level)) }
        }
    }

    /// Runs until quit or a stop signal, on a dedicated thread so blocking reads never starve tasks.
    func run() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread { [self] in
                // The kernel's name for the thread, for `top -H` and `ps -L` (at most 15 bytes).
                try? "vigil-terminal".write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
                self.loop()
                continuation.resume()
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    private func loop() {
        let terminal = Terminal()
        TerminalGuard.install(wake: waiter.signalWakeDescriptor)
        terminal.start(noColor: noColor)
        // After curses installed its SIGWINCH handler: ours runs it, then ends the wait.
        TerminalGuard.chainWindowChange()
        defer { logger.info("terminal: \(terminal.outputSummary)"); terminal.stop(); TerminalGuard.restored() }
        /// Carries out the effects for the terminal; `true` when one of them is `.quit`.
        func carryOut(_ effects: [DashboardEffect]) -> Bool {
            var quit = false
            for effect in effects {
                switch effect {
                case .bell: terminal.bell()
                case .announce(let alert): alertCommand?.enqueue(alert)
                case .redraw: terminal.invalidate()
                case .applyTheme(let name): applyTheme(name, terminal)
                case .quit: quit = true
                default: break
                }
            }
            return quit
        }
        defer { engine.flushJournal() }
        let size = terminal.size
        engine.send(.resize(width: size.width, height: size.height))
        engine.start()
        if carryOut(engine.takeTerminalEffects()) { return }
        terminal.draw(engine.state.render())
        // What the screen shows; `FramePolicy` decides each wake-up's frame from it.
        var shown = FramePolicy.Shown(engine.state, at: clock())
        var emptyReads = 0
        var repaintAt = ContinuousClock.now + wallRepaint
        while true {
            if TerminalGuard.stopRequested.load(ordering: .relaxed) != 0 { logger.info("stop signal"); break }
            let repaintIn = engine.state.wallWatch.showing ? Double(Self.milliseconds(until: repaintAt)) / 1000 : nil
            let wait = FramePolicy.waitMilliseconds(now: clock(), nextDue: engine.state.nextDue, redrawAt: shown.redrawAt,
                                                    seconds: engine.state.settings.clockSeconds, repaintIn: repaintIn)
            let wakeup = waiter.wait(milliseconds: wait)
            // Keys, and a resize: ncurses reports it as a key after SIGWINCH, which may have been
            // handled on another thread without interrupting this wait, so ask on every wake-up.
            let reads = terminal.readPendingKeys()
            // A vanished terminal: hung up, or "readable" with nothing to read, again and again.
            emptyReads = wakeup.input && reads.isEmpty ? emptyReads + 1 : 0
            if wakeup.hangup || emptyReads > 50 {
                logger.warning("terminal went away; exiting")
                return
            }
            // The clock first: a key's action is stamped (and a snooze counted) from now, not from
            // the last wake-up, which may be a minute ago.
            engine.tick()
            var keyed = apply(reads, terminal)
            engine.drain()
            if carryOut(engine.takeTerminalEffects()) { break }
            if ContinuousClock.now >= repaintAt {
                repaintAt = ContinuousClock.now + wallRepaint
                if engine.state.wallWatch.showing {
                    terminal.invalidate()
                    keyed = true
                }
            }
            let (frame, next) = FramePolicy.decide(engine.state, shown: shown, now: clock(), keyed: keyed)
            switch frame {
            case .full: terminal.draw(engine.state.render())
            case .statusRow: terminal.drawRow(0, with: engine.state.renderStatusRow())
            case .nothing: break
            }
            shown = next
        }
    }

    /// Milliseconds from now until `instant`, at least 1.
    static func milliseconds(until instant: ContinuousClock.Instant) -> Int32 {
        let left = ContinuousClock.now.duration(to: instant)
        return Int32(max(1, min(60_000, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)))
    }

    /// Hands keys and resizes to the engine; `true` when there were any.
    private func apply(_ reads: [Terminal.KeyRead], _ terminal: Terminal) -> Bool {
        for read in reads {
            switch read {
            case .resize:
                let size = terminal.size
                engine.send(.resize(width: size.width, height: size.height))
                terminal.invalidate()
            case .key(let key):
                engine.send(.key(key))
            case .none:
                break
            }
        }
        return !reads.isEmpty
    }

    private func applyTheme(_ name: String, _ terminal: Terminal) {
        guard let theme = themes.first(where: { $0.name == name }) ?? themes.first else { return }
        terminal.apply(noColor ? ThemeLoader.monochrome : theme)
    }
}


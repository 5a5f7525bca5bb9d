import Foundation
import Logging
import OpsgenieKit
import VigilCore
import VigilRuntime
import VigilTerminal

/// Runs the dashboard in the terminal: builds the engine and hands it, with the terminal, to a
/// ``DashboardLoop`` on a thread of its own; network work runs as tasks and comes back
/// through the engine's inbox.
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

    /// Sets the terminal up, hands it with the engine to the loop, and restores the terminal
    /// however the loop ended.
    private func loop() {
        let terminal = Terminal()
        TerminalGuard.install(wake: waiter.signalWakeDescriptor)
        terminal.start(noColor: noColor)
        // After curses installed its SIGWINCH handler: ours runs it, then ends the wait.
        TerminalGuard.chainWindowChange()
        defer { logger.info("terminal: \(terminal.outputSummary)"); terminal.stop(); TerminalGuard.restored() }
        let loop = DashboardLoop(engine: engine, screen: TerminalScreen(terminal: terminal, themes: themes, noColor: noColor),
                                 keys: TerminalKeySource(terminal: terminal, waiter: waiter), clock: .steady(now: clock),
                                 wallRepaint: wallRepaint, alertCommand: alertCommand, logger: logger)
        loop.run()
    }
}

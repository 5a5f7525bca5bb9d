import Foundation
import Logging
import OperationsModel
import VigilCore

/// The dashboard's loop over a key source, a screen and a clock: it owns the engine (and so
/// the state), sleeps until a key, a result or the next thing due, applies what woke it,
/// carries out the terminal's effects and draws what ``FramePolicy`` decides.
///
/// One thread runs it. ``run()`` goes until the dashboard quits, a signal asks it to stop or
/// the terminal goes away; a test calls ``start()`` and then ``step()``, one wake-up at a
/// time, with a fake key source, screen and clock, and never sleeps.
public final class DashboardLoop {
    /// Why the loop ended.
    public enum End: Sendable, Equatable {
        /// The dashboard quit (`q`, answered if actions were pending).
        case quit
        /// A signal asked it to stop.
        case stopRequested
        /// The terminal hung up, or said it was ready with nothing to read again and again.
        case terminalGone
    }

    /// Empty reads from ready input in a row that are still a terminal; one more is one gone.
    public static let emptyReadLimit = 50

    /// The engine the loop owns.
    public let engine: DashboardEngine
    private let screen: any DashboardScreen
    private let keys: any KeySource
    private let clock: DashboardClock
    /// In the wall view the whole screen is repainted this often, clearing whatever else
    /// wrote on the terminal (a wall has nobody to press Ctrl-L).
    private let wallRepaint: Duration
    private let alertCommand: AlertCommand?
    private let logger: Logger

    /// What the screen shows; `nil` before ``start()``.
    private var shown: FramePolicy.Shown?
    private var emptyReads = 0
    /// When, on the clock's steady count, the wall is next repainted.
    private var repaintAt: Duration = .zero
    /// Why the loop ended; `nil` while it runs.
    public private(set) var end: End?

    /// A loop over `engine` (built with the same clock, not yet started) that reads `keys`,
    /// draws on `screen` and runs `on_new_alert` through `alertCommand`.
    public init(engine: DashboardEngine, screen: any DashboardScreen, keys: any KeySource, clock: DashboardClock = .steady(),
                wallRepaint: Duration = .seconds(300), alertCommand: AlertCommand? = nil,
                logger: Logger = Logger(label: "vigil.loop")) {
        self.engine = engine
        self.screen = screen
        self.keys = keys
        self.clock = clock
        self.wallRepaint = wallRepaint
        self.alertCommand = alertCommand
        self.logger = logger
    }

    /// Starts the dashboard, then wakes up until it ends; the journal is on disk when it returns.
    @discardableResult
    public func run() -> End {
        defer { engine.flushJournal() }
        if let end = start() { return end }
        while true {
            if let end = step() { return end }
        }
    }

    /// Sizes the dashboard to the screen, starts the engine (journaled actions, first polls)
    /// and draws the first frame. Returns the end if starting already ended it.
    @discardableResult
    public func start() -> End? {
        let size = screen.size
        engine.send(.resize(width: size.width, height: size.height))
        engine.start()
        repaintAt = clock.elapsed() + wallRepaint
        if carryOut(engine.takeTerminalEffects()) { return finish(.quit) }
        screen.draw(engine.state.render())
        shown = FramePolicy.Shown(engine.state, at: clock.now())
        return nil
    }

    /// One wake-up: waits as long as ``waitMilliseconds`` says, applies the clock, the keys and
    /// the results that came, carries out the terminal's effects and draws the frame
    /// ``FramePolicy`` decides. Returns why the loop ended (again, without waiting, once it
    /// has), or `nil` to go on; a first step before ``start()`` starts instead.
    public func step() -> End? {
        if let end { return end }
        guard let current = shown else { return start() }
        let wake = keys.wait(milliseconds: waitMilliseconds)
        if wake.stopRequested {
            logger.info("stop signal")
            return finish(.stopRequested)
        }
        emptyReads = wake.inputReady && wake.reads.isEmpty ? emptyReads + 1 : 0
        if wake.hungUp || emptyReads > Self.emptyReadLimit {
            logger.warning("terminal went away; exiting")
            return finish(.terminalGone)
        }
        // The clock first: a key's action is stamped (and a snooze counted) from now, not from
        // the last wake-up, which may be a minute ago.
        engine.tick()
        var keyed = apply(wake.reads)
        engine.drain()
        if carryOut(engine.takeTerminalEffects()) { return finish(.quit) }
        let elapsed = clock.elapsed()
        if elapsed >= repaintAt {
            repaintAt = elapsed + wallRepaint
            if engine.state.wallWatch.showing {
                screen.invalidate()
                keyed = true
            }
        }
        let (frame, next) = FramePolicy.decide(engine.state, shown: current, now: clock.now(), keyed: keyed)
        switch frame {
        case .full: screen.draw(engine.state.render())
        case .statusRow: screen.drawRow(0, with: engine.state.renderStatusRow())
        case .nothing: break
        }
        shown = next
        return nil
    }

    /// How long the next wake-up may sleep: ``FramePolicy/waitMilliseconds(now:nextDue:redrawAt:seconds:repaintIn:)``
    /// for the state, the frame on screen and, in the wall view, the repaint.
    public var waitMilliseconds: Int32 {
        let state = engine.state
        let repaintIn = state.wallWatch.showing ? (repaintAt - clock.elapsed()).timeInterval : nil
        return FramePolicy.waitMilliseconds(now: clock.now(), nextDue: state.nextDue, redrawAt: shown?.redrawAt,
                                            seconds: state.settings.clockSeconds, repaintIn: repaintIn)
    }

    private func finish(_ end: End) -> End {
        self.end = end
        return end
    }

    /// Hands keys and resizes to the engine; `true` when there were any.
    private func apply(_ reads: [KeyRead]) -> Bool {
        for read in reads {
            switch read {
            case .resize:
                let size = screen.size
                engine.send(.resize(width: size.width, height: size.height))
                screen.invalidate()
            case .key(let key):
                engine.send(.key(key))
            }
        }
        return !reads.isEmpty
    }

    /// Carries out the effects for the terminal, in order; `true` when one of them is `.quit`.
    private func carryOut(_ effects: [DashboardEffect]) -> Bool {
        var quit = false
        for effect in effects {
            switch effect {
            case .bell: screen.bell()
            case .announce(let alert): alertCommand?.enqueue(alert)
            case .redraw: screen.invalidate()
            case .applyTheme(let name): screen.applyTheme(named: name)
            case .quit: quit = true
            default: break
            }
        }
        return quit
    }
}

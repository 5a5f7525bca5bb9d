import Foundation
import Logging
import OperationsModel
import Synchronization
import Testing
import VigilCore
import VigilRuntime
import VigilTesting

/// The loop over a key source, a screen and a clock, one wake-up at a time: a scripted key
/// source, a screen that records what it is asked to paint, and a clock the test moves. The
/// engine runs against a stub backend; the only waiting is for its answers to come back.
@Suite("The dashboard loop")
struct DashboardLoopTests {
    // MARK: Frames

    @Test func aKeyDrawsExactlyOneFullFrame() async throws {
        let rig = try await Rig.started()
        rig.keys.script(.keys([.key(.character("j"))]))
        #expect(rig.loop.step() == nil)
        #expect(rig.screen.painted == [.frame(width: 80, height: 24)])
        #expect(rig.screen.frames.last == rig.engine.state.render(), "the frame is the state's")
    }

    @Test func aWakeUpThatChangedNothingDrawsNothing() async throws {
        let rig = try await Rig.started()
        rig.keys.script(.timeout, .timeout)
        #expect(rig.loop.step() == nil && rig.loop.step() == nil)
        #expect(rig.screen.painted.isEmpty)
    }

    @Test func aPollWhoseAnswerChangesNothingOnScreenDrawsNothing() async throws {
        let rig = try await Rig.started()
        let due = try #require(rig.engine.state.nextDue)
        rig.time.advance(by: due.timeIntervalSince(rig.time.now))
        #expect(rig.loop.step() == nil)
        #expect(rig.engine.workInFlight > 0 || rig.pushes.count.load(ordering: .acquiring) > 0, "the poll went out")
        try await rig.settle(keepingRecords: true)
        #expect(rig.screen.painted.isEmpty, "neither the poll going out nor the same answer again: \(rig.screen.painted)")
    }

    @Test func withSecondsOnTheLoopWakesForEachNewSecondAndDrawsItOnce() async throws {
        let rig = try await Rig.started { $0.clockSeconds = true }
        #expect(rig.loop.waitMilliseconds <= 1000, "until the next whole second")
        rig.time.advance(by: 1)
        #expect(rig.loop.step() == nil)
        // Only the clock moved: the status row is redrawn, not the frame.
        #expect(rig.screen.painted == [.row(0)])
        #expect(rig.screen.rows.last == rig.engine.state.renderStatusRow())
        rig.time.advance(by: 0.5)
        #expect(rig.loop.step() == nil)
        #expect(rig.screen.painted.count == 1, "once a second, not on every wake-up")
    }

    @Test func aResizeInvalidatesAndRedrawsAtTheNewSize() async throws {
        let rig = try await Rig.started()
        rig.screen.size = (width: 100, height: 30)
        rig.keys.script(.keys([.resize]))
        #expect(rig.loop.step() == nil)
        #expect(rig.screen.painted == [.invalidate, .frame(width: 100, height: 30)])
    }

    // MARK: Terminal effects

    @Test func theTerminalsEffectsAreCarriedOutOnTheScreen() async throws {
        let rig = try await Rig.started { $0.themeNames = ["default", "night"] }
        rig.keys.script(.keys([.key(.character("t"))]), .keys([.key(.control("l"))]))
        #expect(rig.loop.step() == nil)
        #expect(rig.screen.painted == [.theme("night"), .frame(width: 80, height: 24)], "the theme by name, then the frame in it")
        rig.screen.painted.removeAll()
        #expect(rig.loop.step() == nil)
        #expect(rig.screen.painted == [.invalidate, .frame(width: 80, height: 24)], "Ctrl-L repaints the whole screen")
    }

    // MARK: Ends

    @Test func qEndsTheLoopThroughTheQuitEffectAndNothingIsDrawnAfter() async throws {
        let rig = try await Rig.started()
        rig.keys.script(.keys([.key(.character("q"))]))
        #expect(rig.loop.step() == .quit)
        #expect(rig.screen.painted.isEmpty && rig.loop.end == .quit)
        let waits = rig.keys.waits.count
        #expect(rig.loop.step() == .quit && rig.keys.waits.count == waits, "an ended loop does not wait again")
    }

    @Test func withAnActionPendingQAsksFirstAndYEndsTheLoop() async throws {
        let incident = Incident(id: "i1", message: "database down", status: "open", createdAt: Date(timeIntervalSince1970: 1_794_999_000))
        let rig = try await Rig.started(size: (120, 40), incidents: [incident])
        // Resolve the incident and quit at once: the resolve is still pending when q comes.
        rig.keys.script(.keys([.key(.tab), .key(.character("R")), .key(.character("y")), .key(.character("q"))]))
        #expect(rig.loop.step() == nil, "q with an action pending asks")
        #expect(!rig.engine.state.pendingActions.isEmpty || rig.engine.state.prompt.overlay == .confirmQuitSettled, "\(rig.engine.state.messages.suffix(3))")
        #expect([.confirmQuit, .confirmQuitSettled].contains(rig.engine.state.prompt.overlay), "the question is on screen")
        #expect(rig.screen.painted == [.frame(width: 120, height: 40)])
        rig.keys.script(.keys([.key(.character("y"))]))
        #expect(rig.loop.step() == .quit)
        try await rig.engine.settle()
    }

    @Test func runGoesUntilQuitAndReturnsWhy() async throws {
        let rig = Rig()
        rig.keys.script(.keys([.key(.character("j"))]), .timeout, .keys([.key(.character("q"))]))
        #expect(rig.loop.run() == .quit)
        #expect(rig.keys.waits.count == 3 && rig.screen.painted.prefix(2) == [.theme("default"), .frame(width: 80, height: 24)],
                "the first frame, then a wake-up each")
        try await rig.engine.settle()
    }

    @Test(arguments: [(KeyWake(hungUp: true), DashboardLoop.End.terminalGone), (KeyWake(stopRequested: true), .stopRequested)])
    func aHangUpOrAStopSignalEndsTheLoop(wake: KeyWake, end: DashboardLoop.End) async throws {
        let rig = try await Rig.started()
        rig.keys.script(wake, .keys([.key(.character("j"))]))
        #expect(rig.loop.step() == end)
        #expect(rig.loop.step() == end && rig.keys.waits.count == 1, "ended for good")
        #expect(rig.screen.painted.isEmpty)
    }

    @Test func readyInputWithNothingToReadFiftyOneTimesInARowEndsTheLoop() async throws {
        let rig = try await Rig.started()
        let empty = KeyWake(inputReady: true)
        rig.keys.script(Array(repeating: empty, count: 50) + [.keys([.key(.character("j"))])] + Array(repeating: empty, count: 50))
        for _ in 0..<101 { #expect(rig.loop.step() == nil) }
        rig.keys.script(empty)
        #expect(rig.loop.step() == .terminalGone, "the 51st empty read in a row")
    }

    // MARK: Time

    @Test func theWaitIsTheFramePolicysForTheStateNeverAFixedTick() async throws {
        let rig = try await Rig.started()
        for advance in [0.0, 3.25] {
            rig.time.advance(by: advance)
            let state = rig.engine.state
            let expected = FramePolicy.waitMilliseconds(now: rig.time.now, nextDue: state.nextDue, redrawAt: state.nextVisibleChange,
                                                        seconds: false)
            #expect(rig.loop.step() == nil)
            #expect(rig.keys.waits.last == expected)
        }
        #expect(rig.keys.waits.count == 2 && rig.keys.waits[0] > 1000, "until the next poll: \(rig.keys.waits)")
        #expect(rig.keys.waits[0] - rig.keys.waits[1] == 3250, "the clock moved on 3.25 s, the wait shrank by as much")
    }

    @Test func theWallRepaintsWholeAfterItsIntervalOnTheInjectedClock() async throws {
        let rig = try await Rig.started(wallRepaint: .seconds(60))
        rig.keys.script(.keys([.key(.character("W"))]))
        #expect(rig.loop.step() == nil && rig.engine.state.wallWatch.showing)
        try await rig.settle()
        rig.time.advanceSteadily(by: .seconds(50))
        #expect(rig.loop.step() == nil)
        #expect(rig.keys.waits.last == FramePolicy.waitMilliseconds(now: rig.time.now, nextDue: rig.engine.state.nextDue,
                                                                    redrawAt: rig.engine.state.nextVisibleChange, seconds: false,
                                                                    repaintIn: 10),
                "the wall's wait ends at its repaint")
        #expect(rig.screen.painted.isEmpty, "not yet")
        rig.time.advanceSteadily(by: .seconds(10))
        #expect(rig.loop.step() == nil)
        #expect(rig.screen.painted == [.invalidate, .frame(width: 80, height: 24)])
        rig.screen.painted.removeAll()
        rig.time.advanceSteadily(by: .seconds(30))
        #expect(rig.loop.step() == nil)
        #expect(rig.screen.painted.isEmpty, "the next repaint is a whole interval later")
    }

    @Test func outsideTheWallTheIntervalRepaintsNothing() async throws {
        let rig = try await Rig.started(wallRepaint: .seconds(60))
        rig.time.advanceSteadily(by: .seconds(61))
        #expect(rig.loop.step() == nil)
        #expect(rig.screen.painted.isEmpty)
    }
}

// MARK: - The rig

/// A loop over a stub backend, a scripted key source, a recording screen and a test clock.
struct Rig {
    let time = LoopTestClock()
    let keys = ScriptedKeys()
    let screen = RecordingScreen()
    let pushes = PushCount()
    let engine: DashboardEngine
    let loop: DashboardLoop

    init(size: (width: Int, height: Int) = (80, 24), wallRepaint: Duration = .seconds(300), incidents: [Incident] = [],
         settings adjust: (inout DashboardSettings) -> Void = { _ in }) {
        screen.size = size
        var settings = DashboardSettings(host: "loop")
        adjust(&settings)
        let clock = time.clock
        engine = DashboardEngine(backend: IncidentStub("loop", incidents: incidents),
                                 state: DashboardState(settings: settings, now: clock.now(), width: 80, height: 24),
                                 context: ActionContext(), clock: clock.now,
                                 logger: Logger(label: "vigil.test") { _ in SwiftLogNoOpLogHandler() }, journal: nil,
                                 wake: { [pushes] in pushes.count.add(1, ordering: .releasing) })
        loop = DashboardLoop(engine: engine, screen: screen, keys: keys, clock: clock, wallRepaint: wallRepaint,
                             logger: Logger(label: "vigil.test") { _ in SwiftLogNoOpLogHandler() })
    }

    /// A loop that started, drew its first frame and applied the answers its first polls got;
    /// the screen's and key source's records start empty.
    static func started(size: (width: Int, height: Int) = (80, 24), wallRepaint: Duration = .seconds(300), incidents: [Incident] = [],
                        settings adjust: (inout DashboardSettings) -> Void = { _ in }) async throws -> Rig {
        let rig = Rig(size: size, wallRepaint: wallRepaint, incidents: incidents, settings: adjust)
        #expect(rig.loop.start() == nil)
        #expect(rig.screen.painted == [.theme("default"), .frame(width: size.width, height: size.height)], "the starting theme, then the first frame")
        try await rig.settle()
        return rig
    }

    /// Lets the loop apply every answer the backend owes it, one wake-up each (an answer may
    /// ask for more), until nothing is under way and nothing came since the last wake-up; then
    /// forgets what was painted and waited.
    func settle(keepingRecords: Bool = false) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            while engine.workInFlight > 0 {
                guard ContinuousClock.now < deadline else { throw CancellationError() }
                try await Task.sleep(for: .milliseconds(2))
            }
            let answers = pushes.count.load(ordering: .acquiring)
            #expect(loop.step() == nil)
            if engine.workInFlight == 0 && pushes.count.load(ordering: .acquiring) == answers { break }
        }
        guard !keepingRecords else { return }
        screen.painted.removeAll()
        keys.waits.removeAll()
    }
}

/// Counts the engine's wake-up calls: one for each batch of answers pushed to its inbox.
final class PushCount: Sendable {
    let count = Atomic<Int>(0)
}

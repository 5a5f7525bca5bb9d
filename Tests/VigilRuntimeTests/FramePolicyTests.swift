import Foundation
import OperationsModel
import Testing
import VigilCore
import VigilRuntime
import VigilTesting

/// The loop's frame decision: a whole frame, the status row, or nothing; and how long to sleep.
@Suite("The frame decision")
struct FramePolicyTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    static func state(clockSeconds: Bool = false) -> DashboardState {
        var settings = DashboardSettings(host: "h")
        settings.clockSeconds = clockSeconds
        var state = DashboardState(settings: settings, now: start, width: 120, height: 40)
        _ = state.update(.tick(start))
        let alerts = (1...3).map { Alert(id: "a\($0)", tinyId: "\($0)", message: "m\($0)", status: .open, acknowledged: false,
                                         createdAt: start.addingTimeInterval(-60), priority: .p2) }
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: alerts, nextOffset: nil, pagesFetched: 1))))
        return state
    }

    @Test func aKeyDrawsTheWholeFrame() {
        let state = Self.state()
        let (frame, _) = FramePolicy.decide(state, shown: FramePolicy.Shown(state, at: Self.start), now: Self.start, keyed: true)
        #expect(frame == .full)
    }

    @Test func anAnswerThatChangesNothingOnScreenDrawsNothingAndOneThatDoesDrawsTheFrame() {
        var state = Self.state()
        let shown = FramePolicy.Shown(state, at: Self.start)
        #expect(FramePolicy.decide(state, shown: shown, now: Self.start.addingTimeInterval(0.2), keyed: false).0 == .nothing)
        _ = state.update(.key(.character("j")))
        #expect(FramePolicy.decide(state, shown: shown, now: Self.start.addingTimeInterval(0.2), keyed: false).0 == .full,
                "the selection moved: the frame changed")
    }

    @Test func timeReachingTheNextVisibleChangeDrawsTheFrame() {
        let state = Self.state()
        let shown = FramePolicy.Shown(state, at: Self.start)
        #expect(FramePolicy.decide(state, shown: shown, now: shown.redrawAt, keyed: false).0 == .full)
    }

    @Test func withSecondsOnANewSecondRedrawsOnlyTheStatusRow() {
        let state = Self.state(clockSeconds: true)
        var shown = FramePolicy.Shown(state, at: Self.start)
        shown.redrawAt = Self.start.addingTimeInterval(3600)  // nothing else due
        let (frame, next) = FramePolicy.decide(state, shown: shown, now: Self.start.addingTimeInterval(1.1), keyed: false)
        #expect(frame == .statusRow && next.second == shown.second + 1)
        var later = next
        later.redrawAt = Self.start.addingTimeInterval(3600)
        #expect(FramePolicy.decide(state, shown: later, now: Self.start.addingTimeInterval(1.5), keyed: false).0 == .nothing, "once a second")
    }

    @Test func theSleepEndsAtTheFirstThingDueAndNeverPastAMinute() {
        let now = Self.start.addingTimeInterval(0.25)
        #expect(FramePolicy.waitMilliseconds(now: now, nextDue: now.addingTimeInterval(2), redrawAt: now.addingTimeInterval(5), seconds: false) == 2000)
        #expect(FramePolicy.waitMilliseconds(now: now, nextDue: nil, redrawAt: now.addingTimeInterval(3), seconds: false) == 3000)
        #expect(FramePolicy.waitMilliseconds(now: now, nextDue: nil, redrawAt: nil, seconds: true) == 750, "the next whole second")
        #expect(FramePolicy.waitMilliseconds(now: now, nextDue: nil, redrawAt: nil, seconds: false) == 60_000)
        #expect(FramePolicy.waitMilliseconds(now: now, nextDue: now.addingTimeInterval(-5), redrawAt: nil, seconds: false) == 1, "overdue: at once")
        #expect(FramePolicy.waitMilliseconds(now: now, nextDue: nil, redrawAt: nil, seconds: false, repaintIn: 10) == 10_000, "the wall's repaint")
    }
}

/// The loop learns what to do to the terminal from values the engine hands back, `.quit` included.
@Suite struct TerminalEffectTests {
    @Test func theBellThemeRedrawAndQuitComeBackAsValuesInOrder() async throws {
        try await LiveDashboard.run { _, engine in
            try await engine.pump("the first poll") { $0.alertPane.list.total > 0 }
            _ = engine.takeTerminalEffects()
            engine.send(.key(.character("t")))
            engine.send(.key(.control("l")))
            engine.send(.key(.character("q")))
            let effects = engine.takeTerminalEffects()
            #expect(effects.count == 3, "\(effects)")
            guard effects.count == 3, case .applyTheme = effects[0] else { Issue.record("\(effects)"); return }
            #expect(effects[1] == .redraw && effects[2] == .quit)
            #expect(engine.takeTerminalEffects().isEmpty, "taken once")
        }
    }
}

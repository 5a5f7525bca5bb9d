import Foundation
import Synchronization
import VigilCore
import VigilRuntime

/// The time of day and the steady count for a ``DashboardLoop``, moved by the test.
public final class LoopTestClock: Sendable {
    private let time: Mutex<(now: Date, elapsed: Duration)>

    /// A clock at `start`, its steady count at zero.
    public init(start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { time = Mutex((start, .zero)) }

    /// The time of day.
    public var now: Date { time.withLock { $0.now } }

    /// The clock for the loop (and its `now` for the engine).
    public var clock: DashboardClock {
        DashboardClock(now: { self.time.withLock { $0.now } }, elapsed: { self.time.withLock { $0.elapsed } })
    }

    /// Moves both the time of day and the steady count on.
    public func advance(by seconds: TimeInterval) {
        time.withLock {
            $0.now = $0.now.addingTimeInterval(seconds)
            $0.elapsed += .milliseconds(Int64((seconds * 1000).rounded()))
        }
    }

    /// Moves only the steady count on (the loop's own timers), not the time of day.
    public func advanceSteadily(by duration: Duration) { time.withLock { $0.elapsed += duration } }
}

/// A key source that hands out scripted wake-ups (a timeout once the script has run out)
/// and remembers each wait it was asked for. It never sleeps.
public final class ScriptedKeys: KeySource {
    private var script: [KeyWake] = []
    /// Every wait asked for, in milliseconds, in order.
    public var waits: [Int32] = []

    public init() {}

    /// Adds wake-ups to the end of the script.
    public func script(_ wakes: KeyWake...) { script += wakes }
    /// Adds wake-ups to the end of the script.
    public func script(_ wakes: [KeyWake]) { script += wakes }

    public func wait(milliseconds: Int32) -> KeyWake {
        waits.append(milliseconds)
        return script.isEmpty ? .timeout : script.removeFirst()
    }
}

/// A screen that remembers what it was asked to paint and do, in order.
public final class RecordingScreen: DashboardScreen {
    /// One thing the screen was asked to do.
    public enum Painted: Sendable, Equatable {
        case frame(width: Int, height: Int)
        case row(Int)
        case invalidate, bell
        case theme(String)
    }

    public var size: (width: Int, height: Int)
    /// Everything asked of the screen, in order.
    public var painted: [Painted] = []
    /// The whole frames painted.
    public var frames: [Canvas] = []
    /// The rows painted alone.
    public var rows: [Canvas] = []

    public init(width: Int = 80, height: Int = 24) { size = (width, height) }

    public func draw(_ frame: Canvas) {
        frames.append(frame)
        painted.append(.frame(width: frame.width, height: frame.height))
    }

    public func drawRow(_ y: Int, with row: Canvas) {
        rows.append(row)
        painted.append(.row(y))
    }

    public func invalidate() { painted.append(.invalidate) }
    public func bell() { painted.append(.bell) }
    public func applyTheme(named name: String) { painted.append(.theme(name)) }
}

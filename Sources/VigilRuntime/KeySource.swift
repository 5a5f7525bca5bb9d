import VigilCore

/// Where the dashboard's keys come from: the terminal in the program, a script in tests.
///
/// One call waits for anything that needs the loop — a key, a resize, the terminal hanging
/// up, a stop signal, or a result another thread woke the loop for — or for `milliseconds`,
/// whichever comes first, and hands back what it read. It never waits longer: the loop's
/// next due time is in that figure, so an idle dashboard sleeps without a fixed tick.
public protocol KeySource: AnyObject {
    /// Waits up to `milliseconds` for input or a wake-up; returns what was read.
    func wait(milliseconds: Int32) -> KeyWake
}

/// One read from a key source.
public enum KeyRead: Sendable, Equatable {
    /// A key the user pressed.
    case key(Key)
    /// The screen changed size; ``DashboardScreen/size`` says how.
    case resize
}

/// What ended one wait of a ``KeySource``, and what it read.
public struct KeyWake: Sendable, Equatable {
    /// Keys and resizes, oldest first.
    public var reads: [KeyRead]
    /// The input said it was ready. Ready with nothing to read, again and again, is a
    /// terminal that went away without hanging up.
    public var inputReady: Bool
    /// The input hung up or failed: the terminal is gone.
    public var hungUp: Bool
    /// A signal (interrupt, terminate, hang-up) asked the dashboard to stop.
    public var stopRequested: Bool

    public init(reads: [KeyRead] = [], inputReady: Bool = false, hungUp: Bool = false, stopRequested: Bool = false) {
        self.reads = reads
        self.inputReady = inputReady
        self.hungUp = hungUp
        self.stopRequested = stopRequested
    }

    /// A wait that read `reads` from ready input.
    public static func keys(_ reads: [KeyRead]) -> KeyWake { KeyWake(reads: reads, inputReady: true) }
    /// A wait that ended with nothing read: its time ran out, or a result woke the loop.
    public static let timeout = KeyWake()
}

import Foundation
import Logging
import OperationsModel
import Synchronization
import VigilCore

/// Joins the dashboard state to a backend: applies events, runs the I/O effects `update`
/// returns as tasks whose results come back through the inbox, hands the terminal's effects
/// (bell, theme, quit) to the runner, and writes the journal off the owning thread.
///
/// One thread owns an engine (the terminal loop, a test, the soak run); nothing else touches
/// the state. The terminal is not its business: the runner draws `state.render()`.
public final class DashboardEngine {
    /// The dashboard as it is now.
    public private(set) var state: DashboardState
    let backend: any OperationsBackend
    let context: ActionContext
    let clock: @Sendable () -> Date
    let logger: Logger
    let journal: ActionJournal?
    private let journalWriter: JournalWriter?
    /// Where results from tasks wait for the owning thread.
    public let inbox: EventInbox
    let tasksRunning = TaskCounter()
    /// The effects for the terminal and the loop (`.bell`, `.applyTheme`, `.redraw`, `.quit`,
    /// `.announce`) since they were last taken: values the loop carries out, not callbacks.
    private var terminalEffects: [DashboardEffect] = []
    /// How long to wait for the outcome of an accepted write before treating it as unknown.
    public var confirmTimeout: Duration = .seconds(60)

    /// An engine over `backend`, with time from `clock` and actions journaled in `journal`;
    /// `wake` is called whenever a result arrives in the inbox.
    public init(backend: any OperationsBackend, state: DashboardState, context: ActionContext,
                clock: @escaping @Sendable () -> Date, logger: Logger, journal: ActionJournal?,
                wake: @escaping @Sendable () -> Void = {}) {
        precondition(journal == nil || state.settings.journaling, "a journal needs settings.journaling, or update never asks to write it")
        self.backend = backend
        self.state = state
        self.context = context
        self.clock = clock
        self.logger = logger
        self.journal = journal
        let inbox = EventInbox(wake: wake)
        self.inbox = inbox
        journalWriter = journal.map { journal in
            JournalWriter(journal: journal) { error in
                logger.error("journal not written: \(error)")
                inbox.push(.notice("action journal not written (\(error)); pending actions will not survive a restart", .error))
            }
        }
    }

    /// Resumes journaled actions and starts the first polls.
    public func start() {
        if let journal {
            let restored = journal.load()
            for notice in restored.notices { send(.notice(notice, .warning)) }
            if !restored.actions.isEmpty {
                logger.info("resuming \(counted(restored.actions.count, "journaled action"))")
                send(.journalRestored(restored.actions))
            }
        }
        send(.tick(clock()))
        send(.started)
    }

    /// Applies one event and starts the work it asks for.
    public func send(_ event: DashboardEvent) {
        carryOut(state.update(event))
    }

    /// Moves the clock on: due polls, queued actions.
    public func tick() { send(.tick(clock())) }

    /// Applies every result that arrived since the last call; `true` when there was one.
    @discardableResult
    public func drain() -> Bool {
        let events = inbox.drain()
        for event in events { send(event) }
        return !events.isEmpty
    }

    /// The effects for the terminal and the loop since the last call, in order.
    public func takeTerminalEffects() -> [DashboardEffect] {
        defer { terminalEffects.removeAll() }
        return terminalEffects
    }

    /// Requests and tasks under way (polls, actions, confirmations).
    public var workInFlight: Int { tasksRunning.count.load(ordering: .relaxed) }

    /// Waits until every journal write asked for so far is on disk.
    public func flushJournal() { journalWriter?.flush() }

    /// Starts a task whose end is counted, so tests and `snapshot` can wait for quiet.
    func spawn(_ body: @escaping @Sendable () async -> Void) {
        let counter = tasksRunning
        counter.count.add(1, ordering: .relaxed)
        Task {
            await body()
            counter.count.subtract(1, ordering: .relaxed)
        }
    }

    /// Hands terminal effects to the loop and starts the I/O ones.
    private func carryOut(_ effects: [DashboardEffect]) {
        // The journal first: its write is queued before the request it protects is sent.
        for case .persistActions(let open) in effects { journalWriter?.write(open) }
        for effect in effects {
            switch effect {
            case .persistActions: break
            case .bell, .applyTheme, .redraw, .quit, .announce: terminalEffects.append(effect)
            default: startIO(effect)
            }
        }
    }
}

/// Counts tasks under way.
final class TaskCounter: Sendable {
    let count = Atomic<Int>(0)
}

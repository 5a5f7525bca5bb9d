import Foundation
import Logging
import OpsgenieKit
import Synchronization

/// Results that arrive off the owning thread (network answers), waiting to be applied.
public final class EventInbox: Sendable {
    private let events = Mutex<[DashboardEvent]>([])
    /// Creates an empty inbox.
    public init() {}
    /// Adds an event; any thread.
    public func push(_ event: DashboardEvent) { events.withLock { $0.append(event) } }
    /// Takes every waiting event, oldest first.
    public func drain() -> [DashboardEvent] { events.withLock { e in defer { e = [] }; return e } }
}

/// Counts tasks under way.
final class TaskCounter: Sendable {
    let count = Atomic<Int>(0)
}

/// Joins the dashboard state to a backend: applies events, runs their effects as tasks whose
/// results come back through the inbox, and keeps the action journal in step with the state.
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
    let inbox = EventInbox()
    let tasksRunning = TaskCounter()
    private var journaled: [ActionRecord] = []
    /// Called for a `.bell` effect.
    public var onBell: () -> Void = {}
    /// How long to wait for the outcome of an accepted write before treating it as unknown.
    public var confirmTimeout: Duration = .seconds(60)

    /// An engine over `backend`, with time from `clock` and actions journaled in `journal`.
    public init(backend: any OperationsBackend, state: DashboardState, context: ActionContext,
                clock: @escaping @Sendable () -> Date, logger: Logger, journal: ActionJournal?) {
        self.backend = backend
        self.state = state
        self.context = context
        self.clock = clock
        self.logger = logger
        self.journal = journal
    }

    /// Resumes journaled actions and starts the first polls.
    public func start() {
        if let journal {
            let restored = journal.load()
            for notice in restored.notices { send(.notice(notice, .warning)) }
            if !restored.actions.isEmpty {
                logger.info("resuming \(restored.actions.count) journaled action(s)")
                send(.journalRestored(restored.actions))
            }
        }
        send(.tick(clock()))
        run([.loadSavedSearches])
    }

    /// Applies one event and starts the I/O it asks for.
    public func send(_ event: DashboardEvent) {
        let effects = state.update(event)
        run(effects)
        persistActions()
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

    /// Requests and tasks under way (polls, actions, confirmations).
    public var workInFlight: Int { tasksRunning.count.load(ordering: .relaxed) }

    /// Writes the open actions whenever they change, so a crash loses none of them.
    private func persistActions() {
        guard let journal else { return }
        let open = state.pendingActions
        guard open != journaled else { return }
        do {
            try journal.save(open)
            journaled = open
        } catch {
            journaled = open
            logger.error("journal not written: \(error)")
            send(.notice("action journal not written (\(error)); pending actions will not survive a restart", .error))
        }
    }

    private func spawn(_ body: @escaping @Sendable () async -> Void) {
        let counter = tasksRunning
        counter.count.add(1, ordering: .relaxed)
        Task {
            await body()
            counter.count.subtract(1, ordering: .relaxed)
        }
    }

    private func run(_ effects: [DashboardEffect]) {
        for effect in effects { run(effect) }
    }

    private func run(_ effect: DashboardEffect) {
        let backend = self.backend
        let inbox = self.inbox
        let context = self.context
        let logger = self.logger
        let now = state.now
        let confirmTimeout = self.confirmTimeout
        @Sendable func reportRateLimit() {
            let worst = backend.rateLimits.worst
            inbox.push(.rateLimitChanged(domain: worst?.0, status: worst?.1))
        }
        switch effect {
        case .poll(.alerts, let query, let pages):
            spawn {
                var alertQuery = AlertQuery(query: query, limit: 100, sort: "createdAt", order: .desc)
                if query.hasPrefix("saved:") {
                    alertQuery.query = nil
                    alertQuery.searchIdentifier = String(query.dropFirst(6))
                    alertQuery.searchIdentifierType = "id"
                }
                let result = await attempt { () async throws(OpsgenieError) in try await backend.alerts(alertQuery, maxPages: pages) }
                if case .failure(let error) = result { logger.warning("alerts poll failed: \(error.description)") }
                reportRateLimit()
                inbox.push(.alertsLoaded(result, query: query))
            }
        case .poll(.heartbeats, _, _):
            spawn {
                let result = await attempt { () async throws(OpsgenieError) in try await backend.heartbeats() }
                if case .failure(let error) = result { logger.warning("heartbeats poll failed: \(error.description)") }
                reportRateLimit()
                inbox.push(.heartbeatsLoaded(result))
            }
        case .poll(.onCall, _, _):
            spawn {
                let result = await attempt { () async throws(OpsgenieError) in try await backend.onCall(at: now) }
                if case .failure(let error) = result { logger.warning("on-call poll failed: \(error.description)") }
                reportRateLimit()
                inbox.push(.onCallLoaded(result))
            }
        case .loadDetail(let id):
            spawn {
                async let alert = attempt { () async throws(OpsgenieError) in try await backend.alert(id: id) }
                async let notes = attempt { () async throws(OpsgenieError) in try await backend.notes(alertId: id, limit: 5) }
                async let logs = attempt { () async throws(OpsgenieError) in try await backend.logs(alertId: id, limit: 5) }
                let result: Result<AlertDetail, OpsgenieError>
                switch (await alert, await notes, await logs) {
                case (.success(let alert), .success(let notes), .success(let logs)):
                    result = .success(AlertDetail(alert: alert, notes: notes, logs: logs, error: nil, loadedAt: now))
                case (.failure(let error), _, _), (_, .failure(let error), _), (_, _, .failure(let error)):
                    result = .failure(error)
                }
                inbox.push(.detailLoaded(alertId: id, result))
            }
        case .loadUsers:
            spawn { if let users = try? await backend.users() { inbox.push(.usersLoaded(users)) } }
        case .loadEscalations:
            spawn { if let escalations = try? await backend.escalations() { inbox.push(.escalationsLoaded(escalations)) } }
        case .loadSavedSearches:
            spawn { if let searches = try? await backend.savedSearches() { inbox.push(.savedSearchesLoaded(searches)) } }
        case .perform(let id, let action, let alertId):
            logger.info("action \(id) \(action.verb) on \(alertId)")
            spawn {
                switch await attempt({ () async throws(OpsgenieError) in try await backend.perform(action, alertId: alertId, context: context) }) {
                case .success(let receipt):
                    inbox.push(.actionAccepted(actionId: id, receipt: receipt))
                case .failure(let error):
                    logger.warning("action \(id) not accepted: \(error.description)")
                    inbox.push(.actionFinished(actionId: id, .failure(error)))
                }
            }
        case .confirm(let id, let receipt):
            spawn {
                let result = await attempt { () async throws(OpsgenieError) in try await backend.confirm(receipt, timeout: confirmTimeout) }
                if case .failure(let error) = result { logger.warning("action \(id) failed: \(error.description)") } else { logger.info("action \(id) confirmed") }
                inbox.push(.actionFinished(actionId: id, result))
            }
        case .bell:
            onBell()
        case .quit:
            break
        }
    }
}

/// Runs a typed-throwing call and keeps its outcome as a `Result`.
public func attempt<T>(_ body: () async throws(OpsgenieError) -> T) async -> Result<T, OpsgenieError> {
    do { return .success(try await body()) } catch { return .failure(error) }
}

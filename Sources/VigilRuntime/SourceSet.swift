import Foundation
import OperationsModel
import Synchronization
import VigilCore

/// One configured source: its name (the tag on its rows) and the backend it talks to.
public struct NamedSource: Sendable {
    /// The name from the config, e.g. `og-eu`.
    public let name: String
    /// The service behind it.
    public let backend: any OperationsBackend
    /// Creates a source.
    public init(name: String, backend: any OperationsBackend) { self.name = name; self.backend = backend }
}

/// Several accounts on one screen — Opsgenie and JSM Operations during a move, a US and an EU
/// account, two customers — as one ``OperationsBackend``, so the dashboard needs no idea of
/// how many services it talks to or which.
///
/// - Reads fan out to every source at once and merge: alert counts add up, alert pages merge
///   in the list's order (newest first), on-call and heartbeats follow one another by source.
/// - Every id that leaves is scoped by the source's name (``SourceScope``) and every value
///   names its source in `origin`; every id that comes back in (an action, a detail, a
///   request to confirm) is unscoped and goes to its own source only.
/// - Each source fails on its own: a failing source is left alone for a back-off of its own
///   while its last good answers stand in, and ``health()`` says which one and why. Only
///   when no source answers does a read fail.
public final class SourceSet: OperationsBackend, Sendable {
    /// The sources, in the config's order.
    public let sources: [NamedSource]
    let clock: @Sendable () -> Date
    let ledger: Mutex<SourceLedger>
    /// Always empty: a source's rate limit slows that source (its back-off), never the others.
    public let rateLimits = RateLimitTracker()
    /// Rows of one alert seen by several sources merge into one row, counted once
    /// (``AlertMerging``; config `merge_sources`, on unless turned off).
    public let mergesAlerts: Bool
    /// Matching alerts per source compared to find those in several sources (``tallyAlerts(_:)``).
    public let sharedAlertLimit: Int

    /// A set over `sources` (their names unique and valid per ``SourceScope/isValidName(_:)``),
    /// merging one alert's rows from several sources when `mergesAlerts`, comparing up to
    /// `sharedAlertLimit` matching alerts per source to count them.
    public init(_ sources: [NamedSource], backoff: SourceBackoff = .standard, mergesAlerts: Bool = false,
                sharedAlertLimit: Int = SourceSet.standardSharedAlertLimit, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.mergesAlerts = mergesAlerts && sources.count > 1
        self.sharedAlertLimit = max(1, sharedAlertLimit)
        precondition(!sources.isEmpty && Set(sources.map(\.name)).count == sources.count, "source names must be unique")
        precondition(sources.allSatisfy { SourceScope.isValidName($0.name) }, "source names must be valid")
        self.sources = sources
        self.clock = clock
        ledger = Mutex(SourceLedger(names: sources.map(\.name), backoff: backoff))
    }

    /// `og-eu + jsm`.
    public var hostDescription: String { sources.map(\.name).joined(separator: " + ") }

    /// Each source's health, in the config's order.
    public func health() -> [SourceHealth]? { ledger.withLock { $0.health } }

    // MARK: Routing

    /// The source an id scoped by ``SourceScoping`` belongs to, and the service's own id.
    func route(_ scoped: String, what: String) throws(OperationsError) -> (index: Int, id: String) {
        guard let (name, id) = SourceScope.split(scoped), let index = sources.firstIndex(where: { $0.name == name }) else {
            let names = sources.map(\.name).joined(separator: ", ")
            throw .invalidConfiguration("\(what) '\(scoped)' names no configured source (\(names)); was the source renamed or removed?")
        }
        return (index, id)
    }

    func scoping(_ index: Int) -> SourceScoping { SourceScoping(name: sources[index].name) }

    // MARK: Fan-out

    /// Asks the sources in `only` (default: all) at once. A source in back-off is not asked; a
    /// source that is down (``SourceLedger/meansSourceDown(_:)``) is put in back-off. Either way
    /// its last good answer for `key` stands in. Throws only when no source answered, with the
    /// first failure.
    func gather<T: Sendable>(_ key: SourceCacheKey, only: [Int]? = nil,
                             _ call: @escaping @Sendable (any OperationsBackend) async throws(OperationsError) -> T)
        async throws(OperationsError) -> [(source: Int, value: T)] {
        let now = clock()
        let indices = only ?? Array(sources.indices)
        let resting = ledger.withLock { l in Set(indices.filter { l.isResting($0, at: now) }) }
        let answers = await withTaskGroup(of: (Int, Result<T, OperationsError>).self) { group in
            for index in indices where !resting.contains(index) {
                let backend = sources[index].backend
                group.addTask { (index, await attempt { () async throws(OperationsError) in try await call(backend) }) }
            }
            var all: [Int: Result<T, OperationsError>] = [:]
            for await (index, result) in group { all[index] = result }
            return all
        }
        let done = clock()
        var firstError: OperationsError?
        var answered = 0
        let values: [(source: Int, value: T)] = ledger.withLock { l in
            var values: [(source: Int, value: T)] = []
            for index in indices {
                let rate = sources[index].backend.rateLimits.worst?.1
                switch answers[index] {
                case .success(let value)?:
                    l.succeeded(index, key: key, value: value, at: done, rateLimit: rate)
                    values.append((index, value))
                    answered += 1
                    continue
                case .failure(let error)?:
                    if SourceLedger.meansSourceDown(error) { l.failed(index, error: error, at: done, rateLimit: rate) }
                    firstError = firstError ?? error
                case nil:
                    firstError = firstError ?? l.entries[index].health.lastError
                }
                if let cached: T = l.cached(index, key) { values.append((index, cached)) }
            }
            return values
        }
        if answered == 0, let firstError { throw firstError }
        return values
    }

    // MARK: OperationsBackend: one alert, on-call, heartbeats, pickers, writes

    public func alert(id: String) async throws(OperationsError) -> Alert {
        let (index, local) = try route(id, what: "alert")
        return scoping(index).alert(try await sources[index].backend.alert(id: local))
    }

    public func notes(alertId: String, limit: Int) async throws(OperationsError) -> [AlertNote] {
        let (index, local) = try route(alertId, what: "alert")
        return try await sources[index].backend.notes(alertId: local, limit: limit)
    }

    public func logs(alertId: String, limit: Int) async throws(OperationsError) -> [AlertLog] {
        let (index, local) = try route(alertId, what: "alert")
        return try await sources[index].backend.logs(alertId: local, limit: limit)
    }

    /// Every source's heartbeats, source after source, each naming its source.
    public func heartbeats() async throws(OperationsError) -> LimitedAnswer<[Heartbeat]> {
        let answers = try await gather(.heartbeats) { (backend) async throws(OperationsError) in try await backend.heartbeats() }
        return LimitedAnswer(answers.flatMap { answer in answer.value.value.map(scoping(answer.source).heartbeat) },
                             limits: answers.flatMap { answer in answer.value.limits.map(scoping(answer.source).limit) })
    }

    /// Every source's schedules, source after source, each naming its source.
    public func onCall(at now: Date) async throws(OperationsError) -> LimitedAnswer<[OnCallSummary]> {
        let answers = try await gather(.onCall) { (backend) async throws(OperationsError) in try await backend.onCall(at: now) }
        return LimitedAnswer(answers.flatMap { answer in answer.value.value.map(scoping(answer.source).onCall) },
                             limits: answers.flatMap { answer in answer.value.limits.map(scoping(answer.source).limit) })
    }

    /// Everyone from every source, each with its source's scoped id: a person known to several
    /// is listed once per source, so the picker can offer only those the alert's own source
    /// knows (and lists each person once).
    public func users() async throws(OperationsError) -> [User] {
        try await gather(.users) { (backend) async throws(OperationsError) in try await backend.users() }
            .flatMap { answer in answer.value.map(scoping(answer.source).user) }
    }

    /// Every source's escalations, named `source: name`.
    public func escalations() async throws(OperationsError) -> [Escalation] {
        try await gather(.escalations) { (backend) async throws(OperationsError) in try await backend.escalations() }
            .flatMap { answer in answer.value.map(scoping(answer.source).escalation) }
    }

    /// Every source's saved searches, named `source: name`; each lists its own source only.
    public func savedSearches() async throws(OperationsError) -> [SavedSearchMeta] {
        try await gather(.savedSearches) { (backend) async throws(OperationsError) in try await backend.savedSearches() }
            .flatMap { answer in answer.value.map(scoping(answer.source).savedSearch) }
    }

    /// Sends the write to the alert's own source, even one in back-off (a person asked for it).
    public func perform(_ action: AlertAction, alertId: String, context: ActionContext) async throws(OperationsError) -> ActionReceipt {
        let (index, local) = try route(alertId, what: "alert")
        let receipt = try await sources[index].backend.perform(try unscoped(action, for: index), alertId: local, context: context)
        return scoping(index).receipt(receipt)
    }

    public func confirm(_ receipt: ActionReceipt, timeout: Duration) async throws(OperationsError) -> RequestStatus {
        let (index, local) = try route(receipt.requestId, what: "request")
        return try await sources[index].backend.confirm(ActionReceipt(requestId: local), timeout: timeout)
    }

    /// An action's references to users and escalations, in the alert's source's own ids.
    func unscoped(_ action: AlertAction, for index: Int) throws(OperationsError) -> AlertAction {
        switch action {
        case .assign(.id(let id)): return .assign(.id(try local(id, for: index, what: "user")))
        case .escalate(.id(let id)): return .escalate(.id(try local(id, for: index, what: "escalation")))
        default: return action
        }
    }

    private func local(_ scoped: String, for index: Int, what: String) throws(OperationsError) -> String {
        guard let (name, id) = SourceScope.split(scoped) else { return scoped }
        guard name == sources[index].name else {
            throw .invalidConfiguration("that \(what) belongs to \(name), the alert to \(sources[index].name): pick one of \(sources[index].name)'s")
        }
        return id
    }
}

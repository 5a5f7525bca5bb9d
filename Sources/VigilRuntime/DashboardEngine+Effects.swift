import Foundation
import Logging
import OperationsModel
import VigilCore

/// The I/O effects: each runs as a task against the backend and pushes its result to the inbox.
extension DashboardEngine {
    func startIO(_ effect: DashboardEffect) {
        switch effect {
        case .pollAlerts(let request): pollAlerts(request)
        case .poll(let kind): poll(kind)
        case .loadAlertPages(let filter, let keys): loadPages(keys, filter: filter)
        case .loadDetail(let id): loadDetail(id)
        case .loadUsers:
            load("users", { (backend) async throws(OperationsError) -> [User] in try await backend.users() }, as: DashboardEvent.usersLoaded)
        case .loadEscalations:
            load("escalations", { (backend) async throws(OperationsError) -> [Escalation] in try await backend.escalations() }, as: DashboardEvent.escalationsLoaded)
        case .loadForgotten:
            load("acknowledged alerts", { (backend) async throws(OperationsError) -> [Alert] in
                try await backend.alerts(AlertQuery(query: ForgottenAlerts.query, limit: 100, sort: .createdAt, order: .asc), maxPages: 50).alerts
            }, as: DashboardEvent.forgottenLoaded)
        case .loadShiftReport(let since, let until):
            let backend = self.backend, inbox = self.inbox
            spawn {
                let (report, _) = await ShiftReportLoader.load([.init(name: nil, backend: backend)], since: since, until: until)
                inbox.push(contentsOf: [.shiftReportLoaded(report)])
            }
        case .loadSavedSearches:
            load("saved searches", { (backend) async throws(OperationsError) -> [SavedSearchMeta] in try await backend.savedSearches() }, as: DashboardEvent.savedSearchesLoaded)
        case .perform(let id, let action, let alertId):
            write(id, "\(action.verb) on alert \(alertId)") { (backend, context) async throws(OperationsError) in
                try await backend.perform(action, alertId: alertId, context: context)
            }
        case .confirm(let id, let receipt):
            confirm(id) { (backend, timeout) async throws(OperationsError) in try await backend.confirm(receipt, timeout: timeout) }
        case .loadIncidentDetail(let id):
            load("incident \(id)", { (backend) async throws(OperationsError) -> IncidentDetail in try await backend.incidentDetail(id: id) },
                 as: { DashboardEvent.incidentDetailLoaded(incidentId: id, $0) })
        case .performIncident(let id, let action, let incidentId):
            write(id, "\(action.verb) on incident \(incidentId)") { (backend, context) async throws(OperationsError) in
                try await backend.perform(action, incidentId: incidentId, context: context)
            }
        case .confirmIncident(let id, let receipt):
            confirm(id) { (backend, timeout) async throws(OperationsError) in try await backend.confirmIncident(receipt, timeout: timeout) }
        case .persistActions, .bell, .applyTheme, .redraw, .quit, .announce: break
        }
    }

    private func pollAlerts(_ request: AlertListRequest) {
        let loader = AlertListLoader(backend: backend), inbox = self.inbox, logger = self.logger, backend = self.backend
        spawn {
            let result = await loader.poll(request)
            if case .failure(let error) = result { logger.warning("alerts poll failed: \(error.description)") }
            let worst = backend.rateLimits.worst
            let health = backend.health()
            inbox.push(contentsOf: [.rateLimitChanged(domain: worst?.0, status: worst?.1)] + (health.map { [.sourcesChanged($0)] } ?? [])
                                   + [.alertListLoaded(result, filter: request.filter)])
        }
    }

    private func loadPages(_ keys: [AlertPageKey], filter: AlertFilter) {
        let loader = AlertListLoader(backend: backend), inbox = self.inbox, logger = self.logger
        spawn {
            let result = await attempt { () async throws(OperationsError) in try await loader.pages(keys, filter: filter) }
            if case .failure(let error) = result { logger.warning("loading alert pages failed: \(error.description)") }
            inbox.push(.alertPagesLoaded(result, keys: keys, filter: filter))
        }
    }

    private func poll(_ kind: DataKind) {
        guard kind != .alerts else { return }  // the alert list is polled through `.pollAlerts`
        let backend = self.backend, inbox = self.inbox, logger = self.logger, now = state.now
        spawn {
            let event: DashboardEvent
            let error: OperationsError?
            switch kind {
            case .heartbeats:
                let result = await attempt { () async throws(OperationsError) in try await backend.heartbeats() }
                event = .heartbeatsLoaded(result.map(\.value), limits: (try? result.get())?.limits ?? [])
                error = result.failure
            case .incidents:
                let result = await attempt { () async throws(OperationsError) in try await backend.incidents(limit: 100) }
                event = .incidentsLoaded(result)
                error = result.failure
            case .onCall, .alerts:  // (.alerts never gets here)
                let result = await attempt { () async throws(OperationsError) in try await backend.onCall(at: now) }
                event = .onCallLoaded(result.map(\.value), limits: (try? result.get())?.limits ?? [])
                error = result.failure
            }
            if let error { logger.warning("\(kind.rawValue) poll failed: \(error.description)") }
            let worst = backend.rateLimits.worst
            let health = backend.health()
            inbox.push(contentsOf: [.rateLimitChanged(domain: worst?.0, status: worst?.1)] + (health.map { [.sourcesChanged($0)] } ?? []) + [event])
        }
    }

    private func loadDetail(_ id: String) {
        let backend = self.backend, inbox = self.inbox, now = state.now
        spawn {
            async let alert = attempt { () async throws(OperationsError) in try await backend.alert(id: id) }
            async let notes = attempt { () async throws(OperationsError) in try await backend.notes(alertId: id, limit: 5) }
            async let logs = attempt { () async throws(OperationsError) in try await backend.logs(alertId: id, limit: 5) }
            let result: Result<AlertDetail, OperationsError>
            switch (await alert, await notes, await logs) {
            case (.success(let alert), .success(let notes), .success(let logs)):
                result = .success(AlertDetail(alert: alert, notes: notes, logs: logs, error: nil, loadedAt: now))
            case (.failure(let error), _, _), (_, .failure(let error), _), (_, _, .failure(let error)):
                result = .failure(error)
            }
            inbox.push(.detailLoaded(alertId: id, result))
        }
    }

    /// Loads picker or quick-filter data; a failure comes back as an event too, so the
    /// screen can say why instead of waiting for ever.
    private func load<Value: Sendable>(_ what: String, _ call: @escaping @Sendable (any OperationsBackend) async throws(OperationsError) -> Value,
                                       as event: @escaping @Sendable (Result<Value, OperationsError>) -> DashboardEvent) {
        let backend = self.backend, inbox = self.inbox, logger = self.logger
        spawn {
            let result = await attempt { () async throws(OperationsError) in try await call(backend) }
            if case .failure(let error) = result { logger.warning("loading \(what) failed: \(error.description)") }
            inbox.push(event(result))
        }
    }

    /// Sends a write (to an alert or an incident); its receipt or failure comes back as an event.
    private func write(_ id: Int, _ what: String,
                      _ call: @escaping @Sendable (any OperationsBackend, ActionContext) async throws(OperationsError) -> ActionReceipt) {
        let backend = self.backend, inbox = self.inbox, logger = self.logger, context = self.context
        logger.info("action \(id) \(what)")
        spawn {
            switch await attempt({ () async throws(OperationsError) in try await call(backend, context) }) {
            case .success(let receipt):
                inbox.push(.actionAccepted(actionId: id, receipt: receipt))
            case .failure(let error):
                logger.warning("action \(id) not accepted: \(error.description)")
                inbox.push(.actionFinished(actionId: id, .failure(error)))
            }
        }
    }

    /// Waits for an accepted write's outcome; it comes back as an event.
    private func confirm(_ id: Int, _ call: @escaping @Sendable (any OperationsBackend, Duration) async throws(OperationsError) -> RequestStatus) {
        let backend = self.backend, inbox = self.inbox, logger = self.logger, timeout = confirmTimeout
        spawn {
            let result = await attempt { () async throws(OperationsError) in try await call(backend, timeout) }
            if case .failure(let error) = result { logger.warning("action \(id) failed: \(error.description)") } else { logger.info("action \(id) confirmed") }
            inbox.push(.actionFinished(actionId: id, result))
        }
    }
}

/// Runs a typed-throwing call and keeps its outcome as a `Result`.
func attempt<T>(_ body: () async throws(OperationsError) -> T) async -> Result<T, OperationsError> {
    do { return .success(try await body()) } catch { return .failure(error) }
}

extension Result {
    var failure: Failure? { if case .failure(let e) = self { return e } else { return nil } }
}

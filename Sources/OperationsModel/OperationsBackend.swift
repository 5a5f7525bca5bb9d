import Foundation

/// What the dashboard needs from an alerting service, independent of its URLs and auth.
///
/// ``OpsgenieBackend`` implements it over the Opsgenie REST API. A Jira Service Management
/// Operations backend (same alert actions under `/jsm/ops/api/{cloudId}/v1/…`, Basic auth)
/// implements the same protocol without the dashboard changing.
public protocol OperationsBackend: Sendable {
    /// The host shown on the status line.
    var hostDescription: String { get }
    /// The last rate-limit state per domain.
    var rateLimits: RateLimitTracker { get }
    /// Lists alerts for a query, at most `maxPages` pages.
    func alerts(_ query: AlertQuery, maxPages: Int) async throws(OperationsError) -> AlertPage
    /// How many alerts match a query or saved search (`offset`, `limit` and sort are ignored).
    func countAlerts(_ query: AlertQuery) async throws(OperationsError) -> Int
    /// How many distinct alerts match, and how many of them more than one source lists
    /// (one account: ``countAlerts(_:)``, none shared).
    func tallyAlerts(_ query: AlertQuery) async throws(OperationsError) -> AlertTally
    /// Fetches one alert with description and details.
    func alert(id: String) async throws(OperationsError) -> Alert
    /// Recent notes of an alert.
    func notes(alertId: String, limit: Int) async throws(OperationsError) -> [AlertNote]
    /// Recent log entries of an alert.
    func logs(alertId: String, limit: Int) async throws(OperationsError) -> [AlertLog]
    /// All heartbeats the account can read, and what it cannot (a plan without heartbeats, a
    /// team the key may not read): those are limits, not failures.
    func heartbeats() async throws(OperationsError) -> LimitedAnswer<[Heartbeat]>
    /// Who is on call now and next, per schedule, at `now`, and the schedules or names that
    /// cannot be read.
    func onCall(at now: Date) async throws(OperationsError) -> LimitedAnswer<[OnCallSummary]>
    /// Users, for the assign picker.
    func users() async throws(OperationsError) -> [User]
    /// Escalations, for the escalate picker.
    func escalations() async throws(OperationsError) -> [Escalation]
    /// Saved searches, for quick filters.
    func savedSearches() async throws(OperationsError) -> [SavedSearchMeta]
    /// Sends a write; returns once the service accepted it.
    func perform(_ action: AlertAction, alertId: String, context: ActionContext) async throws(OperationsError) -> ActionReceipt
    /// Waits for the outcome of an accepted write; throws with the service's reason if it failed.
    func confirm(_ receipt: ActionReceipt, timeout: Duration) async throws(OperationsError) -> RequestStatus

    /// How each of several sources is doing (`nil` for one account: its feeds say it all).
    func health() -> [SourceHealth]?

    /// Where this service's incidents live when it has no incident API (`nil`: ``incidents(limit:)`` serves them).
    var incidentsElsewhere: String? { get }
    /// Where the incidents live that ``incidents(limit:)`` does not list: several sources,
    /// some without an incident API (`nil`: it lists every source's, or there is one source).
    var incidentsNotListed: String? { get }
    /// Open incidents, newest first, at most `limit`.
    func incidents(limit: Int) async throws(OperationsError) -> IncidentPage
    /// Incidents matching a query (`status:resolved`), newest first, at most `limit`.
    func incidents(matching query: String, limit: Int) async throws(OperationsError) -> IncidentPage
    /// One incident with its notes and log.
    func incidentDetail(id: String) async throws(OperationsError) -> IncidentDetail
    /// Sends a write to an incident; returns once the service accepted it.
    func perform(_ action: IncidentAction, incidentId: String, context: ActionContext) async throws(OperationsError) -> ActionReceipt
    /// Waits for the outcome of an accepted incident write (`/v1/incidents/requests/{id}`).
    func confirmIncident(_ receipt: ActionReceipt, timeout: Duration) async throws(OperationsError) -> RequestStatus
}

extension OperationsBackend {
    /// A service without an incident API: every incident call says where incidents live.
    public var incidentsElsewhere: String? { nil }
    public var incidentsNotListed: String? { nil }
    public func health() -> [SourceHealth]? { nil }
    public func tallyAlerts(_ query: AlertQuery) async throws(OperationsError) -> AlertTally {
        AlertTally(distinct: try await countAlerts(query))
    }
    public func incidents(limit: Int) async throws(OperationsError) -> IncidentPage {
        throw Self.noIncidentAPI(incidentsElsewhere)
    }
    public func incidents(matching query: String, limit: Int) async throws(OperationsError) -> IncidentPage {
        throw Self.noIncidentAPI(incidentsElsewhere)
    }
    public func incidentDetail(id: String) async throws(OperationsError) -> IncidentDetail {
        throw Self.noIncidentAPI(incidentsElsewhere)
    }
    public func perform(_ action: IncidentAction, incidentId: String, context: ActionContext) async throws(OperationsError) -> ActionReceipt {
        throw Self.noIncidentAPI(incidentsElsewhere)
    }
    public func confirmIncident(_ receipt: ActionReceipt, timeout: Duration) async throws(OperationsError) -> RequestStatus {
        throw Self.noIncidentAPI(incidentsElsewhere)
    }
    private static func noIncidentAPI(_ elsewhere: String?) -> OperationsError {
        .invalidConfiguration(elsewhere ?? "this service has no incident API")
    }
}

import Foundation
import OperationsModel

/// ``OperationsBackend`` over JSM Operations: the same dashboard, alerts addressed by id,
/// heartbeats and escalations gathered team by team, on-call names from the site's users.
///
/// What differs from Opsgenie, and how the dashboard sees it:
/// - no saved searches (quick filters come from config only);
/// - assignment by accountId: the assign picker lists the people Vigil has resolved (those on
///   call now or next);
/// - a note is applied at once (no request to confirm);
/// - heartbeats have a status instead of a last ping, and on-call has no handoff time.
public struct JSMOpsBackend: OperationsBackend {
    /// The client calls go through.
    public let client: JSMOpsClient

    /// Wraps a client.
    public init(client: JSMOpsClient) { self.client = client }

    public var hostDescription: String { "jsm " + (client.configuration.site.host ?? "?") }
    public var rateLimits: RateLimitTracker { client.rateLimits }
    /// JSM Operations has no incident API: incidents are Jira Service Management work items.
    public var incidentsElsewhere: String? {
        "JSM incidents are Jira work items, not in the Ops API: see \(client.configuration.site.absoluteString)/jira/servicedesk"
    }

    public func alerts(_ query: AlertQuery, maxPages: Int) async throws(OperationsError) -> AlertPage {
        var alerts: [Alert] = []
        var offset = query.offset
        for page in 1...max(1, maxPages) {
            // `offset + size` must stay below 20,000: the last page asks only for what is left.
            let size = min(query.limit, JSMAlertSearch.listLimit - 1 - offset)
            guard size >= 1 else { return AlertPage(alerts: alerts, nextOffset: nil, pagesFetched: page - 1) }
            let answer = try await client.listAlerts(query: query.query.map(JSMAlertSearch.query), offset: offset, size: size,
                                                     sort: JSMAlertSearch.sort(query.sort?.rawValue), order: query.order?.rawValue ?? "desc")
            alerts += answer.alerts
            offset += answer.alerts.count
            guard answer.hasMore, !answer.alerts.isEmpty else { return AlertPage(alerts: alerts, nextOffset: nil, pagesFetched: page) }
        }
        return AlertPage(alerts: alerts, nextOffset: offset, pagesFetched: maxPages)
    }

    public func countAlerts(_ query: AlertQuery) async throws(OperationsError) -> Int {
        try await client.countAlerts(query: query.query.map(JSMAlertSearch.query))
    }

    public func alert(id: String) async throws(OperationsError) -> Alert { try await client.getAlert(id: id) }
    public func notes(alertId: String, limit: Int) async throws(OperationsError) -> [AlertNote] { try await client.notes(alertId: alertId, size: limit) }
    public func logs(alertId: String, limit: Int) async throws(OperationsError) -> [AlertLog] { try await client.logs(alertId: alertId, size: limit) }
    public func heartbeats() async throws(OperationsError) -> LimitedAnswer<[Heartbeat]> { try await client.heartbeats() }
    public func onCall(at now: Date) async throws(OperationsError) -> LimitedAnswer<[OnCallSummary]> { try await client.onCall(at: now) }
    public func users() async throws(OperationsError) -> [User] { client.knownUsers }
    public func escalations() async throws(OperationsError) -> [Escalation] { try await client.escalations() }
    public func savedSearches() async throws(OperationsError) -> [SavedSearchMeta] { [] }

    public func perform(_ action: AlertAction, alertId: String, context: ActionContext) async throws(OperationsError) -> ActionReceipt {
        try await client.perform(action, alertId: alertId)
    }

    public func confirm(_ receipt: ActionReceipt, timeout: Duration) async throws(OperationsError) -> RequestStatus {
        try await client.awaitOutcome(of: receipt, timeout: timeout)
    }
}

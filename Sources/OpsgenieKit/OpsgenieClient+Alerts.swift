import Foundation
import OperationsModel

extension OpsgenieClient {
    private func alertPath(_ alert: AlertIdentifier, _ suffix: String = "") -> String {
        "/v2/alerts/\(Self.encode(alert.value))\(suffix)"
    }

    private func identifierQuery(_ alert: AlertIdentifier) -> [(String, String)] {
        [("identifierType", alert.identifierType)]
    }

    /// Lists alerts, following `paging.next` for at most `maxPages` requests.
    ///
    /// The next page is always requested from the configured host with the offset the API
    /// gave, never by following the link's own host, so the key cannot leave the account's host.
    public func listAlerts(_ query: AlertQuery = AlertQuery(), maxPages: Int = 1) async throws(OperationsError) -> AlertPage {
        var alerts: [Alert] = []
        var current = query
        var pages = 0
        while true {
            let envelope = try await get([Alert].self, APIRequest(method: .GET, path: "/v2/alerts", query: current.queryItems, domain: .search))
            pages += 1
            alerts.append(contentsOf: envelope.data)
            let nextOffset = envelope.paging?.next.flatMap(Self.offset(inLink:))
                ?? (envelope.paging?.next != nil ? current.offset + current.limit : nil)
            guard let nextOffset, !envelope.data.isEmpty, nextOffset > current.offset else {
                return AlertPage(alerts: alerts, nextOffset: nil, pagesFetched: pages)
            }
            if pages >= max(1, maxPages) {
                return AlertPage(alerts: alerts, nextOffset: nextOffset, pagesFetched: pages)
            }
            current.offset = nextOffset
        }
    }

    static func offset(inLink link: String) -> Int? {
        guard let items = URLComponents(string: link)?.queryItems else { return nil }
        return items.first(where: { $0.name == "offset" })?.value.flatMap(Int.init)
    }

    /// Counts alerts matching a query or saved search.
    public func countAlerts(query: String? = nil, searchIdentifier: String? = nil,
                            searchIdentifierType: String? = nil) async throws(OperationsError) -> Int {
        var items: [(String, String)] = []
        if let query, !query.isEmpty { items.append(("query", query)) }
        if let searchIdentifier { items.append(("searchIdentifier", searchIdentifier)) }
        if let searchIdentifierType { items.append(("searchIdentifierType", searchIdentifierType)) }
        return try await get(CountPayload.self, APIRequest(method: .GET, path: "/v2/alerts/count", query: items, domain: .search)).data.count
    }

    /// Fetches one alert with its description, details and actions.
    public func getAlert(_ alert: AlertIdentifier) async throws(OperationsError) -> Alert {
        try await get(Alert.self, APIRequest(method: .GET, path: alertPath(alert), query: identifierQuery(alert), domain: .alert)).data
    }

    private func write(_ alert: AlertIdentifier, _ suffix: String, _ payload: ActionPayload,
                       idempotent: Bool = true) async throws(OperationsError) -> AcceptedRequest {
        try await accepted(APIRequest(method: .POST, path: alertPath(alert, suffix), query: identifierQuery(alert),
                                      body: Self.body(payload), domain: .alert, idempotent: idempotent))
    }

    // Which writes are retried: acknowledge, unacknowledge, close, snooze, assign, escalate and
    // tag changes leave the alert in the same state however often they apply, so they are
    // retried on any transient failure. Adding a note appends, so it is retried only when
    // the API certainly refused it unprocessed (429, 503) — a note is never posted twice.

    /// Acknowledges an alert (202; confirm with ``awaitOutcome(of:timeout:)``).
    public func acknowledge(_ alert: AlertIdentifier, context: ActionContext = ActionContext()) async throws(OperationsError) -> AcceptedRequest {
        try await write(alert, "/acknowledge", ActionPayload(context))
    }

    /// Runs a custom action of the alert (`POST /v2/alerts/{id}/actions/{name}`).
    public func executeAction(_ alert: AlertIdentifier, action: String, context: ActionContext = ActionContext()) async throws(OperationsError) -> AcceptedRequest {
        try await write(alert, "/actions/\(action.percentEncodedComponent)", ActionPayload(context), idempotent: false)
    }

    /// Takes back an acknowledgement.
    public func unacknowledge(_ alert: AlertIdentifier, context: ActionContext = ActionContext()) async throws(OperationsError) -> AcceptedRequest {
        try await write(alert, "/unacknowledge", ActionPayload(context))
    }

    /// Closes an alert.
    public func close(_ alert: AlertIdentifier, context: ActionContext = ActionContext()) async throws(OperationsError) -> AcceptedRequest {
        try await write(alert, "/close", ActionPayload(context))
    }

    /// Snoozes an alert until `endTime`.
    public func snooze(_ alert: AlertIdentifier, until endTime: Date, context: ActionContext = ActionContext()) async throws(OperationsError) -> AcceptedRequest {
        var payload = ActionPayload(context)
        payload.endTime = endTime
        return try await write(alert, "/snooze", payload)
    }

    /// Assigns an alert to a user, by id or username.
    public func assign(_ alert: AlertIdentifier, to owner: UserReference, context: ActionContext = ActionContext()) async throws(OperationsError) -> AcceptedRequest {
        var payload = ActionPayload(context)
        payload.owner = owner.recipient
        return try await write(alert, "/assign", payload)
    }

    /// Routes an alert to an escalation, by id or name.
    public func escalate(_ alert: AlertIdentifier, to escalation: EscalationReference, context: ActionContext = ActionContext()) async throws(OperationsError) -> AcceptedRequest {
        var payload = ActionPayload(context)
        payload.escalation = escalation.recipient
        return try await write(alert, "/escalate", payload)
    }

    /// Adds a note. Not retried after an ambiguous failure, so it is never posted twice.
    public func addNote(_ alert: AlertIdentifier, note: String, context: ActionContext = ActionContext()) async throws(OperationsError) -> AcceptedRequest {
        var payload = ActionPayload(context)
        payload.note = note
        return try await write(alert, "/notes", payload, idempotent: false)
    }

    /// Lists an alert's notes, newest first.
    public func listNotes(_ alert: AlertIdentifier, limit: Int = 20, order: ListOrder = .desc) async throws(OperationsError) -> [AlertNote] {
        let query = identifierQuery(alert) + [("limit", String(min(max(1, limit), 100))), ("order", order.rawValue), ("direction", "next")]
        return try await get([AlertNote].self, APIRequest(method: .GET, path: alertPath(alert, "/notes"), query: query, domain: .alert)).data
    }

    /// Lists an alert's activity log, newest first.
    public func listLogs(_ alert: AlertIdentifier, limit: Int = 20, order: ListOrder = .desc) async throws(OperationsError) -> [AlertLog] {
        let query = identifierQuery(alert) + [("limit", String(min(max(1, limit), 100))), ("order", order.rawValue), ("direction", "next")]
        return try await get([AlertLog].self, APIRequest(method: .GET, path: alertPath(alert, "/logs"), query: query, domain: .alert)).data
    }

    /// Adds tags.
    public func addTags(_ alert: AlertIdentifier, tags: [String], context: ActionContext = ActionContext()) async throws(OperationsError) -> AcceptedRequest {
        var payload = ActionPayload(context)
        payload.tags = tags
        return try await write(alert, "/tags", payload)
    }

    /// Removes tags (sent as query parameters on DELETE, as the API describes).
    public func removeTags(_ alert: AlertIdentifier, tags: [String], context: ActionContext = ActionContext()) async throws(OperationsError) -> AcceptedRequest {
        var query = identifierQuery(alert) + [("tags", tags.joined(separator: ","))]
        if let user = context.user { query.append(("user", user)) }
        if let source = context.source { query.append(("source", source)) }
        if let note = context.note { query.append(("note", note)) }
        return try await accepted(APIRequest(method: .DELETE, path: alertPath(alert, "/tags"), query: query, domain: .alert))
    }

    /// Lists the account's saved alert searches.
    public func listSavedSearches() async throws(OperationsError) -> [SavedSearchMeta] {
        try await get([SavedSearchMeta].self, APIRequest(method: .GET, path: "/v2/alerts/saved-searches", domain: .alert)).data
    }
}

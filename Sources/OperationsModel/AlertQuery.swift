import Foundation

/// A field alerts can be sorted by, as the alert list endpoints name them.
public enum AlertSortField: String, Sendable, Hashable, Codable, CaseIterable {
    case createdAt, updatedAt, tinyId, alias, message, status, acknowledged, isSeen, snoozed, snoozedUntil, count, lastOccurredAt, source, owner
}

/// Which alerts the dashboard lists: a query in the service's query language, or a saved search.
public enum AlertFilter: Sendable, Hashable, Codable {
    /// A query such as `status:open AND priority:P1`; empty means every alert.
    case query(String)
    /// A search saved in the account, by id (its name is for the screen).
    case savedSearch(id: String, name: String)

    /// The query text, or `nil` for a saved search.
    public var queryText: String? {
        if case .query(let text) = self { return text }
        return nil
    }
}

/// Sort direction.
public enum ListOrder: String, Sendable, Hashable, Codable {
    case asc, desc
}

/// What to list: an Opsgenie query or a saved search, sorted and paged.
public struct AlertQuery: Sendable, Hashable {
    /// Opsgenie search query, e.g. `status:open AND priority:P1`.
    public var query: String?
    /// A saved search to apply instead of (or as well as) `query`.
    public var searchIdentifier: String?
    /// `id` or `name`.
    public var searchIdentifierType: String?
    /// The first result to return.
    public var offset: Int
    /// Page size, 1…100.
    public var limit: Int
    /// The field to sort by.
    public var sort: AlertSortField?
    public var order: ListOrder?

    /// Creates a query; `limit` is clamped to Opsgenie's 1…100.
    public init(query: String? = nil, searchIdentifier: String? = nil, searchIdentifierType: String? = nil,
                offset: Int = 0, limit: Int = 100, sort: AlertSortField? = nil, order: ListOrder? = nil) {
        self.query = query; self.searchIdentifier = searchIdentifier; self.searchIdentifierType = searchIdentifierType
        self.offset = max(0, offset); self.limit = min(max(1, limit), 100); self.sort = sort; self.order = order
    }
}

/// One or more pages of alerts.
public struct AlertPage: Sendable, Hashable {
    /// The alerts, in the order the API returned them.
    public var alerts: [Alert]
    /// The offset of the next page when more exist beyond the page cap.
    public var nextOffset: Int?
    /// How many HTTP requests it took.
    public var pagesFetched: Int
    /// Creates a page.
    public init(alerts: [Alert], nextOffset: Int?, pagesFetched: Int) {
        self.alerts = alerts; self.nextOffset = nextOffset; self.pagesFetched = pagesFetched
    }
}

/// A saved alert search.
public struct SavedSearchMeta: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    /// Creates a saved search reference.
    public init(id: String, name: String) { self.id = id; self.name = name }
}

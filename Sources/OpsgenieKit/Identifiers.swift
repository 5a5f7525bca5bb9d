import Foundation

/// How an alert is named in a request: its id, its alias, or its short tiny id.
public enum AlertIdentifier: Sendable, Hashable, Codable, CustomStringConvertible {
    case id(String)
    case alias(String)
    case tiny(String)

    /// The path segment value.
    public var value: String {
        switch self { case .id(let v), .alias(let v), .tiny(let v): return v }
    }
    /// The `identifierType` query value.
    public var identifierType: String {
        switch self { case .id: "id"; case .alias: "alias"; case .tiny: "tiny" }
    }
    public var description: String { "\(identifierType):\(value)" }
}

/// How a schedule is named: id or name.
public enum ScheduleIdentifier: Sendable, Hashable {
    case id(String)
    case name(String)
    var value: String { switch self { case .id(let v), .name(let v): v } }
    var identifierType: String { switch self { case .id: "id"; case .name: "name" } }
}

/// A user to assign an alert to: by id or by username.
public enum UserReference: Sendable, Hashable, Codable {
    case id(String)
    case username(String)
    var recipient: Recipient {
        switch self {
        case .id(let v): Recipient(type: nil, id: v)
        case .username(let v): Recipient(type: nil, username: v)
        }
    }
}

/// An escalation to route an alert to: by id or by name.
public enum EscalationReference: Sendable, Hashable, Codable {
    case id(String)
    case name(String)
    var recipient: Recipient {
        switch self {
        case .id(let v): Recipient(type: "escalation", id: v)
        case .name(let v): Recipient(type: "escalation", name: v)
        }
    }
}

/// Sort direction.
public enum SortOrder: String, Sendable, Hashable, Codable {
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
    /// One of the documented sort fields (`createdAt`, `updatedAt`, `tinyId`, `count`, …).
    public var sort: String?
    public var order: SortOrder?

    /// Creates a query; `limit` is clamped to Opsgenie's 1…100.
    public init(query: String? = nil, searchIdentifier: String? = nil, searchIdentifierType: String? = nil,
                offset: Int = 0, limit: Int = 100, sort: String? = nil, order: SortOrder? = nil) {
        self.query = query; self.searchIdentifier = searchIdentifier; self.searchIdentifierType = searchIdentifierType
        self.offset = max(0, offset); self.limit = min(max(1, limit), 100); self.sort = sort; self.order = order
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let query, !query.isEmpty { items.append(("query", query)) }
        if let searchIdentifier { items.append(("searchIdentifier", searchIdentifier)) }
        if let searchIdentifierType { items.append(("searchIdentifierType", searchIdentifierType)) }
        items.append(("offset", String(offset)))
        items.append(("limit", String(limit)))
        if let sort { items.append(("sort", sort)) }
        if let order { items.append(("order", order.rawValue)) }
        return items
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

import Foundation

/// An alert's priority, P1 (critical) to P5 (informational); unknown values are kept.
public struct AlertPriority: OpenEnum, Comparable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let p1 = AlertPriority(rawValue: "P1")
    public static let p2 = AlertPriority(rawValue: "P2")
    public static let p3 = AlertPriority(rawValue: "P3")
    public static let p4 = AlertPriority(rawValue: "P4")
    public static let p5 = AlertPriority(rawValue: "P5")
    /// All documented priorities, most urgent first.
    public static let all: [AlertPriority] = [.p1, .p2, .p3, .p4, .p5]
    /// 1…5 for known priorities, 6 for anything else (sorts last).
    public var rank: Int { Self.all.firstIndex(of: self).map { $0 + 1 } ?? 6 }
    public static func < (lhs: AlertPriority, rhs: AlertPriority) -> Bool { lhs.rank < rhs.rank }
}

/// An alert's status (`open` or `closed`); unknown values are kept.
public struct AlertStatus: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let open = AlertStatus(rawValue: "open")
    public static let closed = AlertStatus(rawValue: "closed")
}

/// What kind of thing a responder or recipient is; unknown values are kept.
public struct ResponderType: OpenEnum, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// A type from a literal such as `"team"`.
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public static let user = ResponderType(rawValue: "user")
    public static let team = ResponderType(rawValue: "team")
    public static let escalation = ResponderType(rawValue: "escalation")
    public static let schedule = ResponderType(rawValue: "schedule")
}

/// A team, user, escalation or schedule an alert is routed to.
public struct Responder: Codable, Sendable, Hashable {
    /// `user`, `team`, `escalation` or `schedule`.
    public var type: ResponderType?
    public var id: String?
    public var name: String?
    public var username: String?
    /// Creates a responder.
    public init(type: ResponderType?, id: String?, name: String? = nil, username: String? = nil) {
        self.type = type; self.id = id; self.name = name; self.username = username
    }
}

/// The integration that created an alert.
public struct AlertIntegration: Codable, Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var type: String?
    /// Creates an integration reference.
    public init(id: String? = nil, name: String? = nil, type: String? = nil) {
        self.id = id; self.name = name; self.type = type
    }
}

/// Who acknowledged or closed an alert, and how long it took (milliseconds, as the API sends).
public struct AlertReport: Codable, Sendable, Hashable {
    /// Milliseconds from creation to acknowledgement.
    public var ackTime: Int64?
    /// Milliseconds from creation to close.
    public var closeTime: Int64?
    public var acknowledgedBy: String?
    public var closedBy: String?
    /// Creates a report.
    public init(ackTime: Int64? = nil, closeTime: Int64? = nil, acknowledgedBy: String? = nil, closedBy: String? = nil) {
        self.ackTime = ackTime; self.closeTime = closeTime; self.acknowledgedBy = acknowledgedBy; self.closedBy = closedBy
    }
    /// `ackTime` as a duration.
    public var timeToAcknowledge: Duration? { ackTime.map { .milliseconds($0) } }
    /// `closeTime` as a duration.
    public var timeToClose: Duration? { closeTime.map { .milliseconds($0) } }
}

/// An Opsgenie alert, as listed (`BaseAlert`) or fetched (`Alert`, with description and details).
public struct Alert: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var tinyId: String?
    public var alias: String?
    public var message: String?
    public var status: AlertStatus?
    public var acknowledged: Bool?
    public var isSeen: Bool?
    public var tags: [String]?
    public var snoozed: Bool?
    public var snoozedUntil: Date?
    public var count: Int?
    public var lastOccurredAt: Date?
    public var createdAt: Date?
    public var updatedAt: Date?
    public var source: String?
    public var owner: String?
    public var priority: AlertPriority?
    public var responders: [Responder]?
    public var integration: AlertIntegration?
    public var report: AlertReport?
    /// The owning team's id (sent by the live API, not in the description).
    public var ownerTeamId: String?
    // Only on a single-alert fetch:
    public var actions: [String]?
    public var entity: String?
    public var description: String?
    public var details: [String: String]?
    /// The configured source it came from when several share one screen (`nil` with one source);
    /// set by Vigil, never on the wire.
    public var origin: String?
    /// Every source's copy when several sources list this alert (one row on the screen), in
    /// the config's order; `nil` when one source does. Set by Vigil, never on the wire.
    public var copies: [AlertCopy]?

    /// Creates an alert; everything but the id is optional, as on the wire.
    public init(id: String, tinyId: String? = nil, alias: String? = nil, message: String? = nil,
                status: AlertStatus? = nil, acknowledged: Bool? = nil, isSeen: Bool? = nil, tags: [String]? = nil,
                snoozed: Bool? = nil, snoozedUntil: Date? = nil, count: Int? = nil, lastOccurredAt: Date? = nil,
                createdAt: Date? = nil, updatedAt: Date? = nil, source: String? = nil, owner: String? = nil,
                priority: AlertPriority? = nil, responders: [Responder]? = nil, integration: AlertIntegration? = nil,
                report: AlertReport? = nil, ownerTeamId: String? = nil, actions: [String]? = nil,
                entity: String? = nil, description: String? = nil, details: [String: String]? = nil) {
        self.id = id; self.tinyId = tinyId; self.alias = alias; self.message = message; self.status = status
        self.acknowledged = acknowledged; self.isSeen = isSeen; self.tags = tags; self.snoozed = snoozed
        self.snoozedUntil = snoozedUntil; self.count = count; self.lastOccurredAt = lastOccurredAt
        self.createdAt = createdAt; self.updatedAt = updatedAt; self.source = source; self.owner = owner
        self.priority = priority; self.responders = responders; self.integration = integration
        self.report = report; self.ownerTeamId = ownerTeamId; self.actions = actions; self.entity = entity
        self.description = description; self.details = details
    }

    private enum CodingKeys: String, CodingKey {
        case id, tinyId, alias, message, status, acknowledged, isSeen, tags, snoozed, snoozedUntil, count,
             lastOccurredAt, createdAt, updatedAt, source, owner, priority, responders, integration, report,
             ownerTeamId, actions, entity, description, details
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        tinyId = try c.decodeIfPresent(String.self, forKey: .tinyId)
        alias = try c.decodeIfPresent(String.self, forKey: .alias)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        status = try c.decodeIfPresent(AlertStatus.self, forKey: .status)
        acknowledged = try c.decodeIfPresent(Bool.self, forKey: .acknowledged)
        isSeen = try c.decodeIfPresent(Bool.self, forKey: .isSeen)
        tags = try c.decodeIfPresent([String].self, forKey: .tags)
        snoozed = try c.decodeIfPresent(Bool.self, forKey: .snoozed)
        snoozedUntil = try c.decodeIfPresent(Date.self, forKey: .snoozedUntil)
        count = try c.decodeIfPresent(Int.self, forKey: .count)
        lastOccurredAt = try c.decodeIfPresent(Date.self, forKey: .lastOccurredAt)
        createdAt = try c.decodeIfPresent(Date.self, forKey: .createdAt)
        updatedAt = try c.decodeIfPresent(Date.self, forKey: .updatedAt)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        owner = try c.decodeIfPresent(String.self, forKey: .owner)
        priority = try c.decodeIfPresent(AlertPriority.self, forKey: .priority)
        responders = try c.decodeIfPresent([Responder].self, forKey: .responders)
        integration = try c.decodeIfPresent(AlertIntegration.self, forKey: .integration)
        report = try c.decodeIfPresent(AlertReport.self, forKey: .report)
        ownerTeamId = try c.decodeIfPresent(String.self, forKey: .ownerTeamId)
        actions = try c.decodeIfPresent([String].self, forKey: .actions)
        entity = try c.decodeIfPresent(String.self, forKey: .entity)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        // Details are a string map in the description; be lenient with numbers and booleans.
        if let raw = try c.decodeIfPresent([String: LenientString].self, forKey: .details) {
            details = raw.mapValues(\.value)
        } else {
            details = nil
        }
    }
}

/// A JSON scalar read as text (details maps sometimes carry numbers or booleans).
struct LenientString: Decodable {
    let value: String
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { value = s }
        else if let i = try? c.decode(Int64.self) { value = String(i) }
        else if let d = try? c.decode(Double.self) { value = String(d) }
        else if let b = try? c.decode(Bool.self) { value = String(b) }
        else if c.decodeNil() { value = "" }
        else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a string") }
    }
}

/// A note on an alert.
public struct AlertNote: Codable, Sendable, Hashable {
    public var note: String?
    public var owner: String?
    public var createdAt: Date?
    /// The paging offset of this entry.
    public var offset: String?
    /// Creates a note.
    public init(note: String?, owner: String?, createdAt: Date?, offset: String? = nil) {
        self.note = note; self.owner = owner; self.createdAt = createdAt; self.offset = offset
    }
}

/// An entry in an alert's activity log.
public struct AlertLog: Codable, Sendable, Hashable {
    public var log: String?
    /// `system`, `alertRecipient`, …
    public var type: String?
    public var owner: String?
    public var createdAt: Date?
    public var offset: String?
    /// Creates a log entry.
    public init(log: String?, type: String?, owner: String?, createdAt: Date?, offset: String? = nil) {
        self.log = log; self.type = type; self.owner = owner; self.createdAt = createdAt; self.offset = offset
    }
}

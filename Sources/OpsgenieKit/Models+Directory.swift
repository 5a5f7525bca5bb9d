import Foundation

/// The unit of a heartbeat's interval; unknown values are kept.
public struct HeartbeatIntervalUnit: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let minutes = HeartbeatIntervalUnit(rawValue: "minutes")
    public static let hours = HeartbeatIntervalUnit(rawValue: "hours")
    public static let days = HeartbeatIntervalUnit(rawValue: "days")
    /// Seconds in one unit (60 for unknown units).
    public var seconds: Int {
        switch rawValue { case "hours": 3600; case "days": 86400; default: 60 }
    }
}

/// A heartbeat: a system that pings Opsgenie on an interval, raising an alert when it stops.
public struct Heartbeat: Codable, Sendable, Hashable {
    public var name: String
    public var description: String?
    public var interval: Int?
    public var enabled: Bool?
    public var intervalUnit: HeartbeatIntervalUnit?
    public var expired: Bool?
    public var lastPingTime: Date?
    /// The owning team (live API field).
    public var ownerTeam: TeamMeta?
    /// Creates a heartbeat.
    public init(name: String, description: String? = nil, interval: Int? = nil, enabled: Bool? = nil,
                intervalUnit: HeartbeatIntervalUnit? = nil, expired: Bool? = nil, lastPingTime: Date? = nil,
                ownerTeam: TeamMeta? = nil) {
        self.name = name; self.description = description; self.interval = interval; self.enabled = enabled
        self.intervalUnit = intervalUnit; self.expired = expired; self.lastPingTime = lastPingTime; self.ownerTeam = ownerTeam
    }
    /// The interval as a duration, when both parts are known.
    public var intervalDuration: Duration? {
        guard let interval else { return nil }
        return .seconds(interval * (intervalUnit ?? .minutes).seconds)
    }
}

/// A team reference.
public struct TeamMeta: Codable, Sendable, Hashable {
    public var id: String?
    public var name: String?
    /// Creates a team reference.
    public init(id: String? = nil, name: String? = nil) { self.id = id; self.name = name }
}

/// A schedule reference, as `_parent` of on-call answers.
public struct ScheduleMeta: Codable, Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var enabled: Bool?
    /// Creates a schedule reference.
    public init(id: String? = nil, name: String? = nil, enabled: Bool? = nil) {
        self.id = id; self.name = name; self.enabled = enabled
    }
}

/// Someone or something that can be notified: a user, team, escalation, schedule, `all` or `none`.
public struct Recipient: Codable, Sendable, Hashable {
    public var type: String?
    public var id: String?
    public var name: String?
    public var username: String?
    /// Creates a recipient.
    public init(type: String?, id: String? = nil, name: String? = nil, username: String? = nil) {
        self.type = type; self.id = id; self.name = name; self.username = username
    }
}

/// How a rotation hands off: `daily`, `weekly` or `hourly`; unknown values are kept.
public struct RotationType: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let daily = RotationType(rawValue: "daily")
    public static let weekly = RotationType(rawValue: "weekly")
    public static let hourly = RotationType(rawValue: "hourly")
}

/// The hours a rotation applies, kept as the API sends it.
public struct TimeRestriction: Codable, Sendable, Hashable {
    /// `time-of-day` or `weekday-and-time-of-day`.
    public var type: String?
    /// For `time-of-day`.
    public var restriction: Restriction?
    /// For `weekday-and-time-of-day`.
    public var restrictions: [Restriction]?

    /// One window.
    public struct Restriction: Codable, Sendable, Hashable {
        public var startDay: String?
        public var endDay: String?
        public var startHour: Int?
        public var startMin: Int?
        public var endHour: Int?
        public var endMin: Int?
        /// Creates a window.
        public init(startDay: String? = nil, endDay: String? = nil, startHour: Int? = nil, startMin: Int? = nil,
                    endHour: Int? = nil, endMin: Int? = nil) {
            self.startDay = startDay; self.endDay = endDay; self.startHour = startHour
            self.startMin = startMin; self.endHour = endHour; self.endMin = endMin
        }
    }
    /// Creates a restriction.
    public init(type: String?, restriction: Restriction? = nil, restrictions: [Restriction]? = nil) {
        self.type = type; self.restriction = restriction; self.restrictions = restrictions
    }
}

/// One rotation of a schedule.
public struct ScheduleRotation: Codable, Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var startDate: Date?
    public var endDate: Date?
    public var type: RotationType?
    /// How many `type` units one shift lasts.
    public var length: Int?
    public var participants: [Recipient]?
    public var timeRestriction: TimeRestriction?
    /// Creates a rotation.
    public init(id: String? = nil, name: String? = nil, startDate: Date? = nil, endDate: Date? = nil,
                type: RotationType? = nil, length: Int? = nil, participants: [Recipient]? = nil,
                timeRestriction: TimeRestriction? = nil) {
        self.id = id; self.name = name; self.startDate = startDate; self.endDate = endDate; self.type = type
        self.length = length; self.participants = participants; self.timeRestriction = timeRestriction
    }
}

/// An on-call schedule.
public struct Schedule: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var description: String?
    /// IANA time zone, e.g. `Europe/Istanbul`.
    public var timezone: String?
    public var enabled: Bool?
    public var ownerTeam: TeamMeta?
    /// Present when listed with `expand=rotation`.
    public var rotations: [ScheduleRotation]?
    /// Creates a schedule.
    public init(id: String, name: String? = nil, description: String? = nil, timezone: String? = nil,
                enabled: Bool? = nil, ownerTeam: TeamMeta? = nil, rotations: [ScheduleRotation]? = nil) {
        self.id = id; self.name = name; self.description = description; self.timezone = timezone
        self.enabled = enabled; self.ownerTeam = ownerTeam; self.rotations = rotations
    }
}

/// A participant in an on-call answer (user, team, escalation, schedule), possibly nested.
public final class OnCallParticipant: Codable, Sendable, Hashable {
    public let id: String?
    public let name: String?
    public let type: String?
    public let onCallParticipants: [OnCallParticipant]?
    public let forwardedFrom: OnCallParticipant?
    public let escalationTime: Int?
    public let notifyType: String?
    /// Creates a participant.
    public init(id: String?, name: String?, type: String?, onCallParticipants: [OnCallParticipant]? = nil,
                forwardedFrom: OnCallParticipant? = nil, escalationTime: Int? = nil, notifyType: String? = nil) {
        self.id = id; self.name = name; self.type = type; self.onCallParticipants = onCallParticipants
        self.forwardedFrom = forwardedFrom; self.escalationTime = escalationTime; self.notifyType = notifyType
    }
    public static func == (a: OnCallParticipant, b: OnCallParticipant) -> Bool {
        a.id == b.id && a.name == b.name && a.type == b.type && a.onCallParticipants == b.onCallParticipants
            && a.forwardedFrom == b.forwardedFrom && a.escalationTime == b.escalationTime && a.notifyType == b.notifyType
    }
    public func hash(into h: inout Hasher) { h.combine(id); h.combine(name); h.combine(type) }
}

/// Who is on call now for one schedule.
public struct OnCall: Codable, Sendable, Hashable {
    /// The schedule.
    public var parent: ScheduleMeta?
    /// Nested participants (when not flat).
    public var onCallParticipants: [OnCallParticipant]?
    /// User names (when `flat=true`).
    public var onCallRecipients: [String]?
    private enum CodingKeys: String, CodingKey {
        case parent = "_parent", onCallParticipants, onCallRecipients
    }
    /// Creates an on-call answer.
    public init(parent: ScheduleMeta?, onCallParticipants: [OnCallParticipant]? = nil, onCallRecipients: [String]? = nil) {
        self.parent = parent; self.onCallParticipants = onCallParticipants; self.onCallRecipients = onCallRecipients
    }
    /// The names on call, flat or nested.
    public var names: [String] {
        if let onCallRecipients { return onCallRecipients }
        return (onCallParticipants ?? []).compactMap(\.name)
    }
}

/// Who is on call next for one schedule.
public struct NextOnCall: Codable, Sendable, Hashable {
    public var parent: ScheduleMeta?
    public var nextOnCallRecipients: [OnCallParticipant]?
    public var exactNextOnCallRecipients: [OnCallParticipant]?
    /// User names (when `flat=true`).
    public var nextOnCallParticipants: [String]?
    public var exactNextOnCallParticipants: [String]?
    private enum CodingKeys: String, CodingKey {
        case parent = "_parent", nextOnCallRecipients, exactNextOnCallRecipients, nextOnCallParticipants,
             exactNextOnCallParticipants
    }
    /// Creates a next-on-call answer.
    public init(parent: ScheduleMeta?, nextOnCallRecipients: [OnCallParticipant]? = nil,
                exactNextOnCallRecipients: [OnCallParticipant]? = nil, nextOnCallParticipants: [String]? = nil,
                exactNextOnCallParticipants: [String]? = nil) {
        self.parent = parent; self.nextOnCallRecipients = nextOnCallRecipients
        self.exactNextOnCallRecipients = exactNextOnCallRecipients
        self.nextOnCallParticipants = nextOnCallParticipants; self.exactNextOnCallParticipants = exactNextOnCallParticipants
    }
    /// The names on call next, flat or nested.
    public var names: [String] {
        if let exactNextOnCallParticipants, !exactNextOnCallParticipants.isEmpty { return exactNextOnCallParticipants }
        if let nextOnCallParticipants, !nextOnCallParticipants.isEmpty { return nextOnCallParticipants }
        return (exactNextOnCallRecipients ?? nextOnCallRecipients ?? []).compactMap(\.name)
    }
}

/// A schedule's timeline over an interval.
public struct ScheduleTimeline: Codable, Sendable, Hashable {
    public var parent: ScheduleMeta?
    public var startDate: Date?
    public var endDate: Date?
    public var finalTimeline: Timeline?
    public var baseTimeline: Timeline?
    public var overrideTimeline: Timeline?
    public var forwardingTimeline: Timeline?
    private enum CodingKeys: String, CodingKey {
        case parent = "_parent", startDate, endDate, finalTimeline, baseTimeline, overrideTimeline, forwardingTimeline
    }
    /// Creates a timeline answer.
    public init(parent: ScheduleMeta?, startDate: Date?, endDate: Date?, finalTimeline: Timeline?) {
        self.parent = parent; self.startDate = startDate; self.endDate = endDate; self.finalTimeline = finalTimeline
    }
    /// Every period of the final timeline, earliest first.
    public var finalPeriods: [TimelinePeriod] {
        (finalTimeline?.rotations ?? []).flatMap { $0.periods ?? [] }
            .sorted { ($0.startDate ?? .distantPast) < ($1.startDate ?? .distantPast) }
    }
}

/// The rotations of one timeline.
public struct Timeline: Codable, Sendable, Hashable {
    public var rotations: [TimelineRotation]?
    /// Creates a timeline.
    public init(rotations: [TimelineRotation]?) { self.rotations = rotations }
}

/// One rotation's periods in a timeline.
public struct TimelineRotation: Codable, Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var order: Double?
    public var periods: [TimelinePeriod]?
    /// Creates a timeline rotation.
    public init(id: String?, name: String?, order: Double? = nil, periods: [TimelinePeriod]?) {
        self.id = id; self.name = name; self.order = order; self.periods = periods
    }
}

/// One shift in a timeline.
public struct TimelinePeriod: Codable, Sendable, Hashable {
    public var startDate: Date?
    public var endDate: Date?
    /// `default`, `historical`, `override`, `forwarding`, …
    public var type: String?
    public var recipient: TimelineRecipient?
    /// Creates a period.
    public init(startDate: Date?, endDate: Date?, type: String? = nil, recipient: TimelineRecipient?) {
        self.startDate = startDate; self.endDate = endDate; self.type = type; self.recipient = recipient
    }
}

/// Who a timeline period belongs to.
public struct TimelineRecipient: Codable, Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var type: String?
    /// Creates a timeline recipient.
    public init(id: String?, name: String?, type: String?) { self.id = id; self.name = name; self.type = type }
}

/// The unit of a timeline interval.
public enum TimelineIntervalUnit: String, Sendable, Hashable, Codable {
    case days, weeks, months
}

/// A user's role in the account.
public struct UserRole: Codable, Sendable, Hashable {
    public var id: String?
    public var name: String?
    /// Creates a role.
    public init(id: String? = nil, name: String? = nil) { self.id = id; self.name = name }
}

/// A person in the account.
public struct User: Codable, Sendable, Hashable {
    public var id: String
    /// The login, an e-mail address.
    public var username: String?
    public var fullName: String?
    public var role: UserRole?
    public var timeZone: String?
    public var locale: String?
    public var tags: [String]?
    public var blocked: Bool?
    public var verified: Bool?
    public var createdAt: Date?
    /// Creates a user.
    public init(id: String, username: String?, fullName: String?, role: UserRole? = nil, timeZone: String? = nil,
                locale: String? = nil, tags: [String]? = nil, blocked: Bool? = nil, verified: Bool? = nil,
                createdAt: Date? = nil) {
        self.id = id; self.username = username; self.fullName = fullName; self.role = role; self.timeZone = timeZone
        self.locale = locale; self.tags = tags; self.blocked = blocked; self.verified = verified; self.createdAt = createdAt
    }
}

/// A user reference in a team.
public struct UserMeta: Codable, Sendable, Hashable {
    public var id: String?
    public var username: String?
    /// Creates a user reference.
    public init(id: String?, username: String?) { self.id = id; self.username = username }
}

/// A member of a team.
public struct TeamMember: Codable, Sendable, Hashable {
    public var user: UserMeta?
    public var role: String?
    /// Creates a member.
    public init(user: UserMeta?, role: String?) { self.user = user; self.role = role }
}

/// A team.
public struct Team: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var description: String?
    public var members: [TeamMember]?
    /// Creates a team.
    public init(id: String, name: String?, description: String? = nil, members: [TeamMember]? = nil) {
        self.id = id; self.name = name; self.description = description; self.members = members
    }
}

/// A delay in an escalation rule.
public struct EscalationDelay: Codable, Sendable, Hashable {
    public var timeAmount: Int64?
    public var timeUnit: String?
    /// Creates a delay.
    public init(timeAmount: Int64?, timeUnit: String? = nil) { self.timeAmount = timeAmount; self.timeUnit = timeUnit }
}

/// One step of an escalation.
public struct EscalationRule: Codable, Sendable, Hashable {
    /// `if-not-acked` or `if-not-closed`.
    public var condition: String?
    public var notifyType: String?
    public var delay: EscalationDelay?
    public var recipient: Recipient?
    /// Creates a rule.
    public init(condition: String?, notifyType: String?, delay: EscalationDelay?, recipient: Recipient?) {
        self.condition = condition; self.notifyType = notifyType; self.delay = delay; self.recipient = recipient
    }
}

/// How an escalation repeats.
public struct EscalationRepeat: Codable, Sendable, Hashable {
    public var waitInterval: Int?
    public var count: Int?
    public var resetRecipientStates: Bool?
    public var closeAlertAfterAll: Bool?
    /// Creates repeat settings.
    public init(waitInterval: Int?, count: Int?, resetRecipientStates: Bool? = nil, closeAlertAfterAll: Bool? = nil) {
        self.waitInterval = waitInterval; self.count = count
        self.resetRecipientStates = resetRecipientStates; self.closeAlertAfterAll = closeAlertAfterAll
    }
}

/// An escalation chain.
public struct Escalation: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var description: String?
    public var ownerTeam: TeamMeta?
    public var rules: [EscalationRule]?
    public var `repeat`: EscalationRepeat?
    /// Creates an escalation.
    public init(id: String, name: String?, description: String? = nil, ownerTeam: TeamMeta? = nil,
                rules: [EscalationRule]? = nil, repeat: EscalationRepeat? = nil) {
        self.id = id; self.name = name; self.description = description; self.ownerTeam = ownerTeam
        self.rules = rules; self.repeat = `repeat`
    }
}

/// The account's plan.
public struct AccountPlan: Codable, Sendable, Hashable {
    public var maxUserCount: Int?
    public var name: String?
    public var isYearly: Bool?
    /// Creates a plan.
    public init(maxUserCount: Int?, name: String?, isYearly: Bool?) {
        self.maxUserCount = maxUserCount; self.name = name; self.isYearly = isYearly
    }
}

/// The account the key belongs to.
public struct AccountInfo: Codable, Sendable, Hashable {
    public var name: String?
    public var userCount: Int?
    public var plan: AccountPlan?
    /// Creates account info.
    public init(name: String?, userCount: Int?, plan: AccountPlan?) {
        self.name = name; self.userCount = userCount; self.plan = plan
    }
}

/// An incident (v1 API).
public struct Incident: Codable, Sendable, Hashable {
    public var id: String
    public var tinyId: String?
    public var message: String?
    /// `open`, `resolved`, `closed`, …
    public var status: String?
    public var isSeen: Bool?
    public var tags: [String]?
    public var createdAt: Date?
    public var updatedAt: Date?
    public var source: String?
    public var owner: String?
    public var priority: AlertPriority?
    public var responders: [Responder]?
    public var ownerTeam: String?
    public var description: String?
    /// Creates an incident.
    public init(id: String, tinyId: String? = nil, message: String? = nil, status: String? = nil, isSeen: Bool? = nil,
                tags: [String]? = nil, createdAt: Date? = nil, updatedAt: Date? = nil, source: String? = nil,
                owner: String? = nil, priority: AlertPriority? = nil, responders: [Responder]? = nil,
                ownerTeam: String? = nil, description: String? = nil) {
        self.id = id; self.tinyId = tinyId; self.message = message; self.status = status; self.isSeen = isSeen
        self.tags = tags; self.createdAt = createdAt; self.updatedAt = updatedAt; self.source = source
        self.owner = owner; self.priority = priority; self.responders = responders; self.ownerTeam = ownerTeam
        self.description = description
    }
}

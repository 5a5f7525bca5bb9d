import Foundation
import OperationsModel

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

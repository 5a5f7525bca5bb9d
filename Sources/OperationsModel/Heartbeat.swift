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
    /// The configured source it came from when several share one screen (`nil` with one source).
    public var origin: String?
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

import Foundation

/// Who is on call for one schedule: now, next, and when it changes.
public struct OnCallSummary: Sendable, Hashable, Codable {
    public var scheduleId: String
    public var scheduleName: String
    /// The schedule's time zone, when known.
    public var timezone: String?
    /// Names on call now.
    public var current: [String]
    /// Names on call after the next handoff.
    public var next: [String]
    /// When the current shift ends, when known.
    public var handoffAt: Date?
    /// The configured source it came from when several share one screen (`nil` with one source).
    public var origin: String?
    /// Creates a summary.
    public init(scheduleId: String, scheduleName: String, timezone: String? = nil, current: [String], next: [String], handoffAt: Date?) {
        self.scheduleId = scheduleId; self.scheduleName = scheduleName; self.timezone = timezone
        self.current = current; self.next = next; self.handoffAt = handoffAt
    }
}


import Foundation
import OperationsModel

/// Acknowledged and forgotten: alerts acknowledged longer ago than `stale_ack` and still open,
/// oldest acknowledgement first. Ages come from the service's own acknowledge time (Opsgenie's
/// `report.ackTime`, JSM's `ackTime`), never from when Vigil first saw an alert.
public struct ForgottenAlerts: Sendable, Hashable {
    /// An alert with when it was acknowledged.
    public struct Entry: Sendable, Hashable {
        public var alert: Alert
        public var acknowledgedAt: Date
    }

    /// The forgotten alerts, oldest acknowledgement first.
    public var entries: [Entry]
    /// Open acknowledged alerts whose service gave no acknowledge time (not counted: their age is unknown).
    public var withoutTime: Int
    /// When the list was read.
    public var loadedAt: Date

    /// When an alert was acknowledged, by the service's own record.
    public static func acknowledgedAt(_ alert: Alert) -> Date? {
        guard let created = alert.createdAt, let millis = alert.report?.ackTime else { return nil }
        return created.addingTimeInterval(Double(millis) / 1000)
    }

    /// Picks the forgotten ones from the open acknowledged alerts the service listed.
    public static func from(_ acknowledged: [Alert], now: Date, staleAfter: TimeInterval) -> ForgottenAlerts {
        var entries: [Entry] = []
        var withoutTime = 0
        for alert in acknowledged where alert.status != .closed && alert.acknowledged == true {
            guard let at = acknowledgedAt(alert) else { withoutTime += 1; continue }
            if now.timeIntervalSince(at) > staleAfter { entries.append(Entry(alert: alert, acknowledgedAt: at)) }
        }
        entries.sort { ($0.acknowledgedAt, $0.alert.id) < ($1.acknowledgedAt, $1.alert.id) }
        return ForgottenAlerts(entries: entries, withoutTime: withoutTime, loadedAt: now)
    }

    /// The query that lists the open acknowledged alerts (JSM widens `status:open` to acked).
    public static let query = "status:open AND acknowledged:true"
}

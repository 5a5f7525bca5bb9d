import Foundation
import OperationsModel

/// One alert seen by several sources is one row: rows from different sources merge when
/// they share an alias, or — where a row has no alias — the same message and entity raised
/// within ``window`` of each other.
///
/// A merged row is its first-raised copy (the config's order breaks a tie), so a copy that
/// arrives later never changes the row's id under the person's cursor; it carries every copy
/// in `copies` (in the config's order) and shows the most urgent priority and the worst state of its copies (open before
/// acknowledged, acknowledged before snoozed, snoozed before closed) and the highest
/// count. Two rows of one source never merge with each other: each copy is a different
/// source's.
enum AlertMerging {
    /// How far apart two copies without an alias may have been raised and still be one alert.
    static let window: TimeInterval = 15 * 60

    /// What makes two rows the same alert.
    enum Key: Hashable {
        case alias(String)
        case messageAndEntity(String, String)
    }

    static func key(of alert: Alert) -> Key {
        if let alias = alert.alias, !alias.isEmpty { return .alias(alias) }
        return .messageAndEntity(alert.message ?? "", alert.entity ?? "")
    }

    /// Groups rows (already scoped, `origin` naming their source) into alerts: each group holds
    /// at most one row per source, the rows in the order given.
    static func groups(_ rows: [Alert]) -> [[Alert]] {
        var groups: [[Alert]] = []
        var open: [Key: [Int]] = [:]
        for row in rows {
            let key = key(of: row)
            let candidates = open[key] ?? []
            let match = candidates.first { index in
                let group = groups[index]
                guard !group.contains(where: { $0.origin == row.origin }) else { return false }
                if case .alias = key { return true }
                return group.allSatisfy { abs(($0.createdAt ?? .distantPast).timeIntervalSince(row.createdAt ?? .distantPast)) <= window }
            }
            if let match {
                groups[match].append(row)
            } else {
                open[key, default: []].append(groups.count)
                groups.append([row])
            }
        }
        return groups
    }

    /// The rows as alerts, merged ones carrying their copies, in the order of each group's first row.
    static func merge(_ rows: [Alert], sourceOrder: [String]) -> [Alert] {
        groups(rows).map { merged($0, sourceOrder: sourceOrder) }
    }

    /// One row for a group: its first-raised copy, showing the group's most urgent state.
    static func merged(_ group: [Alert], sourceOrder: [String]) -> Alert {
        guard group.count > 1 else { return group[0] }
        let rank = { (alert: Alert) in sourceOrder.firstIndex(of: alert.origin ?? "") ?? sourceOrder.count }
        let copies = group.sorted { rank($0) < rank($1) }
        let first = copies.min { ($0.createdAt ?? .distantFuture) < ($1.createdAt ?? .distantFuture) } ?? copies[0]
        var alert = first
        alert.copies = copies.map(AlertCopy.init)
        alert.showWorstCopy()
        alert.priority = copies.compactMap(\.priority).min() ?? alert.priority
        alert.count = copies.compactMap(\.count).max() ?? alert.count
        return alert
    }
}

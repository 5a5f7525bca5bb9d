import Foundation

/// One source's copy of an alert that several sources list (the same monitor sending to two
/// accounts during a move): its own id, and its own state there.
///
/// Set by Vigil when it merges sources' rows, never on the wire.
public struct AlertCopy: Sendable, Hashable {
    /// The source's name from the config, e.g. `og-eu`.
    public var source: String
    /// The copy's id, scoped by its source (`og-eu:7f3a…`): actions on this copy go there.
    public var id: String
    public var tinyId: String?
    public var status: AlertStatus?
    public var acknowledged: Bool?
    public var snoozed: Bool?
    public var snoozedUntil: Date?
    public var owner: String?
    public var priority: AlertPriority?
    public var count: Int?
    public var createdAt: Date?

    /// The copy of `alert` (an alert already scoped and named by its source).
    public init(_ alert: Alert) {
        source = alert.origin ?? ""
        id = alert.id
        tinyId = alert.tinyId
        status = alert.status
        acknowledged = alert.acknowledged
        snoozed = alert.snoozed
        snoozedUntil = alert.snoozedUntil
        owner = alert.owner
        priority = alert.priority
        count = alert.count
        createdAt = alert.createdAt
    }

    /// How much this copy needs someone: closed 0, snoozed 1, acknowledged 2, open 3 (a merged
    /// row shows its most urgent copy's state).
    public var urgency: Int {
        if status == .closed { return 0 }
        if snoozed == true { return 1 }
        if acknowledged == true { return 2 }
        return 3
    }
}

extension Alert {
    /// A merged row's state (status, acknowledged, snoozed) from its most urgent copy.
    public mutating func showWorstCopy() {
        guard let worst = copies?.max(by: { $0.urgency < $1.urgency }) else { return }
        status = worst.status
        acknowledged = worst.acknowledged
        snoozed = worst.snoozed
        snoozedUntil = worst.snoozedUntil
    }
}

/// How many alerts match across several sources, each alert counted once however many
/// sources list it.
public struct AlertTally: Sendable, Hashable {
    /// Distinct alerts: every source's count, less the copies beyond the first.
    public var distinct: Int
    /// Alerts more than one source lists (each counted once in ``distinct``).
    public var shared: Int
    /// `false` when more alerts matched than Vigil compares (`SourceSet.sharedAlertLimit`, 2,000 per source unless set): then
    /// ``shared`` is a lower bound and ``distinct`` an upper bound.
    public var exact: Bool

    /// Creates a tally.
    public init(distinct: Int, shared: Int = 0, exact: Bool = true) {
        self.distinct = distinct; self.shared = shared; self.exact = exact
    }
}

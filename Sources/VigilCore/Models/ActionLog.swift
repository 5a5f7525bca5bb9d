import Foundation
import OperationsModel

/// Every action started in this run (and those resumed from the journal), each with its own
/// lifecycle, the next number to give, and the open ones last handed to the journal.
public struct ActionLog: Sendable, Equatable {
    /// The actions, oldest first.
    public internal(set) var records: [ActionRecord] = []
    /// The number the next action gets.
    public internal(set) var nextId = 1
    /// The open actions last handed to the journal.
    var journaled: [ActionRecord] = []

    /// Open actions (not confirmed or failed).
    public var open: [ActionRecord] { records.filter { $0.phase.isOpen } }

    /// The latest open action on an alert or incident.
    public func open(on targetId: String) -> ActionRecord? { records.last { $0.alertId == targetId && $0.phase.isOpen } }

    /// When a queued action is next tried, the earliest.
    var nextRetry: Date? {
        records.lazy.filter { if case .queued = $0.phase { true } else { false } }.compactMap(\.retryAt).min()
    }

    /// The journal's write when the open actions changed since it was last written.
    mutating func journal() -> [DashboardEffect] {
        let now = open
        guard now != journaled else { return [] }
        journaled = now
        return [.persistActions(now)]
    }
}

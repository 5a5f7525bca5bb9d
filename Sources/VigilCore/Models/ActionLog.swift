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
    /// How each bulk action's question named what it acted on, so its result names it the
    /// same way (`3 marked alerts`, even when one of them was a merged row of two copies).
    var batchSubjects: [Int: BatchSubject] = [:]

    /// What a bulk action's question said it acts on: its words and how many rows.
    struct BatchSubject: Sendable, Hashable {
        var text: String
        var rows: Int
    }

    /// Open actions (not confirmed or failed).
    public var open: [ActionRecord] { records.filter { $0.phase.isOpen } }

    /// The latest open action on an alert or incident.
    public func open(on targetId: String) -> ActionRecord? { records.last { $0.alertId == targetId && $0.phase.isOpen } }

    /// When a queued action is next tried, the earliest.
    var nextRetry: Date? {
        records.lazy.filter { if case .queued = $0.phase { true } else { false } }.compactMap(\.retryAt).min()
    }

    /// Starts a record of `request` on `targetId`, shown pending (`sending`) at once, numbered
    /// in this run. The log keeps the last 500.
    mutating func start(_ request: ActionRequest, on targetId: String, tinyId: String, at now: Date, batch: Int? = nil) -> ActionRecord {
        var record = ActionRecord(id: nextId, request: request, targetId: targetId, tinyId: tinyId, createdAt: now, phase: .sending, attempts: 1)
        record.batch = batch
        nextId += 1
        records.append(record)
        if records.count > 500 { records.removeFirst(records.count - 500) }
        return record
    }

    /// The record with number `id` and its index, if the log still has it.
    func index(of id: Int) -> Int? { records.firstIndex { $0.id == id } }

    /// The journal's write when the open actions changed since it was last written.
    mutating func journal() -> [DashboardEffect] {
        let now = open
        guard now != journaled else { return [] }
        journaled = now
        return [.persistActions(now)]
    }
}

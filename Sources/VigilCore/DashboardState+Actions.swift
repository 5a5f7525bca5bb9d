import Foundation
import OperationsModel

/// The action lifecycle: `sending → accepted → confirmed`, or `→ queued` (sent again later),
/// or `→ failed(reason)`; and the journal that carries open actions across a restart.
extension DashboardState {
    /// Starts `action` on each alert: a record per alert, shown pending at once.
    mutating func act(_ action: AlertAction, on ids: [String]) -> [DashboardEffect] {
        guard !ids.isEmpty else { say("no alert selected", .warning); return [] }
        var effects: [DashboardEffect] = []
        let batch = ids.count > 1 ? actionLog.nextId : nil
        if let batch { actionLog.batchSubjects[batch] = .init(text: targetsDescription(ids), rows: Set(rowIds(ids)).count) }
        for id in ids {
            let record = actionLog.start(.alert(action), on: id, tinyId: tinyId(of: id), at: now, batch: batch)
            effects.append(.perform(actionId: record.id, action: action, alertId: id))
        }
        // Acted on, they are unmarked; marks an action left out (another source's) stay for the next.
        if !alertPane.marked.isEmpty, Set(rowIds(ids)).isSubset(of: alertPane.marked) { alertPane.marked.subtract(rowIds(ids)) }
        say("\(action.verb) → \(targetsDescription(ids)): sending", .info)
        return effects
    }

    mutating func acceptAction(_ id: Int, receipt: ActionReceipt) -> [DashboardEffect] {
        guard let index = actionLog.index(of: id) else { return [] }
        actionLog.records[index].phase = .accepted(requestId: receipt.requestId)
        return [confirmEffect(actionLog.records[index], receipt)]
    }

    mutating func finishAction(_ id: Int, _ result: Result<RequestStatus, OperationsError>) -> [DashboardEffect] {
        guard let index = actionLog.index(of: id) else { return [] }
        switch result {
        case .success:
            let effects = confirmAction(at: index)
            sayBatchResult(of: actionLog.records[index])
            return effects
        case .failure(let error):
            failAction(at: index, error)
            sayBatchResult(of: actionLog.records[index])
            return []
        }
    }

    /// Once every action of a bulk action over marked alerts is settled, one line counts them:
    /// `ack 3 marked alerts (og-eu 2, jsm 1): 2 confirmed, 1 failed (ack jsm #4)`.
    private mutating func sayBatchResult(of record: ActionRecord) {
        guard let batch = record.batch else { return }
        let members = actionLog.records.filter { $0.batch == batch }
        guard !members.contains(where: \.phase.isOpen) else { return }
        let failed = members.filter { if case .failed = $0.phase { true } else { false } }
        let subject = actionLog.batchSubjects.removeValue(forKey: batch)
            ?? .init(text: targetsDescription(members.map(\.targetId)), rows: members.count)
        // Copies of merged rows are actions of their own: counted as actions when they outnumber the rows.
        let unit = members.count == subject.rows || subject.rows == 1 ? "" : (members.count - failed.count == 1 ? " action" : " actions")
        var text = "\(record.request.verb) \(subject.text): \(members.count - failed.count)\(unit) confirmed"
        if !failed.isEmpty { text += ", \(failed.count) failed (\(failed.prefix(3).map(label).joined(separator: ", "))\(failed.count > 3 ? ", …" : ""))" }
        say(text, failed.isEmpty ? .info : .error)
    }

    private mutating func confirmAction(at index: Int) -> [DashboardEffect] {
        let record = actionLog.records[index]
        actionLog.records[index].phase = .confirmed
        actionLog.records[index].finishedAt = now
        if record.batch == nil { say("\(label(record)): confirmed", .info) }
        // Reflect the confirmed state until the next poll shows it.
        applyLocally(record)
        // An action on an acknowledged-and-forgotten alert: the list is read again with the next poll.
        if alertPane.forgotten.alert(record.targetId) != nil { alertPane.forgotten.readAgainSoon() }
        switch record.request {
        case .alert:
            alertPane.details[record.targetId] = nil
            return pollNow(.alerts) + (record.targetId == alertPane.selectedId ? [.loadDetail(alertId: record.targetId)] : [])
        case .incident:
            incidentPane.details[record.targetId] = nil
            return pollNow(.incidents) + (record.targetId == incidentPane.selectedId ? [.loadIncidentDetail(incidentId: record.targetId)] : [])
        }
    }

    /// A failed send or confirmation: queued to send again when the outcome is unknown and
    /// sending twice is harmless; failed with the service's reason otherwise.
    private mutating func failAction(at index: Int, _ error: OperationsError) {
        let record = actionLog.records[index]
        // Unreachable, or an answer that could not be read (a 202 with a damaged body may
        // still have applied): the outcome is unknown.
        let unknownOutcome = error.isTransient || error.faultClass == .badResponse
        if !record.request.isRepeatSafe, unknownOutcome, !error.certainlyNotApplied {
            // The request may have reached the service before the connection failed: sending a
            // note again could post it twice, so say so instead of retrying.
            let (what, check) = record.request.mayHaveApplied
            actionLog.records[index].phase = .failed(reason: "\(error.faultClass.rawValue) error after sending; \(what) — \(check)")
            actionLog.records[index].finishedAt = now
            say("\(record.request.verb) \(subject(record)): not confirmed (\(error.description)); \(what) — \(check)", .error)
        } else if unknownOutcome && error.faultClass != .rejected {
            // The API could not be reached: keep it and send it again when polling recovers.
            actionLog.records[index].phase = .queued(reason: error.faultClass.rawValue)
            // Wait a little longer after each attempt: 5 s, 10 s, 20 s … at most a minute.
            let wait = min(settings.actionRetryBase * pow(2, Double(max(0, record.attempts - 1))), 60)
            actionLog.records[index].retryAt = now.addingTimeInterval(wait)
            say("\(label(record)): queued (\(error.faultClass.rawValue)), will retry", .warning)
        } else {
            actionLog.records[index].phase = .failed(reason: error.message.isEmpty ? error.description : error.message)
            actionLog.records[index].finishedAt = now
            say("\(label(record)) failed: \(error.description)", .error)
        }
    }

    /// Sends queued actions again once the alert feed answers and their wait is over.
    mutating func retryQueuedActions() -> [DashboardEffect] {
        guard let feed = feedStatus[.alerts], feed.lastError == nil, feed.lastSuccess != nil else { return [] }
        var effects: [DashboardEffect] = []
        for index in actionLog.records.indices {
            guard case .queued = actionLog.records[index].phase, (actionLog.records[index].retryAt ?? .distantPast) <= now else { continue }
            actionLog.records[index].phase = .sending
            actionLog.records[index].attempts += 1
            effects.append(sendEffect(actionLog.records[index]))
        }
        return effects
    }

    /// Shows a confirmed action on its alert until a poll brings the service's own state.
    mutating func applyLocally(_ record: ActionRecord) {
        guard case .alert(let action) = record.request else {
            incidentPane.applyLocally(record)
            return
        }
        let owner: String? = switch action {
        case .assign(.username(let name)): name
        case .assign(.id(let id)): prompt.users.value?.first { $0.id == id }?.username ?? id
        default: nil
        }
        let change: (inout Alert) -> Void = { alert in
            switch action {
            case .acknowledge: alert.acknowledged = true
            case .unacknowledge: alert.acknowledged = false
            case .close: alert.status = .closed
            case .snooze(let until): alert.snoozed = true; alert.snoozedUntil = until
            case .assign: alert.owner = owner
            default: break
            }
        }
        if !applyToCopy(record.targetId, change) { alertPane.list.update(record.targetId, change) }
    }

    /// Takes over actions from the journal: confirms accepted ones by request status (never
    /// sending them again), queues the rest to send when the API answers, and drops with a
    /// notice those older than the maximum age and notes that may already have been posted.
    mutating func resume(_ records: [ActionRecord]) -> [DashboardEffect] {
        var effects: [DashboardEffect] = []
        var dropped: [String] = []
        for var record in records where record.phase.isOpen {
            record.id = actionLog.nextId
            actionLog.nextId += 1
            if now.timeIntervalSince(record.createdAt) > settings.actionMaxAge {
                record.phase = .failed(reason: "not replayed: older than \(Int(settings.actionMaxAge / 60)) min when Vigil started")
                record.finishedAt = now
                dropped.append(label(record))
            } else if case .accepted(let requestId) = record.phase {
                effects.append(confirmEffect(record, ActionReceipt(requestId: requestId)))
            } else if record.phase == .sending, !record.request.isRepeatSafe {
                let (what, check) = record.request.mayHaveApplied
                record.phase = .failed(reason: "Vigil stopped while sending this; \(what) — \(check)")
                record.finishedAt = now
                say("\(record.request.verb) \(subject(record)): interrupted while sending; \(what) — \(check)", .warning)
            } else {
                record.phase = .queued(reason: "resumed from the journal")
            }
            actionLog.records.append(record)
        }
        if !dropped.isEmpty {
            say("dropped \(counted(dropped.count, "journaled action")) older than \(Int(settings.actionMaxAge / 60)) min: \(dropped.prefix(5).joined(separator: ", "))", .warning)
        }
        let resumed = actionLog.records.filter(\.phase.isOpen).count
        if resumed > 0 { say("resuming \(counted(resumed, "action")) from the journal", .info) }
        return effects + retryQueuedActions()
    }

    /// The effect that sends a record's request to its service.
    func sendEffect(_ record: ActionRecord) -> DashboardEffect {
        switch record.request {
        case .alert(let action): .perform(actionId: record.id, action: action, alertId: record.targetId)
        case .incident(let action): .performIncident(actionId: record.id, action: action, incidentId: record.targetId)
        }
    }

    /// The effect that asks for an accepted record's outcome.
    func confirmEffect(_ record: ActionRecord, _ receipt: ActionReceipt) -> DashboardEffect {
        switch record.request {
        case .alert: .confirm(actionId: record.id, receipt: receipt)
        case .incident: .confirmIncident(actionId: record.id, receipt: receipt)
        }
    }
}

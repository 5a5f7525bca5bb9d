import Foundation
import OpsgenieKit

/// The JSM alert routes that write: each validates its body, then queues the world's write and
/// answers 202 `SuccessResponse` — except adding a note, which applies at once and answers 200.
extension SimulatorResponder {
    /// A JSM write body as the simulator reads it: [OAS `AlertSnoozeRequest`, `AssignAlertRequest`,
    /// `EscalateToNextRequest`, `AlertTagsRequest`, `NoteRequest`]. Deliberately not the client's types,
    /// and no Opsgenie context fields (`user`, `source`): unknown fields are ignored.
    struct JSMWriteBody: Decodable {
        var endTime: Date?
        var accountId: String?
        var escalationId: String?
        var tags: [String]?
        var note: String?
        var actionName: String?
    }

    /// `POST /v1/alerts/{id}/{action}`, and `DELETE /v1/alerts/{id}/tags` (as `untag`).
    ///
    /// Writes are taken by alert id alone and not checked against the world before they are
    /// accepted: acknowledge, unacknowledge and close document no 404 [OAS], so an unknown alert is
    /// a 202 whose request status says `Alert does not exist` (the [DOC-ALERTS] example's status).
    func jsmAlertWrite(_ action: String, on id: String, _ r: JSMRequest) throws -> JSMRouted {
        try r.caller.require(.createAndUpdate)
        let body = try Self.decodeJSMBody(r.body)
        switch action {
        case "acknowledge": return enqueue(.acknowledge(alertId: id), r)
        case "unacknowledge": return enqueue(.unacknowledge(alertId: id), r)
        case "close": return enqueue(.close(alertId: id), r)
        case "snooze":
            guard let end = body.endTime else { throw JSMFailure.invalid("endTime is required and must be a date-time") }
            return enqueue(.snooze(alertId: id, endTime: end), r)
        case "assign":
            guard let accountId = body.accountId, !accountId.isEmpty else { throw JSMFailure.invalid("accountId is required") }
            // An unknown account id is accepted and fails when processed, naming the id.
            let userId = simulator.withWorld { w, _ in w.user(accountId: accountId)?.id }
            return enqueue(.assign(alertId: id, owner: Recipient(type: .user, id: userId ?? accountId)), r)
        case "escalate":
            guard let escalationId = body.escalationId, !escalationId.isEmpty else { throw JSMFailure.invalid("escalationId is required") }
            return enqueue(.escalate(alertId: id, escalation: Recipient(type: .escalation, id: escalationId)), r)
        case "tags", "untag":
            guard let tags = body.tags, !tags.isEmpty else { throw JSMFailure.invalid("tags is required and can not be empty") }
            return enqueue(action == "tags" ? .addTags(alertId: id, tags: tags) : .removeTags(alertId: id, tags: tags), r)
        case "notes":
            return try addNote(body.note, to: id, by: r.caller)
        case "action":
            guard let name = body.actionName, !name.isEmpty else { throw JSMFailure.invalid("actionName is required") }
            return enqueue(.jsmCustomAction(alertId: id, action: name), r)
        default:
            throw JSMFailure.notFound("No handler found for POST /v1/alerts/{id}/\(action)")
        }
    }

    /// `POST /v1/alerts/{id}/notes`: synchronous, 200 with the `AlertNote`; its owner is the caller's e-mail address.
    private func addNote(_ note: String?, to id: String, by caller: JSMCaller) throws -> JSMRouted {
        guard let note, !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw JSMFailure.invalid("note can not be empty") }
        guard note.count <= 25_000 else { throw JSMFailure.invalid("note is longer than 25000 characters") }
        let added = simulator.withWorld { w, now -> JSMWire.Note? in
            guard w.alerts[id] != nil else { return nil }
            return w.addNoteNow(id, note, by: caller.email, at: now)
        }
        guard let added else { throw JSMFailure.notFound("Alert with id [\(id)] not found") }
        return JSMRouted(body: added)
    }

    /// Queues a world write to apply after the processing delay; answers 202 `SuccessResponse`.
    private func enqueue(_ operation: WriteOperation, _ r: JSMRequest) -> JSMRouted {
        let requestId = UUID().uuidString.lowercased()
        let applyAt = ContinuousClock.now + simulator.configuration.processingDelay
        simulator.world.withLock { $0.pending.append((requestId, applyAt, operation)) }
        return JSMRouted(status: 202, body: JSMWire.Success(requestId: requestId, took: Int(Self.took(since: r.started))))
    }

    /// Decodes a write body: none is `{}`, bad JSON is 400, a wrongly typed or invalid field 422.
    static func decodeJSMBody(_ body: Data) throws -> JSMWriteBody {
        if body.isEmpty { return JSMWriteBody() }
        do {
            return try ServiceJSON.decoder().decode(JSMWriteBody.self, from: body)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw JSMFailure(status: 400, title: "Invalid JSON body")
        } catch DecodingError.typeMismatch(_, let context) {
            throw JSMFailure.invalid("\(context.codingPath.map(\.stringValue).joined(separator: ".")) has an invalid type")
        } catch DecodingError.dataCorrupted(let context) {
            throw JSMFailure.invalid("\(context.codingPath.map(\.stringValue).joined(separator: ".")) is invalid")
        } catch {
            throw JSMFailure(status: 400, title: "Invalid JSON body")
        }
    }
}

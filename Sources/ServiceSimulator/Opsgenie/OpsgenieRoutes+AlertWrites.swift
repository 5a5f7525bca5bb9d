import Foundation
import OpsgenieKit

/// The alert routes that write: each validates its body, then queues the write and answers 202.
extension SimulatorResponder {
    /// A write's body as the simulator reads it.
    ///
    /// Deliberately the simulator's own decoding, not OpsgenieKit's request types: a mistake in how the
    /// client encodes a write must show up as a refused or misread request here, not be mirrored.
    struct WriteBody: Decodable {
        var user: String?
        var source: String?
        var note: String?
        var endTime: Date?
        var owner: Recipient?
        var escalation: Recipient?
        var tags: [String]?
    }

    /// `POST /v2/alerts`: a message is required, the priority must be P1…P5.
    func createAlert(_ body: Data) throws -> Routed {
        let create = try decodeBody(CreateAlertRequest.self, body)
        guard let message = create.message, !message.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIFailure(status: 422, message: "Message can not be empty.")
        }
        if let priority = create.priority, !["P1", "P2", "P3", "P4", "P5"].contains(priority) {
            throw APIFailure(status: 422, message: "Priority should be one of [P1, P2, P3, P4, P5]")
        }
        return accept(.create(create))
    }

    /// `POST /v2/alerts/{id}/actions/{name}`: runs a custom action (its outcome in request status).
    func customAction(_ name: String, on id: String, body: Data) throws -> Routed {
        let write = try decodeBody(WriteBody.self, body)
        return accept(.customAction(alertId: id, action: name), by: write.user)
    }

    /// `POST /v2/alerts/{id}/{action}`: acknowledge, unacknowledge, close, snooze, assign, escalate, notes, tags.
    func alertAction(_ action: String, on id: String, body: Data) throws -> Routed {
        let write = try decodeBody(WriteBody.self, body)
        switch action {
        case "acknowledge": return accept(.acknowledge(alertId: id), by: write.user)
        case "unacknowledge": return accept(.unacknowledge(alertId: id), by: write.user)
        case "close": return accept(.close(alertId: id), by: write.user)
        case "snooze":
            guard let end = write.endTime else { throw APIFailure(status: 422, message: "endTime is required and must be an ISO-8601 date") }
            return accept(.snooze(alertId: id, endTime: end), by: write.user)
        case "assign":
            guard let owner = write.owner, owner.id != nil || owner.username != nil else {
                throw APIFailure(status: 422, message: "owner is required: give its id or username")
            }
            return accept(.assign(alertId: id, owner: owner), by: write.user)
        case "escalate":
            guard let escalation = write.escalation, escalation.id != nil || escalation.name != nil else {
                throw APIFailure(status: 422, message: "escalation is required: give its id or name")
            }
            return accept(.escalate(alertId: id, escalation: escalation), by: write.user)
        case "notes":
            guard let note = write.note, !note.isEmpty else { throw APIFailure(status: 422, message: "note can not be empty") }
            guard note.count <= 25000 else { throw APIFailure(status: 422, message: "note is longer than 25000 characters") }
            return accept(.addNote(alertId: id, note: note), by: write.user)
        case "tags":
            guard let tags = write.tags, !tags.isEmpty else { throw APIFailure(status: 422, message: "tags can not be empty") }
            return accept(.addTags(alertId: id, tags: tags), by: write.user)
        default:
            throw APIFailure(status: 404, message: "No handler found for POST /v2/alerts/{identifier}/\(action)")
        }
    }

    /// `DELETE /v2/alerts/{id}/tags?tags=a,b`.
    func removeTags(from id: String, query: [String: String]) throws -> Routed {
        let tags = (query["tags"] ?? "").split(separator: ",").map(String.init)
        guard !tags.isEmpty else { throw APIFailure(status: 422, message: "tags can not be empty") }
        return accept(.removeTags(alertId: id, tags: tags), by: query["user"])
    }

    /// Decodes a request body, answering bad JSON with 400 and wrongly typed fields with 422 as Opsgenie does.
    func decodeBody<T: Decodable>(_ type: T.Type, _ body: Data) throws -> T {
        if body.isEmpty, let empty = try? ServiceJSON.decoder().decode(T.self, from: Data("{}".utf8)) { return empty }
        do {
            return try ServiceJSON.decoder().decode(T.self, from: body)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw APIFailure(status: 400, message: "Invalid JSON body")
        } catch DecodingError.typeMismatch(_, let context) {
            throw APIFailure(status: 422, message: "\(context.codingPath.map(\.stringValue).joined(separator: ".")) has an invalid type")
        } catch DecodingError.dataCorrupted(let context) {
            throw APIFailure(status: 422, message: "\(context.codingPath.map(\.stringValue).joined(separator: ".")) is invalid")
        } catch {
            throw APIFailure(status: 400, message: "Invalid JSON body")
        }
    }

    /// Queues a write to apply after the processing delay and answers 202 with its request id.
    private func accept(_ operation: WriteOperation, by user: String? = nil) -> Routed {
        let requestId = UUID().uuidString.lowercased()
        let applyAt = ContinuousClock.now + simulator.configuration.processingDelay
        simulator.world.withLock { world in
            world.pending.append((requestId, applyAt, operation))
            if let user, !user.isEmpty { world.writers[requestId] = user }
        }
        return Routed(status: 202, data: AcceptedMarker(result: "Request will be processed", requestId: requestId))
    }
}

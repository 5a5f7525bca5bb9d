import Foundation
import OpsgenieKit

extension SimulatorResponder {
    /// Documented sort fields of `GET /v2/alerts`.
    static let sortFields: Set<String> = ["createdAt", "updatedAt", "tinyId", "alias", "message", "status", "acknowledged", "isSeen",
                                          "snoozed", "snoozedUntil", "count", "lastOccurredAt", "source", "owner", "integration.name",
                                          "integration.type", "report.ackTime", "report.closeTime", "report.acknowledgedBy",
                                          "report.closedBy"]

    func route(method: String, path: String, query: [String: String], body: Data, rights: AccessRights, host: String) throws -> Routed {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { String($0).removingPercentEncoding ?? String($0) }
        switch (method, parts.count, parts.first, parts.dropFirst().first) {
        case (_, _, "v2", "alerts"): return try alerts(method: method, parts: Array(parts.dropFirst(2)), query: query, body: body, rights: rights, host: host)
        case (_, _, "v2", "heartbeats"): return try heartbeats(method: method, parts: Array(parts.dropFirst(2)), rights: rights)
        case ("GET", _, "v2", "schedules"): return try schedules(parts: Array(parts.dropFirst(2)), query: query, rights: rights)
        case ("GET", 2, "v2", "users"):
            try rights.require(.configuration)
            let (offset, limit) = try paging(query)
            let users = simulator.withWorld { w, _ in w.users }
            let page = Array(users.dropFirst(offset).prefix(limit))
            let next = offset + limit < users.count ? "http://\(host)/v2/users?offset=\(offset + limit)&limit=\(limit)" : nil
            return Routed(data: page, paging: Paging(next: next, first: "http://\(host)/v2/users?offset=0&limit=\(limit)"),
                          extra: ["totalCount": users.count])
        case ("GET", 2, "v2", "teams"):
            try rights.require(.configuration)
            return Routed(data: simulator.withWorld { w, _ in w.teams }, expandable: ["member"])
        case ("GET", 2, "v2", "escalations"):
            try rights.require(.configuration)
            return Routed(data: simulator.withWorld { w, _ in w.escalations })
        case ("GET", 2, "v2", "account"):
            try rights.require(.read)
            return Routed(data: simulator.withWorld { w, _ in
                var account = w.account
                account.userCount = w.users.count
                return account
            })
        case ("GET", _, "v1", "incidents"):
            try rights.require(.read)
            if parts.count == 2 {
                let (offset, limit) = try paging(query)
                let incidents = simulator.withWorld { w, _ in w.incidents }
                let filtered = incidents.filter { incident in
                    guard let q = query["query"], !q.isEmpty else { return true }
                    if q.hasPrefix("status:") { return incident.status == String(q.dropFirst(7)) }
                    return (incident.message ?? "").lowercased().contains(q.lowercased())
                }
                return Routed(data: Array(filtered.dropFirst(offset).prefix(limit)))
            }
            let id = parts[2]
            let type = query["identifierType"] ?? "id"
            guard let incident = simulator.withWorld({ w, _ in w.incidents.first { type == "tiny" ? $0.tinyId == id : $0.id == id } }) else {
                throw APIFailure(status: 404, message: "Incident with id [\(id)] not found.")
            }
            return Routed(data: incident)
        default:
            throw APIFailure(status: 404, message: "No handler found for \(method) \(path)")
        }
    }

    func paging(_ query: [String: String]) throws -> (Int, Int) {
        let offset = Int(query["offset"] ?? "0") ?? -1
        let limit = Int(query["limit"] ?? "20") ?? -1
        guard offset >= 0 else { throw APIFailure(status: 422, message: "offset must be a non-negative integer") }
        guard (1...100).contains(limit) else { throw APIFailure(status: 422, message: "limit must be between 1 and 100") }
        return (offset, limit)
    }

    // MARK: Alerts

    private func resolveAlert(_ identifier: String, _ query: [String: String]) throws -> String {
        let type = query["identifierType"] ?? "id"
        guard ["id", "alias", "tiny"].contains(type) else {
            throw APIFailure(status: 422, message: "identifierType must be one of id, alias, tiny")
        }
        guard let id = simulator.withWorld({ w, _ in w.resolve(identifier, type: type) }) else {
            throw APIFailure(status: 404, message: "Alert with \(type == "id" ? "id" : type) [\(identifier)] not found.")
        }
        return id
    }

    private func decodeBody<T: Decodable>(_ type: T.Type, _ body: Data) throws -> T {
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

    private func accept(_ operation: WriteOperation) -> Routed {
        let requestId = UUID().uuidString.lowercased()
        let applyAt = ContinuousClock.now + simulator.configuration.processingDelay
        simulator.world.withLock { $0.pending.append((requestId, applyAt, operation)) }
        return Routed(status: 202, data: AcceptedMarker(result: "Request will be processed", requestId: requestId))
    }

    struct WriteBody: Decodable {
        var user: String?
        var source: String?
        var note: String?
        var endTime: Date?
        var owner: Recipient?
        var escalation: Recipient?
        var tags: [String]?
    }

    private func matching(_ query: [String: String]) throws -> [Alert] {
        var text = query["query"] ?? ""
        if let search = query["searchIdentifier"] {
            let byName = query["searchIdentifierType"] == "name"
            guard let saved = simulator.withWorld({ w, _ in w.savedSearches.first { byName ? $0.meta.name == search : $0.meta.id == search } }) else {
                throw APIFailure(status: 404, message: "Saved search [\(search)] not found.")
            }
            text = text.isEmpty ? saved.query : "(\(saved.query)) AND (\(text))"
        }
        let expression: AlertQueryExpression
        do { expression = try AlertQueryExpression.parse(text) } catch { throw APIFailure(status: 422, message: error.message) }
        return simulator.withWorld { w, now in
            let teams = w.teamNames
            return w.creationOrder.compactMap { w.current($0, at: now) }.filter { expression.matches($0, teamNames: teams) }
        }
    }

    private func alerts(method: String, parts: [String], query: [String: String], body: Data, rights: AccessRights, host: String) throws -> Routed {
        switch (method, parts.count, parts.first) {
        case ("GET", 0, _):
            try rights.require(.read)
            let (offset, limit) = try paging(query)
            let sort = query["sort"] ?? "createdAt"
            guard Self.sortFields.contains(sort) else { throw APIFailure(status: 422, message: "sort field [\(sort)] is not valid") }
            let order = query["order"] ?? "desc"
            guard order == "asc" || order == "desc" else { throw APIFailure(status: 422, message: "order must be asc or desc") }
            var all = try matching(query)
            all.sort { a, b in
                let ascending = Self.ascending(a, b, by: sort)
                return order == "asc" ? ascending : Self.ascending(b, a, by: sort)
            }
            let page = Array(all.dropFirst(offset).prefix(limit))
            func link(_ o: Int) -> String {
                var items = query
                items["offset"] = String(o)
                items["limit"] = String(limit)
                items["sort"] = sort
                items["order"] = order
                let q = items.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.percentEncodedComponent)" }.joined(separator: "&")
                return "http://\(host)/v2/alerts?\(q)"
            }
            let paging = Paging(prev: offset > 0 ? link(max(0, offset - limit)) : nil,
                                next: offset + limit < all.count ? link(offset + limit) : nil,
                                first: link(0), last: link(max(0, (all.count - 1) / limit * limit)))
            return Routed(data: page.map(Self.listed), paging: paging)
        case ("POST", 0, _):
            try rights.require(.createAndUpdate)
            let create = try decodeBody(CreateAlertRequest.self, body)
            guard let message = create.message, !message.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw APIFailure(status: 422, message: "Message can not be empty.")
            }
            if let priority = create.priority, !["P1", "P2", "P3", "P4", "P5"].contains(priority) {
                throw APIFailure(status: 422, message: "Priority should be one of [P1, P2, P3, P4, P5]")
            }
            return accept(.create(create))
        case ("GET", 1, "count"):
            try rights.require(.read)
            return Routed(data: ["count": try matching(query).count])
        case ("GET", 1, "saved-searches"):
            try rights.require(.read)
            return Routed(data: simulator.withWorld { w, _ in w.savedSearches.map(\.meta) })
        case ("GET", 2, "requests"):
            try rights.require(.read)
            guard let status = simulator.withWorld({ w, _ in w.processed[parts[1]] }) else {
                throw APIFailure(status: 404, message: "Request not found. It might not be processed, yet.")
            }
            return Routed(data: status)
        case ("GET", 1, _):
            try rights.require(.read)
            let id = try resolveAlert(parts[0], query)
            return Routed(data: simulator.withWorld { w, now in w.current(id, at: now) })
        case ("GET", 2, _) where parts[1] == "notes" || parts[1] == "logs":
            try rights.require(.read)
            let id = try resolveAlert(parts[0], query)
            let limit = Int(query["limit"] ?? "20") ?? 20
            guard (1...100).contains(limit) else { throw APIFailure(status: 422, message: "limit must be between 1 and 100") }
            let ascending = query["order"] == "asc"
            if parts[1] == "notes" {
                let notes = simulator.withWorld { w, _ in w.notes[id] ?? [] }
                return Routed(data: Array((ascending ? notes : notes.reversed()).prefix(limit)))
            }
            let logs = simulator.withWorld { w, _ in w.logs[id] ?? [] }
            return Routed(data: Array((ascending ? logs : logs.reversed()).prefix(limit)))
        case ("POST", 2, _):
            try rights.require(.createAndUpdate)
            let id = try resolveAlert(parts[0], query)
            let write = try decodeBody(WriteBody.self, body)
            switch parts[1] {
            case "acknowledge": return accept(.acknowledge(alertId: id))
            case "unacknowledge": return accept(.unacknowledge(alertId: id))
            case "close": return accept(.close(alertId: id))
            case "snooze":
                guard let end = write.endTime else { throw APIFailure(status: 422, message: "endTime is required and must be an ISO-8601 date") }
                return accept(.snooze(alertId: id, endTime: end))
            case "assign":
                guard let owner = write.owner, owner.id != nil || owner.username != nil else {
                    throw APIFailure(status: 422, message: "owner is required: give its id or username")
                }
                return accept(.assign(alertId: id, owner: owner))
            case "escalate":
                guard let escalation = write.escalation, escalation.id != nil || escalation.name != nil else {
                    throw APIFailure(status: 422, message: "escalation is required: give its id or name")
                }
                return accept(.escalate(alertId: id, escalation: escalation))
            case "notes":
                guard let note = write.note, !note.isEmpty else { throw APIFailure(status: 422, message: "note can not be empty") }
                guard note.count <= 25000 else { throw APIFailure(status: 422, message: "note is longer than 25000 characters") }
                return accept(.addNote(alertId: id, note: note))
            case "tags":
                guard let tags = write.tags, !tags.isEmpty else { throw APIFailure(status: 422, message: "tags can not be empty") }
                return accept(.addTags(alertId: id, tags: tags))
            default:
                throw APIFailure(status: 404, message: "No handler found for POST /v2/alerts/{identifier}/\(parts[1])")
            }
        case ("DELETE", 2, _) where parts[1] == "tags":
            try rights.require(.createAndUpdate)
            let id = try resolveAlert(parts[0], query)
            let tags = (query["tags"] ?? "").split(separator: ",").map(String.init)
            guard !tags.isEmpty else { throw APIFailure(status: 422, message: "tags can not be empty") }
            return accept(.removeTags(alertId: id, tags: tags))
        default:
            throw APIFailure(status: 404, message: "No handler found for \(method) /v2/alerts/\(parts.joined(separator: "/"))")
        }
    }

    /// A listed alert: no description, details or actions (the list answer is `BaseAlert`).
    static func listed(_ alert: Alert) -> Alert {
        var a = alert
        a.description = nil
        a.details = nil
        a.actions = nil
        a.entity = nil
        return a
    }

    static func ascending(_ a: Alert, _ b: Alert, by field: String) -> Bool {
        func cmp<T: Comparable>(_ x: T?, _ y: T?) -> Bool {
            switch (x, y) {
            case let (x?, y?): return x == y ? a.id < b.id : x < y
            case (nil, _?): return true
            default: return false
            }
        }
        switch field {
        case "updatedAt": return cmp(a.updatedAt, b.updatedAt)
        case "tinyId": return cmp(Int(a.tinyId ?? ""), Int(b.tinyId ?? ""))
        case "alias": return cmp(a.alias, b.alias)
        case "message": return cmp(a.message, b.message)
        case "status": return cmp(a.status?.rawValue, b.status?.rawValue)
        case "acknowledged": return cmp(a.acknowledged.map { $0 ? 1 : 0 }, b.acknowledged.map { $0 ? 1 : 0 })
        case "isSeen": return cmp(a.isSeen.map { $0 ? 1 : 0 }, b.isSeen.map { $0 ? 1 : 0 })
        case "snoozed": return cmp(a.snoozed.map { $0 ? 1 : 0 }, b.snoozed.map { $0 ? 1 : 0 })
        case "snoozedUntil": return cmp(a.snoozedUntil, b.snoozedUntil)
        case "count": return cmp(a.count, b.count)
        case "lastOccurredAt": return cmp(a.lastOccurredAt, b.lastOccurredAt)
        case "source": return cmp(a.source, b.source)
        case "owner": return cmp(a.owner, b.owner)
        case "integration.name": return cmp(a.integration?.name, b.integration?.name)
        case "integration.type": return cmp(a.integration?.type, b.integration?.type)
        case "report.ackTime": return cmp(a.report?.ackTime, b.report?.ackTime)
        case "report.closeTime": return cmp(a.report?.closeTime, b.report?.closeTime)
        case "report.acknowledgedBy": return cmp(a.report?.acknowledgedBy, b.report?.acknowledgedBy)
        case "report.closedBy": return cmp(a.report?.closedBy, b.report?.closedBy)
        default: return cmp(a.createdAt, b.createdAt)
        }
    }

    // MARK: Heartbeats

    private func heartbeats(method: String, parts: [String], rights: AccessRights) throws -> Routed {
        if parts.count == 2, parts[1] == "ping", ["GET", "POST", "PUT", "PATCH"].contains(method) {
            let name = parts[0]
            let found: Bool = simulator.withWorld { w, now in
                guard var sim = w.heartbeats[name] else { return false }
                sim.heartbeat.lastPingTime = now
                sim.heartbeat.expired = false
                sim.alertRaised = false
                w.heartbeats[name] = sim
                return true
            }
            guard found else { throw APIFailure(status: 404, message: "Heartbeat with name [\(name)] not found.") }
            return Routed(status: 202, data: AcceptedMarker(result: "PONG - Heartbeat received", requestId: UUID().uuidString.lowercased()))
        }
        guard method == "GET" else { throw APIFailure(status: 405, message: "Method not allowed") }
        try rights.require(.configuration)
        if parts.isEmpty {
            let beats = simulator.withWorld { w, _ in w.heartbeatOrder.compactMap { w.heartbeats[$0]?.heartbeat } }
            return Routed(data: ["heartbeats": beats])
        }
        guard parts.count == 1, let beat = simulator.withWorld({ w, _ in w.heartbeats[parts[0]]?.heartbeat }) else {
            throw APIFailure(status: 404, message: "Heartbeat with name [\(parts.first ?? "")] not found.")
        }
        return Routed(data: beat)
    }

    // MARK: Schedules

    private func schedules(parts: [String], query: [String: String], rights: AccessRights) throws -> Routed {
        try rights.require(.configuration)
        let date: Date = try query["date"].map { text in
            guard let d = ServiceJSON.parseDate(text) else { throw APIFailure(status: 422, message: "date must be an ISO-8601 date") }
            return d
        } ?? simulator.clock.now()
        let flat = query["flat"] == "true"
        if parts.isEmpty {
            let expand = (query["expand"] ?? "").contains("rotation")
            let list = simulator.withWorld { w, _ in w.schedules.map { s -> Schedule in var s = s; if !expand { s.rotations = nil }; return s } }
            return Routed(data: list, expandable: ["rotation"])
        }
        if parts == ["on-calls"] {
            let all = simulator.withWorld { w, _ in w.schedules.map { onCall(w, $0, at: date, flat: flat) } }
            return Routed(data: all)
        }
        let byName = (query["scheduleIdentifierType"] ?? query["identifierType"]) == "name"
        guard let schedule = simulator.withWorld({ w, _ in w.schedules.first { byName ? $0.name == parts[0] : $0.id == parts[0] } }) else {
            throw APIFailure(status: 404, message: "Schedule with identifier [\(parts[0])] not found.")
        }
        switch parts.dropFirst().first {
        case nil: return Routed(data: schedule)
        case "on-calls": return Routed(data: simulator.withWorld { w, _ in onCall(w, schedule, at: date, flat: flat) })
        case "next-on-calls":
            return Routed(data: simulator.withWorld { w, _ -> NextOnCall in
                let ends = (schedule.rotations ?? []).compactMap { SimulatorWorld.shift(of: $0, at: date)?.end }
                let handoff = ends.min() ?? date
                let names = w.onCallNames(schedule, at: handoff)
                let meta = ScheduleMeta(id: schedule.id, name: schedule.name, enabled: schedule.enabled)
                if flat { return NextOnCall(parent: meta, nextOnCallParticipants: names, exactNextOnCallParticipants: names) }
                let people = names.map { n in OnCallParticipant(id: w.users.first { $0.username == n }?.id, name: n, type: "user") }
                return NextOnCall(parent: meta, nextOnCallRecipients: people, exactNextOnCallRecipients: people)
            })
        case "timeline":
            let interval = Int(query["interval"] ?? "1") ?? 1
            let unit = query["intervalUnit"] ?? "weeks"
            let seconds: TimeInterval
            switch unit {
            case "days": seconds = 86400
            case "weeks": seconds = 7 * 86400
            case "months": seconds = 30 * 86400
            default: throw APIFailure(status: 422, message: "intervalUnit must be days, weeks or months")
            }
            guard (1...12).contains(interval) else { throw APIFailure(status: 422, message: "interval must be between 1 and 12") }
            return Routed(data: simulator.withWorld { w, _ in w.timeline(schedule, from: date, to: date.addingTimeInterval(seconds * Double(interval))) },
                          expandable: ["base", "forwarding", "override"])
        default:
            throw APIFailure(status: 404, message: "No handler found")
        }
    }

    private func onCall(_ w: SimulatorWorld, _ schedule: Schedule, at date: Date, flat: Bool) -> OnCall {
        let names = w.onCallNames(schedule, at: date)
        let meta = ScheduleMeta(id: schedule.id, name: schedule.name, enabled: schedule.enabled)
        if flat { return OnCall(parent: meta, onCallRecipients: names) }
        return OnCall(parent: meta, onCallParticipants: names.map { n in
            OnCallParticipant(id: w.users.first { $0.username == n }?.id, name: n, type: "user")
        })
    }
}

import Foundation
import OpsgenieKit

/// The alert routes under `/v2/alerts`: which handler answers, and the ones that read.
extension SimulatorResponder {
    /// Documented sort fields of `GET /v2/alerts`.
    static let sortFields: Set<String> = ["createdAt", "updatedAt", "tinyId", "alias", "message", "status", "acknowledged", "isSeen",
                                          "snoozed", "snoozedUntil", "count", "lastOccurredAt", "source", "owner", "integration.name",
                                          "integration.type", "report.ackTime", "report.closeTime", "report.acknowledgedBy",
                                          "report.closedBy"]

    /// Routes a request under `/v2/alerts`; `parts` is the path after it. Access rights are checked
    /// here, before anything else is looked at.
    func alerts(method: String, parts: [String], query: [String: String], body: Data, rights: AccessRights, host: String) throws -> Routed {
        switch (method, parts.count, parts.first) {
        case ("GET", 0, _):
            try rights.require(.read)
            return try listAlerts(query, host: host)
        case ("POST", 0, _):
            try rights.require(.createAndUpdate)
            return try createAlert(body)
        case ("GET", 1, "count"):
            try rights.require(.read)
            return Routed(data: ["count": try matching(query).count])
        case ("GET", 1, "saved-searches"):
            try rights.require(.read)
            return Routed(data: simulator.withWorld { w, _ in w.savedSearches.map(\.meta) })
        case ("GET", 2, "requests"):
            try rights.require(.read)
            return try requestStatus(parts[1])
        case ("GET", 1, _):
            try rights.require(.read)
            let id = try resolveAlert(parts[0], query)
            return Routed(data: simulator.withWorld { w, now in w.current(id, at: now) })
        case ("GET", 2, _) where parts[1] == "notes" || parts[1] == "logs":
            try rights.require(.read)
            let id = try resolveAlert(parts[0], query)
            return try notesOrLogs(parts[1], of: id, query: query)
        case ("POST", 2, _):
            try rights.require(.createAndUpdate)
            let id = try resolveAlert(parts[0], query)
            return try alertAction(parts[1], on: id, body: body)
        case ("POST", 3, _) where parts[1] == "actions":
            try rights.require(.createAndUpdate)
            let id = try resolveAlert(parts[0], query)
            return try customAction(parts[2].removingPercentEncoding ?? parts[2], on: id, body: body)
        case ("DELETE", 2, _) where parts[1] == "tags":
            try rights.require(.createAndUpdate)
            let id = try resolveAlert(parts[0], query)
            return try removeTags(from: id, query: query)
        default:
            throw APIFailure(status: 404, message: "No handler found for \(method) /v2/alerts/\(parts.joined(separator: "/"))")
        }
    }

    /// Resolves `identifier` (of the query's `identifierType`) to an alert id, or throws Opsgenie's 422/404.
    func resolveAlert(_ identifier: String, _ query: [String: String]) throws -> String {
        let type = query["identifierType"] ?? "id"
        guard ["id", "alias", "tiny"].contains(type) else {
            throw APIFailure(status: 422, message: "identifierType must be one of id, alias, tiny")
        }
        guard let id = simulator.withWorld({ w, _ in w.resolve(identifier, type: type) }) else {
            throw APIFailure(status: 404, message: "Alert with \(type == "id" ? "id" : type) [\(identifier)] not found.")
        }
        return id
    }

    // MARK: Reads

    /// The alerts matching the query (and saved search, if named), in creation order.
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

    /// `GET /v2/alerts`: one sorted page of the matching alerts, with links to the others.
    private func listAlerts(_ query: [String: String], host: String) throws -> Routed {
        let (offset, limit) = try paging(query)
        let (sort, order) = try sortAndOrder(query, fields: Self.sortFields)
        var all = try matching(query)
        all.sort { a, b in
            let ascending = Self.ascending(a, b, by: sort)
            return order == "asc" ? ascending : Self.ascending(b, a, by: sort)
        }
        let page = Array(all.dropFirst(offset).prefix(limit))
        let paging = pagingLinks(path: "/v2/alerts", query: query, host: host, offset: offset, limit: limit, total: all.count,
                                 sort: sort, order: order)
        return Routed(data: page.map(Self.listed), paging: paging)
    }

    /// `GET /v2/alerts/requests/{id}`: how a write turned out, or 404 until it is processed.
    private func requestStatus(_ requestId: String) throws -> Routed {
        guard let status = simulator.withWorld({ w, _ in w.processed[requestId] }) else {
            throw APIFailure(status: 404, message: "Request not found. It might not be processed, yet.")
        }
        return Routed(data: status)
    }

    /// `GET /v2/alerts/{id}/notes` or `/logs`: newest first unless `order=asc`.
    private func notesOrLogs(_ kind: String, of id: String, query: [String: String]) throws -> Routed {
        if kind == "notes" { return try entriesPage(simulator.withWorld { w, _ in w.notes[id] ?? [] }, query: query) }
        return try entriesPage(simulator.withWorld { w, _ in w.logs[id] ?? [] }, query: query)
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
        func cmp<T: Comparable>(_ x: T?, _ y: T?) -> Bool { nilsFirst(x, y, tie: a.id < b.id) }
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
}

import Foundation
import OpsgenieKit

/// The routing of every API request, and the heartbeat routes.
extension SimulatorResponder {
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
        case (_, _, "v1", "incidents"):
            return try incidents(method: method, parts: Array(parts.dropFirst(2)), query: query, body: body, rights: rights, host: host)
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

    /// `sort` (one of `fields`, default `createdAt`) and `order` (`asc` or `desc`, default `desc`) of a list request.
    func sortAndOrder(_ query: [String: String], fields: Set<String>) throws -> (sort: String, order: String) {
        let sort = query["sort"] ?? "createdAt"
        guard fields.contains(sort) else { throw APIFailure(status: 422, message: "sort field [\(sort)] is not valid") }
        let order = query["order"] ?? "desc"
        guard order == "asc" || order == "desc" else { throw APIFailure(status: 422, message: "order must be asc or desc") }
        return (sort, order)
    }

    /// A list answer's paging links: the request's own query with offset, limit, sort and order set, on this host.
    func pagingLinks(path: String, query: [String: String], host: String, offset: Int, limit: Int, total: Int,
                     sort: String, order: String) -> Paging {
        func link(_ o: Int) -> String {
            var items = query
            items["offset"] = String(o)
            items["limit"] = String(limit)
            items["sort"] = sort
            items["order"] = order
            let q = items.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.percentEncodedComponent)" }.joined(separator: "&")
            return "http://\(host)\(path)?\(q)"
        }
        return Paging(prev: offset > 0 ? link(max(0, offset - limit)) : nil,
                      next: offset + limit < total ? link(offset + limit) : nil,
                      first: link(0), last: link(max(0, (total - 1) / limit * limit)))
    }

    /// Ascending order on an optional field: missing values first, `tie` deciding between equal ones.
    static func nilsFirst<T: Comparable>(_ x: T?, _ y: T?, tie: Bool) -> Bool {
        switch (x, y) {
        case let (x?, y?): return x == y ? tie : x < y
        case (nil, _?): return true
        default: return false
        }
    }

    /// Notes or log entries (kept oldest first): newest first unless `order=asc`, at most `limit` (1…100).
    /// The `offset` and `direction` parameters, which name an entry's own `offset`, are not applied.
    func entriesPage<Entry: Encodable>(_ entries: [Entry], query: [String: String]) throws -> Routed {
        let limit = Int(query["limit"] ?? "20") ?? 20
        guard (1...100).contains(limit) else { throw APIFailure(status: 422, message: "limit must be between 1 and 100") }
        let ordered = query["order"] == "asc" ? entries : entries.reversed()
        return Routed(data: Array(ordered.prefix(limit)))
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
}

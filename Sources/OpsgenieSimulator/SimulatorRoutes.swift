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

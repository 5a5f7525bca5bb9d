import Foundation
import OpsgenieKit

/// The JSM alert routes under `/v1/alerts`: which handler answers, and the ones that read.
extension SimulatorResponder {
    /// The documented `sort` values of `GET /v1/alerts` [OAS `listAlerts`].
    static let jsmSortFields: Set<String> = ["createdAt", "insertedAt", "lastOccurredAt", "priority"]

    /// At most 20,000 alerts can be listed: `offset + size` must be lower [OAS `/v1/alerts`].
    static let jsmListLimit = 20_000

    /// Routes a request under `/v1/alerts`.
    func jsmAlerts(_ r: JSMRequest) throws -> JSMRouted {
        let rest = Array(r.parts.dropFirst())
        switch (r.method, rest.count, rest.first) {
        case ("GET", 0, _): return try jsmListAlerts(r)
        case ("GET", 1, "alias"):
            try r.caller.require(.read)
            guard let alias = r.query["alias"], !alias.isEmpty else { throw JSMFailure.invalid("alias is required") }
            guard let id = simulator.withWorld({ w, _ in w.resolve(alias, type: "alias") }) else {
                throw JSMFailure.notFound("Alert with alias [\(alias)] not found")
            }
            return try jsmAlert(id)
        case ("GET", 2, "requests"):
            try r.caller.require(.read)
            // A request not processed yet is not found either: likely, and what Opsgenie does, but undocumented.
            guard let status = simulator.withWorld({ w, _ in w.processed[rest[1]] }) else {
                throw JSMFailure.notFound("Request with id [\(rest[1])] not found")
            }
            return JSMRouted(body: JSMWire.RequestStatus(status))
        case ("GET", 1, _):
            try r.caller.require(.read)
            return try jsmAlert(rest[0])
        case ("GET", 2, _) where rest[1] == "notes" || rest[1] == "logs":
            try r.caller.require(.read)
            return try jsmNotesOrLogs(rest[1], of: rest[0], query: r.query)
        case ("POST", 2, _):
            return try jsmAlertWrite(rest[1], on: rest[0], r)
        case ("DELETE", 2, _) where rest[1] == "tags":
            return try jsmAlertWrite("untag", on: rest[0], r)
        default:
            throw JSMFailure.notFound("No handler found for \(r.method) /v1/alerts/\(rest.joined(separator: "/"))")
        }
    }

    /// `GET /v1/alerts/{id}` (and the alias look-up): the `AlertResponse`, or 404.
    private func jsmAlert(_ id: String) throws -> JSMRouted {
        guard let alert = simulator.withWorld({ w, now in w.current(id, at: now).map { Self.jsm($0, in: w) } }) else {
            throw JSMFailure.notFound("Alert with id [\(id)] not found")
        }
        return JSMRouted(body: alert)
    }

    /// An alert as JSM shows it, its owner's username turned into their display name.
    static func jsm(_ alert: Alert, in w: SimulatorWorld) -> JSMWire.Alert {
        JSMWire.Alert(alert) { w.displayName(ofUsername: $0) }
    }

    /// `GET /v1/alerts`: one sorted page of the alerts matching `query` (and the `from`/`to` window),
    /// `count` the total that match, `links.next` only when there is more.
    private func jsmListAlerts(_ r: JSMRequest) throws -> JSMRouted {
        try r.caller.require(.read)
        let (offset, size) = try jsmPaging(r.query)
        guard offset + size < Self.jsmListLimit else {
            throw JSMFailure.invalid("offset + size must be lower than \(Self.jsmListLimit): at most \(Self.jsmListLimit) alerts can be listed")
        }
        let sort = r.query["sort"] ?? "createdAt"
        guard Self.jsmSortFields.contains(sort) else {
            throw JSMFailure.invalid("sort must be one of createdAt, insertedAt, lastOccurredAt, priority")
        }
        let order = r.query["order"] ?? "desc"
        guard order == "asc" || order == "desc" else { throw JSMFailure.invalid("order must be asc or desc") }
        let window = try Self.timeWindow(r.query)
        let expression: AlertQueryExpression
        do { expression = try AlertQueryExpression.parse(r.query["query"] ?? "") } catch { throw JSMFailure.invalid(error.message) }
        let (page, total) = simulator.withWorld { w, now -> ([JSMWire.Alert], Int) in
            let teams = w.teamNames
            var all = w.creationOrder.compactMap { w.current($0, at: now) }.filter { alert in
                let created = alert.createdAt ?? .distantPast
                // `status:open` is JSM's own status: acknowledged alerts read `acked` and do not match it.
                return window.contains(created) && expression.matches(alert, teamNames: teams, status: JSMWire.Alert.status(of:))
            }
            all.sort { a, b in order == "asc" ? Self.jsmAscending(a, b, by: sort) : Self.jsmAscending(b, a, by: sort) }
            return (Self.page(all, offset: offset, size: size).map { Self.jsm($0, in: w) }, all.count)
        }
        let next = Self.nextLink("/v1/alerts", offset: offset, size: size, total: total, keeping: r.query)
        return JSMRouted(body: JSMWire.AlertList(values: page, count: total, links: JSMWire.Links(next: next)))
    }

    /// The `from`/`to` window of the alert list. Documented as integers; that they are epoch
    /// milliseconds of the creation time is assumed (not confirmed anywhere).
    static func timeWindow(_ query: [String: String]) throws -> ClosedRange<Date> {
        func bound(_ name: String, _ fallback: Date) throws -> Date {
            guard let text = query[name] else { return fallback }
            guard let millis = Int64(text) else { throw JSMFailure.invalid("\(name) must be an integer (epoch milliseconds)") }
            return Date(timeIntervalSince1970: Double(millis) / 1000)
        }
        let from = try bound("from", .distantPast)
        let to = try bound("to", .distantFuture)
        guard from <= to else { throw JSMFailure.invalid("from must not be after to") }
        return from ... to
    }

    /// Sort order for JSM's sort fields; ties broken by id so pages are stable. `insertedAt` is the
    /// creation time (the simulator stores no other); `priority` sorts by its name, so ascending is
    /// P1 first — how JSM orders priorities is not documented.
    static func jsmAscending(_ a: Alert, _ b: Alert, by field: String) -> Bool {
        func cmp<T: Comparable>(_ x: T?, _ y: T?) -> Bool {
            switch (x, y) {
            case let (x?, y?): return x == y ? a.id < b.id : x < y
            case (nil, _?): return true
            case (nil, nil): return a.id < b.id
            default: return false
            }
        }
        switch field {
        case "lastOccurredAt": return cmp(a.lastOccurredAt, b.lastOccurredAt)
        case "priority": return cmp(a.priority?.rawValue, b.priority?.rawValue)
        default: return cmp(a.createdAt, b.createdAt)
        }
    }

    /// `GET /v1/alerts/{id}/notes` or `/logs`: newest first, `size` records after the `after` key.
    ///
    /// Neither the order nor the default or maximum `size` is documented: newest first is
    /// Opsgenie's default, and `size` is 20 by default, 1…100, as Opsgenie's `limit`.
    private func jsmNotesOrLogs(_ kind: String, of id: String, query: [String: String]) throws -> JSMRouted {
        guard let size = Int(query["size"] ?? "20"), (1...100).contains(size) else { throw JSMFailure.invalid("size must be between 1 and 100") }
        let path = "/v1/alerts/\(id.percentEncodedComponent)/\(kind)"
        if kind == "notes" {
            guard let notes = simulator.withWorld({ w, _ in w.alerts[id] == nil ? nil : w.keyedNotes(id) }) else {
                throw JSMFailure.notFound("Alert with id [\(id)] not found")
            }
            return JSMRouted(body: try Self.keyedPage(notes.map { ($0.key, $0.note) }, path: path, size: size, query: query))
        }
        guard let logs = simulator.withWorld({ w, _ in w.alerts[id] == nil ? nil : w.keyedLogs(id) }) else {
            throw JSMFailure.notFound("Alert with id [\(id)] not found")
        }
        return JSMRouted(body: try Self.keyedPage(logs.map { ($0.key, $0.log) }, path: path, size: size, query: query))
    }

    /// A page of keyed records (given oldest first), newest first from just after the `after` key;
    /// `links.next` carries the last key of this page, and `size` if the request gave one.
    static func keyedPage<T: Encodable>(_ records: [(key: String, value: T)], path: String, size: Int,
                                        query: [String: String]) throws -> JSMWire.Page<T> {
        let newestFirst = Array(records.reversed())
        var start = 0
        if let after = query["after"] {
            guard let index = newestFirst.firstIndex(where: { $0.key == after }) else {
                throw JSMFailure.invalid("after [\(after)] is not the key of a record of this alert")
            }
            start = index + 1
        }
        let page = Array(newestFirst.dropFirst(start).prefix(size))
        var next: String?
        if let last = page.last, start + page.count < newestFirst.count {
            next = "\(path)?after=\(last.key)" + (query["size"] != nil ? "&size=\(size)" : "")
        }
        return JSMWire.Page(values: page.map(\.value), links: JSMWire.Links(next: next))
    }
}

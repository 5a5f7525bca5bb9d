import Foundation
import NIOHTTP1
import OperationsModel

extension JSMOpsClient {
    /// One page of alerts (`offset`, `size`, newest first by default) and the total that match.
    public func listAlerts(query: String?, offset: Int, size: Int, sort: String = "createdAt",
                           order: String = "desc") async throws(OperationsError) -> (alerts: [Alert], total: Int?, hasMore: Bool) {
        var items: [(String, String)] = [("offset", String(offset)), ("size", String(size)), ("sort", sort), ("order", order)]
        if let query, !query.isEmpty { items.append(("query", query)) }
        let page = try await get(JSMPage<JSMAlert>.self, Request(path: "/v1/alerts", query: items, domain: .search))
        let teamNames = await teamNamesCached()
        return ((page.values ?? []).map { $0.alert(teamNames: teamNames) }, page.count, page.links?.next?.isEmpty == false)
    }

    /// How many alerts match: the list answer's `count` (JSM has no count endpoint).
    public func countAlerts(query: String?) async throws(OperationsError) -> Int {
        var items: [(String, String)] = [("offset", "0"), ("size", "1")]
        if let query, !query.isEmpty { items.append(("query", query)) }
        let page = try await get(JSMPage<JSMAlert>.self, Request(path: "/v1/alerts", query: items, domain: .search))
        guard let count = page.count else { throw .badResponse("the alert list answer has no count") }
        return count
    }

    /// One alert by id.
    public func getAlert(id: String) async throws(OperationsError) -> Alert {
        let alert = try await get(JSMAlert.self, Request(path: "/v1/alerts/\(id.percentEncodedComponent)", domain: .alert))
        return alert.alert(teamNames: await teamNamesCached())
    }

    /// The latest notes of an alert.
    public func notes(alertId: String, size: Int) async throws(OperationsError) -> [AlertNote] {
        let page = try await get(JSMPage<JSMNote>.self, Request(path: "/v1/alerts/\(alertId.percentEncodedComponent)/notes",
                                                                query: [("size", String(min(100, max(1, size))))], domain: .alert))
        return (page.values ?? []).map { AlertNote(note: $0.note, owner: $0.owner, createdAt: $0.createdAt) }
    }

    /// The latest log entries of an alert.
    public func logs(alertId: String, size: Int) async throws(OperationsError) -> [AlertLog] {
        let page = try await get(JSMPage<JSMLog>.self, Request(path: "/v1/alerts/\(alertId.percentEncodedComponent)/logs",
                                                               query: [("size", String(min(100, max(1, size))))], domain: .alert))
        return (page.values ?? []).map { AlertLog(log: $0.log, type: $0.logType, owner: $0.owner, createdAt: $0.logTime) }
    }

    /// A write that answers 202 with a request id (acknowledge, close, snooze, assign, …).
    func acceptedWrite(_ alertId: String, _ verb: String, method: HTTPMethod = .POST, body: Data? = nil) async throws(OperationsError) -> ActionReceipt {
        let (status, data) = try await send(Request(method: method, path: "/v1/alerts/\(alertId.percentEncodedComponent)/\(verb)", body: body,
                                                    domain: .alert))
        let accepted = try decode(JSMAccepted.self, data, status: status)
        guard let requestId = accepted.requestId, !requestId.isEmpty else { throw .badResponse("a \(verb) answer without a requestId", status: status) }
        return ActionReceipt(requestId: requestId)
    }

    /// Sends an alert action. A note answers at once (200 with the note), so its receipt
    /// carries no request to ask about; everything else is confirmed through request status.
    public func perform(_ action: AlertAction, alertId: String) async throws(OperationsError) -> ActionReceipt {
        switch action {
        case .acknowledge: return try await acceptedWrite(alertId, "acknowledge")
        case .unacknowledge: return try await acceptedWrite(alertId, "unacknowledge")
        case .close: return try await acceptedWrite(alertId, "close")
        case .snooze(let until): return try await acceptedWrite(alertId, "snooze", body: Self.body(["endTime": ServiceJSON.formatDate(until)]))
        case .assign(let user):
            guard let accountId = accountId(for: user) else {
                throw .invalidConfiguration("JSM assigns by Atlassian accountId, and no account is known for \(user); pick someone from the list")
            }
            return try await acceptedWrite(alertId, "assign", body: Self.body(["accountId": accountId]))
        case .escalate(let escalation):
            guard case .id(let escalationId) = escalation else { throw .invalidConfiguration("JSM escalates by escalation id, not by name") }
            return try await acceptedWrite(alertId, "escalate", body: Self.body(["escalationId": escalationId]))
        case .addTags(let tags): return try await acceptedWrite(alertId, "tags", body: Self.body(["tags": tags]))
        case .removeTags(let tags): return try await acceptedWrite(alertId, "tags", method: .DELETE, body: Self.body(["tags": tags]))
        case .customAction(let name): return try await acceptedWrite(alertId, "action", body: Self.body(["actionName": name]))
        case .addNote(let note):
            var request = Request(method: .POST, path: "/v1/alerts/\(alertId.percentEncodedComponent)/notes", body: Self.body(["note": note]), domain: .alert)
            request.idempotent = false
            let (status, data) = try await send(request)
            let posted = try decode(JSMNote.self, data, status: status)
            return ActionReceipt(requestId: Self.synchronousPrefix + (posted.id ?? "note"))
        }
    }

    /// The account id of a user: given, or looked up by email or display name among the
    /// people Vigil has resolved.
    func accountId(for user: UserReference) -> String? {
        switch user {
        case .id(let id): return id
        case .username(let name):
            return userCache.withLock { cache in cache.first { $0.value.email == name || $0.value.name == name }?.key }
        }
    }

    /// Receipts of writes JSM applies at once (a note): nothing to ask request status about.
    static let synchronousPrefix = "applied:"

    /// The outcome of an accepted write, `nil` while JSM has not processed it (404).
    public func requestStatus(_ requestId: String) async throws(OperationsError) -> RequestStatus? {
        do {
            let status = try await get(JSMRequestStatus.self, Request(path: "/v1/alerts/requests/\(requestId.percentEncodedComponent)", domain: .alert))
            return RequestStatus(action: status.action, processedAt: status.processedAt, integrationId: status.integrationId,
                                 isSuccess: status.isSuccess, status: status.status, alertId: status.alertId, alias: status.alias)
        } catch where error.status == 404 {
            return nil
        }
    }

    /// Waits for the outcome of an accepted write, backing off from 250 ms to 5 s.
    public func awaitOutcome(of receipt: ActionReceipt, timeout: Duration) async throws(OperationsError) -> RequestStatus {
        if receipt.requestId.hasPrefix(Self.synchronousPrefix) {
            return RequestStatus(action: "AddNote", processedAt: clock.now(), isSuccess: true, status: "applied", alertId: nil, alias: nil)
        }
        let start = clock.now()
        var delay = Duration.milliseconds(250)
        while true {
            if let status = try await requestStatus(receipt.requestId) {
                if status.isSuccess == true { return status }
                throw .requestFailed(reason: status.status ?? "the write did not apply", requestId: receipt.requestId, service: .jsm)
            }
            guard clock.now().timeIntervalSince(start) + delay.timeInterval <= timeout.timeInterval else {
                throw .requestStatusTimeout(requestId: receipt.requestId)
            }
            do { try await clock.sleep(for: delay) } catch { throw OperationsError.transport("cancelled") }
            delay = min(delay * 2, .seconds(5))
        }
    }
}

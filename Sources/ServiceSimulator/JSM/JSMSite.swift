import Foundation
import Hummingbird
import OpsgenieKit

/// What the simulated JSM site exposes to tests and tools.
extension Simulator {
    /// The site's cloud id: the `{cloudId}` of `/jsm/ops/api/{cloudId}/v1/…`, and what `/_edge/tenant_info` answers.
    public var cloudId: String { configuration.cloudId }

    /// Every user's Atlassian account id.
    public var accountIds: Set<String> {
        withWorld { w, _ in Set(w.users.map { SimulatorWorld.accountId(forUserId: $0.id) }) }
    }

    /// The Atlassian account id of the user with this username (their e-mail address), as JSM's
    /// on-call answers, `assign` and `/rest/api/3/user/bulk` use it; `nil` for nobody.
    public func accountId(ofUsername username: String) -> String? {
        withWorld { w, _ in w.users.first { $0.username == username }.map { SimulatorWorld.accountId(forUserId: $0.id) } }
    }
}

/// The Jira platform route on the site host: `GET /rest/api/3/user/bulk`.
extension SimulatorResponder {
    /// The largest page the simulator gives. Jira's maximum is not documented; a larger
    /// `maxResults` is lowered to this and the answer's `maxResults` says so.
    static let userBulkMaximum = 100

    /// `GET /rest/api/3/user/bulk?accountId=A&accountId=B&startAt=&maxResults=`: Jira's `PageBean` of
    /// the users found (unknown ids are left out), `maxResults` 10 by default.
    func userBulk(_ request: Request, host: String) throws -> JSMRouted {
        var ids: [String] = []
        var startText = "0", maxText = "10"
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let halves = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ") }
            let key = halves[0].removingPercentEncoding ?? halves[0]
            let value = halves.count > 1 ? (halves[1].removingPercentEncoding ?? halves[1]) : ""
            switch key {
            case "accountId": if !value.isEmpty, !ids.contains(value) { ids.append(value) }
            case "startAt": startText = value
            case "maxResults": maxText = value
            default: break
            }
        }
        guard !ids.isEmpty else { throw JSMFailure(status: 400, title: "The accountId query parameter is required.") }
        guard let startAt = Int(startText), startAt >= 0 else { throw JSMFailure(status: 400, title: "startAt must be a non-negative integer.") }
        guard let asked = Int(maxText), asked >= 1 else { throw JSMFailure(status: 400, title: "maxResults must be a positive integer.") }
        let maxResults = min(asked, Self.userBulkMaximum)
        let found = simulator.withWorld { w, _ in
            ids.compactMap { id in
                w.user(accountId: id).map {
                    JSMWire.UserPage.User(accountId: id, displayName: $0.fullName ?? $0.username ?? id, emailAddress: $0.username)
                }
            }
        }
        let isLast = startAt + maxResults >= found.count
        let base = "http://\(host)/rest/api/3/user/bulk?" + ids.map { "accountId=\($0.percentEncodedComponent)" }.joined(separator: "&")
        return JSMRouted(body: JSMWire.UserPage(
            selfLink: "\(base)&startAt=\(startAt)&maxResults=\(maxResults)",
            nextPage: isLast ? nil : "\(base)&startAt=\(startAt + maxResults)&maxResults=\(maxResults)",
            maxResults: maxResults, startAt: startAt, total: found.count, isLast: isLast,
            values: Self.page(found, offset: startAt, size: maxResults)))
    }
}

/// A JSM Operations plan, as far as the simulator needs one: which features answer 402.
public enum JSMPlan: String, Sendable, CaseIterable {
    case free, standard, premium, enterprise

    /// Heartbeats are not in Free or Standard: their heartbeat routes answer 402.
    public var hasHeartbeats: Bool { self == .premium || self == .enterprise }
}

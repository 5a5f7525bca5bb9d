import Foundation
import ServiceSpecs
import Synchronization

/// One request the simulator checked against the published spec, kept when
/// ``SimulatorConfiguration/recordsSpecChecks`` is on (tests): which operation it went to,
/// what it carried, and what broke the contract in the request or in the answer.
public struct SpecRecord: Sendable {
    /// The spec it was held to.
    public let spec: PublishedSpec
    public let method: String
    public let path: String
    /// The query as sent, in order, percent-decoded.
    public let query: [(name: String, value: String)]
    /// The operation it matched (`nil`: the spec has no such path, e.g. the JSM site's own routes).
    public let operationId: String?
    /// What the request broke (the simulator answered 422).
    public let requestViolations: [SpecViolation]
    /// What the simulator's own answer broke.
    public var answerViolations: [SpecViolation] = []
    /// The status the simulator answered.
    public var status: Int = 0
}

/// Holds every request to the spec of its service, as the real services do: an unknown
/// query parameter, a value out of range or outside its enum, a missing required body field
/// is refused with 422 in the service's error shape, before any route runs.
struct SpecGate {
    /// The spec a path belongs to: JSM's Ops API under `/jsm/ops/api/`, Opsgenie's `/v1` and
    /// `/v2`; the JSM site's routes (`/_edge/tenant_info`, `/rest/api/3/…`) are in neither.
    ///
    /// Opsgenie's incident routes are not held to `swagger.json`: its incident section is the
    /// older API (`serviceId` required, no resolve, notes or logs), while Vigil and the
    /// simulator follow the Incident API document it was specified from (`impactedServices`);
    /// the simulator's incident routes check their own bodies against that document.
    static func spec(forPath path: String) -> PublishedSpec? {
        if path.hasPrefix("/jsm/ops/api/") { return .jsmOperations }
        if path.hasPrefix("/v1/incidents") { return nil }
        if path.hasPrefix("/v1/") || path.hasPrefix("/v2/") { return .opsgenie }
        return nil
    }

    /// The query pairs in order, percent-decoded (`+` is a space), repeated names kept.
    static func pairs(_ rawQuery: String?) -> [(name: String, value: String)] {
        (rawQuery ?? "").split(separator: "&").map { pair in
            let halves = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ") }
            return (halves[0].removingPercentEncoding ?? halves[0], halves.count > 1 ? (halves[1].removingPercentEncoding ?? halves[1]) : "")
        }
    }

    /// Checks a request; the record says what it matched and broke.
    static func check(method: String, path: String, rawQuery: String?, body: Data) -> SpecRecord? {
        guard let spec = spec(forPath: path) else { return nil }
        let query = pairs(rawQuery)
        guard let operation = spec.document.operation(method: method, path: path) else {
            return SpecRecord(spec: spec, method: method, path: path, query: query, operationId: nil, requestViolations: [])
        }
        return SpecRecord(spec: spec, method: method, path: path, query: query, operationId: operation.id,
                          requestViolations: operation.violations(query: query, body: body.isEmpty ? nil : body))
    }

    /// Fields the live Opsgenie API sends that `swagger.json` does not list (an older
    /// description): they are not flagged in the simulator's answers. Sources: the Opsgenie
    /// response-format and escalation documents in `../shared/seeds/` (`ownerTeam`), and live
    /// alert answers quoted in the SDKs' issue threads (`ownerTeamId`).
    static let liveFieldsTheDescriptionOmits: Set<String> = ["ownerTeamId", "ownerTeam"]

    /// Checks an answer against the operation's documented schema for its status.
    static func checkAnswer(_ record: inout SpecRecord, status: Int, payload: Data) {
        record.status = status
        guard let id = record.operationId, let operation = record.spec.document.operation(id: id) else { return }
        // Statuses the spec does not list (an injected 503, a 429) are the fault machinery's, not the contract's.
        let documented = operation.responses[String(status)] != nil || (200..<300).contains(status)
        guard documented else { return }
        record.answerViolations = operation.answerViolations(status: status, body: payload).filter { violation in
            let field = violation.location.split(separator: ".").last.map(String.init) ?? ""
            return !(record.spec == .opsgenie && liveFieldsTheDescriptionOmits.contains(field) && violation.problem.hasPrefix("is not a field"))
        }
    }
}

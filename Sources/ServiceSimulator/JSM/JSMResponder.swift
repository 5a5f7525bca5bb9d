import Foundation
import Hummingbird
import OpsgenieKit
import ServiceSpecs

/// One JSM Operations request, parsed: the path after `/jsm/ops/api/{cloudId}/v1`, the query and the caller.
struct JSMRequest {
    var method: String
    /// Path segments after `/v1`, percent-decoded.
    var parts: [String]
    var query: [String: String]
    var body: Data
    var caller: JSMCaller
    /// When the request arrived, for `took`.
    var started: ContinuousClock.Instant
}

/// What a JSM route answers: a status and a JSON body.
struct JSMRouted {
    var status: Int = 200
    var body: any Encodable
}

/// The JSM side of the server: `/jsm/ops/api/{cloudId}/v1/…`, and the site routes `/_edge/tenant_info`
/// and `/rest/api/3/user/bulk`. Same world, rate-limit buckets and faults as the Opsgenie side;
/// JSM's own auth (Basic email:token) and error bodies.
extension SimulatorResponder {
    /// Whether a path belongs to the JSM side (the Opsgenie side is `/v2/…` and `/v1/incidents`, so nothing collides).
    static func isJSM(_ path: String) -> Bool {
        path.hasPrefix("/jsm/") || path == "/_edge/tenant_info" || path.hasPrefix("/rest/api/")
    }

    /// Answers a JSM request: an injected status, the unauthenticated tenant info, auth, the
    /// cloud id, rate limits, the route; failures in JSM's error shapes.
    func handleJSM(_ request: Request, method: String, path: String, injectedStatus: Int?, refused: [SpecViolation],
                   started: ContinuousClock.Instant) async -> Answer {
        let platform = path.hasPrefix("/rest/api/")
        do {
            if let injected = injectedStatus {
                throw JSMFailure(status: injected, title: "Injected fault \(injected)", headers: injected == 429 ? ["Retry-After": "1"] : [:])
            }
            if path == "/_edge/tenant_info" {
                // Whether this needs authentication is not stated ([KB-CLOUDID] opens it in a browser):
                // the simulator answers without, and charges no rate-limit domain.
                guard method == "GET" else { throw JSMFailure(status: 405, title: "Method \(method) is not allowed") }
                return try Self.jsonAnswer(200, JSMWire.TenantInfo(cloudId: simulator.cloudId))
            }
            let caller = try authenticateJSM(request)
            let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { String($0).removingPercentEncoding ?? String($0) }
            var v1: [String] = []
            if !platform {
                guard parts.count >= 5, Array(parts.prefix(3)) == ["jsm", "ops", "api"], parts[4] == "v1" else {
                    throw JSMFailure.notFound("No handler found for \(method) \(path)")
                }
                guard parts[3] == simulator.cloudId else { throw JSMFailure.notFound("Site with cloud id [\(parts[3])] not found") }
                v1 = Array(parts.dropFirst(5))
            }
            try charge(Self.jsmDomain(method: method, v1: v1, platform: platform))
            if !refused.isEmpty {
                // `ErrorResponses`, one entry per broken constraint.
                throw JSMFailure(status: 422, title: refused.map(\.description).joined(separator: "; "))
            }
            var request = request
            let body: Data
            do { body = Data(try await request.collectBody(upTo: 1 << 20).readableBytesView) } catch {
                throw JSMFailure(status: 400, title: "Could not read the request body")
            }
            let routed: JSMRouted
            if platform {
                guard method == "GET", path == "/rest/api/3/user/bulk" else { throw JSMFailure.notFound("No handler found for \(method) \(path)") }
                routed = try userBulk(request, host: request.head.authority ?? "127.0.0.1")
            } else {
                routed = try jsmRoute(JSMRequest(method: method, parts: v1, query: Self.query(request), body: body, caller: caller, started: started))
            }
            return try Self.jsonAnswer(routed.status, routed.body)
        } catch let failure as JSMFailure {
            return Answer(status: failure.status, payload: failure.payload(jiraPlatform: platform), headers: failure.headers)
        } catch {
            let failure = JSMFailure(status: 500, title: "Internal server error")
            return Answer(status: 500, payload: failure.payload(jiraPlatform: platform), headers: [:])
        }
    }

    /// Counts the request in its domain and takes a token; an empty bucket is a 429 with `Retry-After`
    /// (the Jira platform's documented answer [JIRA-RL]; that the ops gateway does the same is unverified).
    private func charge(_ domain: RateLimitDomain) throws {
        simulator.domainCounts.withLock { $0[domain, default: 0] += 1 }
        let (_, retryAfter) = simulator.buckets.withLock { $0[domain]!.take() }
        if let retryAfter {
            throw JSMFailure(status: 429, title: "Rate limit exceeded: retry after \(retryAfter) seconds",
                             headers: ["Retry-After": String(retryAfter)])
        }
    }

    /// The rate-limit domain of a JSM request, mirroring the Opsgenie side's: listing alerts is a
    /// search, other alert routes are alert calls, heartbeats and on-calls have their own, the rest
    /// (teams, escalations, schedules, and the Jira user look-up) is configuration.
    static func jsmDomain(method: String, v1: [String], platform: Bool) -> RateLimitDomain {
        if platform { return .configuration }
        switch (v1.first, v1.count) {
        case ("alerts", 1) where method == "GET": return .search
        case ("alerts", _): return .alert
        case ("teams", _) where v1.count >= 3 && v1[2] == "heartbeats": return .heartbeat
        case ("schedules", 3) where v1[2] == "on-calls" || v1[2] == "next-on-calls": return .scheduleOnCalls
        default: return .configuration
        }
    }

    /// A JSON answer with the services' date format.
    static func jsonAnswer(_ status: Int, _ body: any Encodable) throws -> Answer {
        Answer(status: status, payload: try ServiceJSON.encoder().encode(body), headers: [:])
    }

    /// Routes a request under `/v1`; rights are checked by each handler before it looks at anything.
    func jsmRoute(_ r: JSMRequest) throws -> JSMRouted {
        switch (r.method, r.parts.first) {
        case (_, "alerts"): return try jsmAlerts(r)
        case ("GET", "teams"): return try jsmTeams(r)
        case ("POST", "teams") where r.parts.count == 4 && r.parts[2] == "heartbeats" && r.parts[3] == "ping":
            return try jsmPing(r)
        case ("GET", "schedules"): return try jsmSchedules(r)
        default: throw JSMFailure.notFound("No handler found for \(r.method) /v1/\(r.parts.joined(separator: "/"))")
        }
    }

    // MARK: Paging

    /// `offset` and `size` of an offset-paged list. Neither the default nor the maximum `size` is
    /// documented: the simulator takes 20 and 100 (Opsgenie's), so a client that works here does
    /// not ask for more than a real site may give.
    func jsmPaging(_ query: [String: String]) throws -> (offset: Int, size: Int) {
        guard let offset = Int(query["offset"] ?? "0"), offset >= 0 else { throw JSMFailure.invalid("offset must be a non-negative integer") }
        guard let size = Int(query["size"] ?? "20"), (1...100).contains(size) else { throw JSMFailure.invalid("size must be between 1 and 100") }
        return (offset, size)
    }

    /// A `links.next` path: rooted at `/v1`, `offset` and `size` first, then the other parameters the
    /// request gave (so the next page is of the same list); `nil` when this is the last page.
    static func nextLink(_ path: String, offset: Int, size: Int, total: Int, keeping query: [String: String]) -> String? {
        guard offset + size < total else { return nil }
        let rest = query.filter { $0.key != "offset" && $0.key != "size" }.sorted { $0.key < $1.key }
            .map { "&\($0.key.percentEncodedComponent)=\($0.value.percentEncodedComponent)" }.joined()
        return "\(path)?offset=\(offset + size)&size=\(size)\(rest)"
    }

    /// One page of an offset-paged list.
    static func page<T>(_ all: [T], offset: Int, size: Int) -> [T] { Array(all.dropFirst(offset).prefix(size)) }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OpsgenieKit
import ServiceSimulator
import Testing

/// A JSON answer from the simulator's JSM side.
struct JSMAnswer {
    var status: Int
    var json: Any?
    var headers: [String: String]

    /// The body as an object (empty when it is not one).
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    /// `values` of a list answer.
    var values: [[String: Any]] { object["values"] as? [[String: Any]] ?? [] }
    /// `links.next`, if any.
    var next: String? { (object["links"] as? [String: Any])?["next"] as? String }
    /// The first `errors[].title`/`code` of a JSM error body.
    var firstError: (title: String, code: String)? {
        guard let first = (object["errors"] as? [[String: Any]])?.first,
              let title = first["title"] as? String, let code = first["code"] as? String else { return nil }
        return (title, code)
    }
}

/// Raw HTTP to the JSM side, the way a JSM client would send it: Basic email:token.
struct JSMProbe {
    var url: URL
    var cloudId = JSMDemo.cloudId
    var email = JSMDemo.email
    var token = JSMDemo.token

    /// The same probe as another account.
    func `as`(_ email: String, _ token: String) -> JSMProbe {
        var probe = self
        probe.email = email
        probe.token = token
        return probe
    }

    /// Calls `/jsm/ops/api/{cloudId}` + `path` (a `/v1/…` path, as `links.next` gives them).
    func ops(_ method: String, _ path: String, body: String? = nil) async throws -> JSMAnswer {
        try await site(method, "/jsm/ops/api/\(cloudId)" + path, body: body)
    }

    /// Calls a path on the site host, with credentials unless `authorization` overrides them ("" sends none).
    func site(_ method: String, _ path: String, body: String? = nil, authorization: String? = nil) async throws -> JSMAnswer {
        var request = URLRequest(url: URL(string: url.absoluteString + path)!)
        request.httpMethod = method
        let basic = "Basic " + Data("\(email):\(token)".utf8).base64EncodedString()
        let header = authorization ?? basic
        if !header.isEmpty { request.setValue(header, forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        return JSMAnswer(status: http.statusCode, json: try? JSONSerialization.jsonObject(with: data), headers: headers)
    }

    /// Polls `GET /v1/alerts/requests/{id}` until it is found (or the deadline passes).
    func outcome(of requestId: String, timeout: Duration = .seconds(5)) async throws -> JSMAnswer {
        let deadline = ContinuousClock.now + timeout
        var answer = try await ops("GET", "/v1/alerts/requests/\(requestId)")
        while answer.status == 404, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            answer = try await ops("GET", "/v1/alerts/requests/\(requestId)")
        }
        return answer
    }
}

/// Runs `body` against a fresh, frozen-clock simulator with a JSM probe for the full demo account.
func withJSM(scenario: String = "ops-room", delay: Duration = .milliseconds(20), limits: RateLimitSettings = .unlimited,
             _ body: (Simulator, JSMProbe) async throws -> Void) async throws {
    let configuration = SimulatorConfiguration(scenario: scenario, speed: 0, processingDelay: delay,
                                               rateLimits: Dictionary(uniqueKeysWithValues: RateLimitDomain.allCases.map { ($0, limits) }))
    try await Simulator.with(configuration) { simulator, url in try await body(simulator, JSMProbe(url: url)) }
}

/// Whether every key of `object` is one of `allowed`, recording the strays.
func expectOnlyKeys(_ object: [String: Any], _ allowed: Set<String>, _ what: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let stray = Set(object.keys).subtracting(allowed)
    #expect(stray.isEmpty, "\(what) has fields the schema lacks: \(stray.sorted())", sourceLocation: sourceLocation)
}

/// Whether a string is an Atlassian-style account id: 24 lower-case hex digits.
func isAccountId(_ text: String?) -> Bool {
    guard let text, text.count == 24 else { return false }
    return text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
}

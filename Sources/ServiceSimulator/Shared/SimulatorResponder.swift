import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OpsgenieKit
import ServiceSpecs

/// An error answer in Opsgenie's shape.
struct APIFailure: Error {
    var status: Int
    var message: String
    var code: Int? = nil
    var headers: [String: String] = [:]
}

/// Answers every request the way Opsgenie would — or, under `/jsm/` and the site routes, JSM Operations
/// (see `JSMResponder.swift`): auth, access rights, rate limits, faults, routes.
struct SimulatorResponder: HTTPResponder {
    typealias Context = SimulatorRequestContext
    let simulator: Simulator

    func respond(to request: Request, context: Context) async throws -> Response {
        simulator.requestCounter.add(1, ordering: .relaxed)
        let started = ContinuousClock.now
        let requestId = UUID().uuidString.lowercased()
        var request = request
        let path = request.uri.path
        let method = request.method.rawValue
        if path.hasPrefix("/_sim/") {
            return try await control(&request, path: path, method: method)
        }
        let fault = pickFault(method: method, path: path)
        if let latency = fault?.latencyMs { try? await Task.sleep(for: .milliseconds(latency)) }
        if fault?.stall == true {
            let until = ContinuousClock.now + .seconds(600)
            while ContinuousClock.now < until, !simulator.stopping.load(ordering: .relaxed) {
                try? await Task.sleep(for: .milliseconds(50))
            }
            try? await context.channel.close()
            return Response(status: .serviceUnavailable)
        }
        if fault?.drop == true {
            try? await context.channel.close()
            return Response(status: .internalServerError)
        }
        // Held to the published spec, as the real services hold every request (422 before any route).
        let body = try? await request.collectBody(upTo: 1 << 20)
        var record = SpecGate.check(method: method, path: path, rawQuery: request.uri.query, body: body.map { Data($0.readableBytesView) } ?? Data())
        let refused = record?.requestViolations ?? []
        let answer = Self.isJSM(path)
            ? await handleJSM(request, method: method, path: path, injectedStatus: fault?.status, refused: refused, started: started)
            : try await handle(request, method: method, path: path, injectedStatus: fault?.status, refused: refused, requestId: requestId, started: started)
        if simulator.configuration.recordsSpecChecks, var checked = record {
            SpecGate.checkAnswer(&checked, status: answer.status, payload: answer.payload)
            simulator.specRecordLog.withLock { $0.append(checked) }
            record = checked
        }
        if fault?.dropAfterHandling == true {
            // Handled (a write is queued and will apply), but the answer is lost with the connection.
            try? await context.channel.close()
            return Response(status: .internalServerError)
        }
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        fields[HTTPField.Name("X-Request-ID")!] = requestId
        fields[HTTPField.Name("X-Response-Time")!] = String(format: "%.3f", Self.took(since: started))
        for (k, v) in answer.headers { fields[HTTPField.Name(k)!] = v }
        if let bodyFault = fault?.body {
            return damaged(answer.payload, fault: bodyFault, status: answer.status, headers: fields, channel: context.channel,
                           jsm: Self.isJSM(path))
        }
        return Response(status: .init(code: answer.status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: answer.payload)))
    }

    /// An answer before it is put on the wire: status, JSON body and extra headers.
    struct Answer {
        var status: Int
        var payload: Data
        var headers: [String: String]
    }

    /// Answers an API request as Opsgenie would (an injected status, auth, rate limits, the route),
    /// failures as Opsgenie's error body.
    private func handle(_ request: Request, method: String, path: String, injectedStatus: Int?, refused: [SpecViolation],
                        requestId: String, started: ContinuousClock.Instant) async throws -> Answer {
        var request = request
        var extraHeaders: [String: String] = [:]
        do {
            if let injected = injectedStatus {
                // An injected 429 carries the headers a real one does, so clients can honour them.
                let headers = injected == 429 ? ["X-RateLimit-State": "THROTTLED", "X-RateLimit-Reason": "ACCOUNT", "X-RateLimit-Period-In-Sec": "1"] : [:]
                throw APIFailure(status: injected, message: "Injected fault \(injected)", headers: headers)
            }
            let rights = try authenticate(request)
            let domain = Self.domain(method: method, path: path)
            simulator.domainCounts.withLock { $0[domain, default: 0] += 1 }
            let (state, retryAfter) = simulator.buckets.withLock { $0[domain]!.take() }
            extraHeaders["X-RateLimit-State"] = state.rawValue
            if let retryAfter {
                throw APIFailure(status: 429, message: "You are making too many requests! To avoid errors, we recommend you limit requests.",
                                 headers: ["X-RateLimit-State": "THROTTLED", "X-RateLimit-Reason": "INTEGRATION",
                                           "X-RateLimit-Period-In-Sec": String(retryAfter)])
            }
            if !refused.isEmpty {
                throw APIFailure(status: 422, message: "Request is not valid: " + refused.map(\.description).joined(separator: "; "))
            }
            let body = try await request.collectBody(upTo: 1 << 20)
            let routed = try route(method: method, path: path, query: Self.query(request), body: Data(body.readableBytesView),
                                   rights: rights, host: request.head.authority ?? "127.0.0.1")
            let payload = try Self.envelope(routed.data, requestId: requestId, started: started, paging: routed.paging,
                                            extra: routed.extra, expandable: routed.expandable)
            return Answer(status: routed.status, payload: payload, headers: extraHeaders)
        } catch let failure as APIFailure {
            for (k, v) in failure.headers { extraHeaders[k] = v }
            var object: [String: Any] = ["message": failure.message, "took": Self.took(since: started), "requestId": requestId]
            if let code = failure.code { object["code"] = code }
            let payload = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return Answer(status: failure.status, payload: payload, headers: extraHeaders)
        }
    }

    // MARK: Faults and control

    private func pickFault(method: String, path: String) -> FaultRule? {
        simulator.faults.withLock { state in
            for rule in state.rules where rule.matches(method: method, path: path) {
                let p = rule.probability ?? 1
                if p >= 1 || Double.random(in: 0..<1, using: &state.rng) < p { return rule }
            }
            return nil
        }
    }

    private func damaged(_ payload: Data, fault: FaultRule.BodyFault, status: Int, headers: HTTPFields, channel: any Channel,
                         jsm: Bool) -> Response {
        switch fault {
        case .malformed:
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: "<html>502 Bad Gateway</html>{\"data\":")))
        case .wrongTypes:
            let wrong = jsm
                ? #"{"values":[{"id":42,"message":["not","a","string"],"count":"many","createdAt":false}],"count":"many","links":{"next":7}}"#
                : #"{"data":[{"id":42,"message":["not","a","string"],"count":"many","createdAt":false}],"data2":{},"took":"slow","requestId":7}"#
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: wrong)))
        case .huge:
            var text = jsm ? #"{"values":[{"id":"huge","message":""# : #"{"data":[{"id":"huge","message":""#
            text += String(repeating: "x", count: 10 * 1024 * 1024)
            text += jsm ? #""}],"count":1,"links":{}}"# : #""}],"took":0.1,"requestId":"huge"}"#
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        case .truncated:
            let half = payload.prefix(max(1, payload.count / 2))
            let length = payload.count
            return Response(status: .init(code: status), headers: headers, body: ResponseBody(contentLength: length) { writer in
                try await writer.write(ByteBuffer(bytes: half))
                try? await channel.close()
            })
        }
    }

    private func control(_ request: inout Request, path: String, method: String) async throws -> Response {
        func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
            Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        switch (method, path) {
        case ("POST", "/_sim/faults"):
            let body = try await request.collectBody(upTo: 1 << 20)
            guard let set = try? JSONDecoder().decode(FaultRuleSet.self, from: Data(body.readableBytesView)) else {
                return json(.badRequest, #"{"message":"expected {\"rules\":[…]}"}"#)
            }
            simulator.setFaults(set.rules)
            return json(.ok, #"{"result":"faults set","count":\#(set.rules.count)}"#)
        case ("DELETE", "/_sim/faults"):
            simulator.setFaults([])
            return json(.ok, #"{"result":"faults cleared"}"#)
        case ("GET", "/_sim/faults"):
            let data = (try? JSONEncoder().encode(FaultRuleSet(rules: simulator.activeFaults))) ?? Data("{}".utf8)
            return json(.ok, String(decoding: data, as: UTF8.self))
        case ("POST", "/_sim/advance"):
            let seconds = Self.query(request)["seconds"].flatMap(Double.init) ?? 60
            simulator.clock.advance(by: seconds)
            return json(.ok, #"{"now":"\#(ServiceJSON.formatDate(simulator.clock.now()))"}"#)
        case ("GET", "/_sim/clock"):
            return json(.ok, #"{"now":"\#(ServiceJSON.formatDate(simulator.clock.now()))"}"#)
        default:
            return json(.notFound, #"{"message":"unknown control route"}"#)
        }
    }

    // MARK: Auth

    private func authenticate(_ request: Request) throws -> AccessRights {
        guard let header = request.headers[.authorization] else {
            throw APIFailure(status: 401, message: "Could not authenticate")
        }
        var key: String?
        if header.hasPrefix("GenieKey ") {
            key = String(header.dropFirst("GenieKey ".count)).trimmingCharacters(in: .whitespaces)
        } else if header.hasPrefix("Basic "), let data = Data(base64Encoded: String(header.dropFirst(6))),
                  let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":") {
            key = String(decoded[decoded.index(after: colon)...])
        }
        guard let key, let rights = simulator.configuration.apiKeys[key] else {
            throw APIFailure(status: 401, message: "Could not authenticate")
        }
        return rights
    }

    static func domain(method: String, path: String) -> RateLimitDomain {
        if path == "/v2/alerts" && method == "GET" || path == "/v2/alerts/count" || path == "/v2/users" { return .search }
        if path.hasPrefix("/v2/alerts") { return .alert }
        if path.hasPrefix("/v2/heartbeats") { return .heartbeat }
        if path.hasSuffix("/on-calls") || path.hasSuffix("/next-on-calls") { return .scheduleOnCalls }
        if path.hasPrefix("/v1/incidents") { return .incident }
        return .configuration
    }

    static func query(_ request: Request) -> [String: String] {
        let uri = request.uri
        var result: [String: String] = [:]
        for (k, v) in uri.queryParameters {
            let key = String(k).removingPercentEncoding ?? String(k)
            result[key] = (String(v).replacingOccurrences(of: "+", with: " ")).removingPercentEncoding ?? String(v)
        }
        return result
    }

    // MARK: Envelope

    struct Routed {
        var status: Int = 200
        var data: any Encodable
        var paging: Paging? = nil
        var extra: [String: Int] = [:]
        var expandable: [String]? = nil
    }

    static func took(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return d.timeInterval.rounded(toPlaces: 3)
    }

    private struct Envelope: Encodable {
        var data: any Encodable
        var paging: Paging?
        var took: Double
        var requestId: String
        var extra: [String: Int]
        var expandable: [String]?
        enum Keys: String, CodingKey { case data, paging, took, requestId, expandable }
        struct Dynamic: CodingKey {
            var stringValue: String; var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(data, forKey: .data)
            try c.encodeIfPresent(paging, forKey: .paging)
            try c.encodeIfPresent(expandable, forKey: .expandable)
            try c.encode(took, forKey: .took)
            try c.encode(requestId, forKey: .requestId)
            var d = encoder.container(keyedBy: Dynamic.self)
            for (k, v) in extra { try d.encode(v, forKey: Dynamic(stringValue: k)) }
        }
    }

    private struct AcceptedBody: Encodable {
        var result: String
        var took: Double
        var requestId: String
    }

    static func envelope(_ data: any Encodable, requestId: String, started: ContinuousClock.Instant, paging: Paging?,
                         extra: [String: Int], expandable: [String]? = nil) throws -> Data {
        if let accepted = data as? AcceptedMarker {
            return try ServiceJSON.encoder().encode(AcceptedBody(result: accepted.result, took: took(since: started), requestId: accepted.requestId))
        }
        return try ServiceJSON.encoder().encode(Envelope(data: data, paging: paging, took: took(since: started), requestId: requestId, extra: extra, expandable: expandable))
    }
}

/// A 202 answer: `{"result": …, "requestId": …}` with no `data`.
struct AcceptedMarker: Encodable {
    var result: String
    var requestId: String
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let m = Foundation.pow(10, Double(places))
        return (self * m).rounded() / m
    }
}

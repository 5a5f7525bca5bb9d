import Foundation
import OpsgenieKit
import VigilTesting
import Testing

@Suite("Errors, retries and rate limits")
struct ErrorAndRetryTests {
    @Test func aServerThatEchoesTheKeyCannotPutItOnTheScreen() async throws {
        try await withScripted { server, client, _ in
            server.on("GET", "/v2/alerts/x", .error(401, "key \(testKey.rawValueForComparison) is not valid here"))
            let error = try await #require(throws: OperationsError.self) { try await client.getAlert(.id("x")) }
            #expect(error.message.contains("<redacted>"))
            #expect(!testKey.appears(in: error.description))
        }
    }

    @Test(arguments: [
        (401, nil as Int?, OperationsError.FaultClass.auth, "region host"),
        (402, nil, .permission, "plan"),
        (403, 40301, .permission, "access right"),
        (403, 40302, .permission, "does not support"),
        (404, nil, .request, "identifier"),
        (422, nil, .request, "named field"),
    ])
    func errorStatusesNameStatusMessageAndRemedy(status: Int, code: Int?, fault: OperationsError.FaultClass, remedy: String) async throws {
        try await withScripted { server, client, _ in
            server.on("GET", "/v2/alerts/x", .error(status, "Opsgenie says \(status)", code: code))
            let error = try await #require(throws: OperationsError.self) { try await client.getAlert(.id("x")) }
            #expect(error.status == status)
            #expect(error.faultClass == fault)
            #expect(error.message == "Opsgenie says \(status)")
            #expect(error.internalCode == code)
            #expect(error.requestId == "err-req")
            #expect(error.description.contains("HTTP \(status)"))
            #expect(error.description.contains("Opsgenie says \(status)"))
            #expect(error.description.contains(remedy))
            if let code { #expect(error.description.contains(String(code))) }
            #expect(!testKey.appears(in: error.description))
            #expect(!testKey.appears(in: String(reflecting: error)))
            #expect(server.requests.count == 1, "4xx is not retried")
        }
    }

    @Test func rateLimitedRequestsWaitAtLeastTheThrottlePeriodAndTrackState() async throws {
        try await withScripted { server, client, clock in
            let throttled = ["X-RateLimit-State": "THROTTLED", "X-RateLimit-Reason": "INTEGRATION", "X-RateLimit-Period-In-Sec": "3"]
            server.on("GET", "/v2/alerts", .error(429, "Too many requests", headers: throttled),
                      .ok(Fixtures.alertPage(ids: ["a"], next: nil), headers: ["X-RateLimit-State": "BURST"]))
            let page = try await client.listAlerts()
            #expect(page.alerts.count == 1)
            #expect(server.requests.count == 2)
            #expect(clock.sleeps.count == 1)
            #expect(clock.sleeps[0] >= .seconds(3))
            #expect(client.rateLimits.snapshot[.search]?.state == .burst)
            #expect(client.rateLimits.worst?.0 == .search)

            server.on("GET", "/v2/heartbeats", .error(429, "slow down", headers: throttled))
            let error = try await #require(throws: OperationsError.self) { try await client.listHeartbeats() }
            #expect(error.faultClass == .rateLimit)
            #expect(error.rateLimit?.reason == "INTEGRATION")
            #expect(error.rateLimit?.periodSeconds == 3)
            #expect(client.rateLimits.snapshot[.heartbeat]?.state == .throttled)
            #expect(client.rateLimits.worst?.1.state == .throttled)
        }
    }

    @Test func serverErrorsAreRetriedWithExponentialBackoffBut501IsNot() async throws {
        try await withScripted(retry: RetryPolicy(maxAttempts: 4, jitter: { 0.999 })) { server, client, clock in
            server.on("GET", "/v2/alerts/count", .error(500, "oops"), .error(502, "bad gateway"), .error(503, "busy"),
                      .ok(#"{"data":{"count":1},"took":0,"requestId":"r"}"#))
            #expect(try await client.countAlerts() == 1)
            #expect(server.requests.count == 4)
            // full jitter under 200 ms × 2^attempt
            #expect(clock.sleeps.count == 3)
            for (attempt, slept) in clock.sleeps.enumerated() {
                #expect(slept <= .milliseconds(200) * (1 << attempt))
                #expect(slept > .milliseconds(190) * (1 << attempt))
            }

            server.on("GET", "/v2/account", .error(501, "not implemented"))
            let error = try await #require(throws: OperationsError.self) { try await client.account() }
            #expect(error.status == 501)
            #expect(server.requests.count == 5)
        }
    }

    @Test func attemptsAreConfigurableAndExhaustionReportsTheLastError() async throws {
        try await withScripted(retry: RetryPolicy(maxAttempts: 2, jitter: { 0 })) { server, client, _ in
            server.on("GET", "/v2/teams", .error(500, "still broken"))
            let error = try await #require(throws: OperationsError.self) { try await client.listTeams() }
            #expect(error.faultClass == .server)
            #expect(server.requests.count == 2)
        }
    }

    @Test func aNoteIsNeverSentTwiceAfterAnAmbiguousFailure() async throws {
        try await withScripted { server, client, _ in
            server.on("POST", "/v2/alerts/a/notes", .error(500, "maybe applied"))
            _ = try await #require(throws: OperationsError.self) { try await client.addNote(.id("a"), note: "once") }
            #expect(server.requests.count == 1)

            // …but a 429 certainly did not apply, so that is retried
            server.on("POST", "/v2/alerts/b/notes", .error(429, "slow"), .accepted("n1"))
            let accepted = try await client.addNote(.id("b"), note: "once")
            #expect(accepted.requestId == "n1")
            #expect(server.requests.count == 3)

            // an acknowledge is safe to repeat, so a 500 is retried
            server.on("POST", "/v2/alerts/c/acknowledge", .error(500, "maybe"), .accepted("k1"))
            #expect(try await client.acknowledge(.id("c")).requestId == "k1")
        }
    }

    @Test func malformedWronglyTypedAndOversizedBodiesAreBadResponses() async throws {
        try await withScripted(retry: .none, maxResponseBytes: 64 * 1024) { server, client, _ in
            server.on("GET", "/v2/alerts", .ok(#"{"data":[{"id":"a","message":"trunc"#))
            var error = try await #require(throws: OperationsError.self) { try await client.listAlerts() }
            #expect(error.faultClass == .badResponse)
            #expect(error.description.contains("malformed or truncated"))

            server.on("GET", "/v2/alerts", .ok(#"{"data":[{"id":"a","count":"many"}],"took":0,"requestId":"r"}"#))
            error = try await #require(throws: OperationsError.self) { try await client.listAlerts() }
            #expect(error.faultClass == .badResponse)
            #expect(error.description.contains("count"))

            let huge = #"{"data":[{"id":"a","message":""# + String(repeating: "x", count: 200_000) + #""}],"took":0,"requestId":"r"}"#
            server.on("GET", "/v2/alerts", .ok(huge))
            error = try await #require(throws: OperationsError.self) { try await client.listAlerts() }
            #expect(error.faultClass == .badResponse)
            #expect(error.description.contains("larger than"))
        }
    }

    @Test func connectionRefusedIsANetworkFaultAndIsRetried() async throws {
        // Find a port nobody listens on: start a server and stop it.
        let server = try await ScriptedServer.start()
        let url = server.baseURL
        await server.stop()
        let clock = TestClock()
        let configuration = ClientConfiguration(apiKey: testKey, region: .custom(url), connectTimeout: .seconds(2),
                                                retry: RetryPolicy(maxAttempts: 3, jitter: { 0.5 }))
        try await OpsgenieClient.withClient(configuration: configuration, clock: clock) { client in
            let started = ContinuousClock.now
            let error = try await #require(throws: OperationsError.self) { try await client.listAlerts() }
            #expect(error.faultClass == .network)
            #expect(clock.sleeps.count == 2)
            // Each attempt fails when the connection is refused, not after waiting out the
            // connect timeout (3 attempts × 2 s before): a dead host shows on screen at once.
            #expect(ContinuousClock.now - started < .seconds(2), "three refused attempts took \(ContinuousClock.now - started)")
            #expect(!testKey.appears(in: error.description))
        }
    }

    @Test func theKeyIsOnlySentOverHTTPSOrToLoopback() throws {
        for bad in ["http://api.opsgenie.com", "http://10.0.0.1:8080", "ftp://127.0.0.1"] {
            let region = OpsgenieRegion.custom(URL(string: bad)!)
            #expect(throws: OperationsError.self) { try OpsgenieClient(configuration: ClientConfiguration(apiKey: testKey, region: region)) }
        }
        for good in ["https://api.opsgenie.com", "http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9"] {
            #expect(throws: Never.self) { try OpsgenieRegion.custom(URL(string: good)!).validate() }
        }
        #expect(OpsgenieRegion.us.baseURL.absoluteString == "https://api.opsgenie.com")
        #expect(OpsgenieRegion.eu.baseURL.absoluteString == "https://api.eu.opsgenie.com")
        #expect(OpsgenieRegion(parsing: "EU") == .eu)
    }

    @Test func theKeyNeverPrints() {
        #expect(!testKey.appears(in: "\(testKey)"))
        #expect(!testKey.appears(in: String(reflecting: testKey)))
        #expect(testKey.redacts("key=\(testKey.rawValueForComparison)") == "key=<redacted>")
        #expect(APIKey("  \n") == nil)
        #expect(APIKey("abc\n")?.rawValueForComparison == "abc")
    }

    @Test func backoffCeilingDoublesAndCaps() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(200), maxDelay: .seconds(2), jitter: { 1 })
        #expect(policy.ceiling(afterAttempt: 0) == .milliseconds(200))
        #expect(policy.ceiling(afterAttempt: 1) == .milliseconds(400))
        #expect(policy.ceiling(afterAttempt: 3) == .milliseconds(1600))
        #expect(policy.ceiling(afterAttempt: 6) == .seconds(2))
        #expect(policy.delay(afterAttempt: 0, rateLimitPeriodSeconds: 5) == .seconds(5))
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OpsgenieKit
import ServiceSimulator
import Testing

/// Runs `body` against a fresh simulator with a client holding `key`.
func withSimulator(scenario: String = "ops-room", key: String = DemoKeys.full, delay: Duration = .milliseconds(20),
                   limits: RateLimitSettings = .unlimited, retry: RetryPolicy = .none,
                   _ body: (Simulator, OpsgenieClient) async throws -> Void) async throws {
    let configuration = SimulatorConfiguration(scenario: scenario, speed: 0, processingDelay: delay,
                                               rateLimits: Dictionary(uniqueKeysWithValues: RateLimitDomain.allCases.map { ($0, limits) }))
    try await Simulator.with(configuration) { simulator, url in
        let client = ClientConfiguration(apiKey: APIKey(key)!, region: .custom(url), requestTimeout: .seconds(5), retry: retry)
        try await OpsgenieClient.withClient(configuration: client) { try await body(simulator, $0) }
    }
}

/// Raw HTTP for what the typed client refuses to send (bad JSON, limit > 100).
func raw(_ url: URL, _ method: String, _ path: String, body: String? = nil, key: String = DemoKeys.full) async throws -> (Int, String) {
    var request = URLRequest(url: URL(string: url.absoluteString + path)!)
    request.httpMethod = method
    request.setValue("GenieKey \(key)", forHTTPHeaderField: "Authorization")
    if let body { request.httpBody = Data(body.utf8); request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
}

@Suite("Simulator over real HTTP")
struct SimulatorTests {
    @Test func writesAreAcceptedThenAppliedAsynchronously() async throws {
        try await withSimulator(delay: .seconds(4)) { simulator, client in
            let open = try await client.listAlerts(AlertQuery(query: "status:open AND acknowledged:false", limit: 5))
            let target = try #require(open.alerts.first)
            let accepted = try await client.acknowledge(.id(target.id), context: ActionContext(user: "tester"))
            // not processed yet: request status is 404, the alert unchanged
            let early = try await client.requestStatus(accepted.requestId)
            #expect(early == nil)
            #expect(try await client.getAlert(.id(target.id)).acknowledged == false)
            let outcome = try await client.awaitOutcome(of: accepted.requestId, timeout: .seconds(5), initialDelay: .milliseconds(50))
            #expect(outcome.isSuccess == true)
            #expect(outcome.action == "Acknowledge")
            #expect(outcome.alertId == target.id)
            #expect(try await client.getAlert(.id(target.id)).acknowledged == true)
        }
    }

    @Test func actionsAreSignedByTheConfiguredUserNotVigil() async throws {
        try await withSimulator { _, client in
            let open = try await client.listAlerts(AlertQuery(query: "status:open AND acknowledged:false", limit: 50))
            let target = try #require(open.alerts.first { ($0.owner ?? "").isEmpty }, "an unowned open alert")
            let bob = ActionContext(user: "bob@example.com", source: "vigil")
            let ack = try await client.acknowledge(.id(target.id), context: bob)
            _ = try await client.awaitOutcome(of: ack.requestId, initialDelay: .milliseconds(20))
            let note = try await client.addNote(.id(target.id), note: "looking", context: bob)
            _ = try await client.awaitOutcome(of: note.requestId, initialDelay: .milliseconds(20))
            let acked = try await client.getAlert(.id(target.id))
            #expect(acked.report?.acknowledgedBy == "bob@example.com")
            #expect(acked.owner == "bob@example.com", "who acknowledges an unowned alert owns it (so `mine` lists it)")
            #expect(try await client.listNotes(.id(target.id)).first?.owner == "bob@example.com")
            let logs = try await client.listLogs(.id(target.id))
            #expect(logs.contains { $0.owner == "bob@example.com" && ($0.log ?? "").contains("acknowledged") }, "\(logs)")
            #expect(!logs.contains { $0.owner == "vigil" })
        }
    }

    @Test func writesThatCannotApplyFailWithAReason() async throws {
        try await withSimulator { _, client in
            let target = try #require(try await client.listAlerts(AlertQuery(query: "status:open", limit: 1)).alerts.first)
            let close = try await client.close(.id(target.id))
            _ = try await client.awaitOutcome(of: close.requestId, initialDelay: .milliseconds(20))
            let again = try await client.close(.id(target.id))
            let closedTwice = try await #require(throws: OperationsError.self) { try await client.awaitOutcome(of: again.requestId, initialDelay: .milliseconds(20)) }
            #expect(closedTwice.message == "Alert is already closed")

            let other = try #require(try await client.listAlerts(AlertQuery(query: "status:open", limit: 1)).alerts.first)
            let assign = try await client.assign(.id(other.id), to: .username("ghost@example.com"))
            let unknownUser = try await #require(throws: OperationsError.self) { try await client.awaitOutcome(of: assign.requestId, initialDelay: .milliseconds(20)) }
            #expect(unknownUser.message.contains("ghost@example.com"))

            let snooze = try await client.snooze(.id(other.id), until: Date(timeIntervalSince1970: 0))
            let past = try await #require(throws: OperationsError.self) { try await client.awaitOutcome(of: snooze.requestId, initialDelay: .milliseconds(20)) }
            #expect(past.message.contains("future"))
        }
    }

    @Test func errorsAreOpsgeniesStatuses() async throws {
        try await withSimulator { simulator, client in
            let url = try #require(simulator.baseURL)
            let unknown = try await #require(throws: OperationsError.self) { try await client.getAlert(.id("nope")) }
            #expect(unknown.status == 404)
            #expect(unknown.message.contains("nope"))

            let (badJSON, badBody) = try await raw(url, "POST", "/v2/alerts", body: "{not json")
            #expect(badJSON == 400)
            #expect(badBody.contains("\"message\""))
            let (noMessage, noMessageBody) = try await raw(url, "POST", "/v2/alerts", body: #"{"priority":"P1"}"#)
            #expect(noMessage == 422)
            #expect(noMessageBody.contains("message"), "the 422 names the missing field")
            let (badPriority, _) = try await raw(url, "POST", "/v2/alerts", body: #"{"message":"x","priority":"P7"}"#)
            #expect(badPriority == 422)
            let (tooMany, tooManyBody) = try await raw(url, "GET", "/v2/alerts?limit=101")
            #expect(tooMany == 422)
            #expect(tooManyBody.contains("limit"))
            let (badSort, _) = try await raw(url, "GET", "/v2/alerts?sort=color")
            #expect(badSort == 422)
            let (unknownKey, _) = try await raw(url, "GET", "/v2/alerts", key: "wrong")
            #expect(unknownKey == 401)
            let (badField, badFieldBody) = try await raw(url, "GET", "/v2/alerts?query=colour%3Ared")
            #expect(badField == 422)
            #expect(badFieldBody.contains("colour"))
        }
    }

    @Test func aReadOnlyKeyCannotWrite() async throws {
        try await withSimulator(key: DemoKeys.readOnly) { _, client in
            let alert = try #require(try await client.listAlerts(AlertQuery(limit: 1)).alerts.first)
            let error = try await #require(throws: OperationsError.self) { try await client.acknowledge(.id(alert.id)) }
            #expect(error.status == 403)
            #expect(error.internalCode == 40301)
            #expect(error.faultClass == .permission)
        }
    }

    @Test func queryLanguageFiltersAndCounts() async throws {
        try await withSimulator { simulator, client in
            let all = try await client.listAlerts(AlertQuery(limit: 100), maxPages: 5).alerts
            // The list is the whole account, so a query's count can be checked against every alert.
            #expect(all.count == simulator.allAlerts().count)
            try #require(all.count > 1)
            // Each query must match some alerts and leave some out; a count of nothing, or of
            // everything, would pass whatever the query language did.
            func expectCount(_ query: String, matches predicate: (Alert) -> Bool) async throws {
                let expected = all.filter(predicate).count
                #expect(expected > 0 && expected < all.count, "'\(query)' should split the alerts: \(expected) of \(all.count)")
                #expect(try await client.countAlerts(query: query) == expected, "'\(query)'")
            }
            let p1Open: (Alert) -> Bool = { $0.priority == .p1 && $0.status == .open }
            try await expectCount("priority:P1 AND status:open", matches: p1Open)
            try await expectCount("priority:P1 OR priority:P2") { $0.priority == .p1 || $0.priority == .p2 }
            try await expectCount("NOT priority:P1") { $0.priority != .p1 }
            try await expectCount("(priority:P1 OR priority:P2) AND tag:payments") {
                ($0.priority == .p1 || $0.priority == .p2) && ($0.tags ?? []).contains("payments")
            }
            try await expectCount("teams:platform") { ($0.responders ?? []).contains { $0.id == "team-platform" } }
            try await expectCount("message:disk") { ($0.message ?? "").lowercased().contains("disk") }
            #expect(try await client.countAlerts(searchIdentifier: "open P1", searchIdentifierType: "name") == all.filter(p1Open).count)
            // sort and order: the first ten tiny ids, each way round
            let ascending = try await client.listAlerts(AlertQuery(limit: 10, sort: .tinyId, order: .asc)).alerts.compactMap { Int($0.tinyId ?? "") }
            #expect(ascending == Array(1...10))
            let descending = try await client.listAlerts(AlertQuery(limit: 10, sort: .tinyId, order: .desc)).alerts.compactMap { Int($0.tinyId ?? "") }
            #expect(descending == Array((all.count - 9...all.count).reversed()))
        }
    }

    @Test func createDeduplicatesByAlias() async throws {
        try await withSimulator { simulator, _ in
            let url = try #require(simulator.baseURL)
            for _ in 0..<3 {
                let (status, _) = try await raw(url, "POST", "/v2/alerts", body: #"{"message":"disk full","alias":"dedup-1","priority":"P2"}"#)
                #expect(status == 202)
            }
            try await pollUntil { simulator.allAlerts().first { $0.alias == "dedup-1" }?.count == 3 }
            #expect(simulator.allAlerts().filter { $0.alias == "dedup-1" }.count == 1)
        }
    }

    @Test func rateLimitsAnswer429WithHeaders() async throws {
        try await withSimulator(limits: RateLimitSettings(perSecond: 3, perMinute: 4)) { _, client in
            var throttled: OperationsError?
            for _ in 0..<6 {
                do { _ = try await client.countAlerts() } catch let error as OperationsError { throttled = error; break }
            }
            let error = try #require(throttled)
            #expect(error.status == 429)
            #expect(error.rateLimit?.state == .throttled)
            #expect(error.rateLimit?.reason == "INTEGRATION")
            #expect((error.rateLimit?.periodSeconds ?? 0) >= 1)
            // other domains keep their own budget
            #expect(try await client.listHeartbeats().isEmpty == false)
        }
    }

    @Test func faultsCanBeSetAndClearedWhileRunning() async throws {
        try await withSimulator { simulator, client in
            let url = try #require(simulator.baseURL)
            let (set, _) = try await raw(url, "POST", "/_sim/faults", body: #"{"rules":[{"route":"/v2/alerts","status":503}]}"#)
            #expect(set == 200)
            let error = try await #require(throws: OperationsError.self) { try await client.listAlerts() }
            #expect(error.status == 503)
            #expect(try await client.listHeartbeats().count == 4, "other routes unaffected")

            simulator.setFaults([FaultRule(route: "/v2/alerts", body: .malformed)])
            #expect(try await #require(throws: OperationsError.self) { try await client.listAlerts() }.faultClass == .badResponse)
            simulator.setFaults([FaultRule(route: "/v2/alerts", body: .wrongTypes)])
            #expect(try await #require(throws: OperationsError.self) { try await client.listAlerts() }.faultClass == .badResponse)
            simulator.setFaults([FaultRule(route: "/v2/alerts", body: .huge)])
            #expect(try await #require(throws: OperationsError.self) { try await client.listAlerts() }.faultClass == .badResponse)
            simulator.setFaults([FaultRule(route: "/v2/alerts", drop: true)])
            #expect(try await #require(throws: OperationsError.self) { try await client.listAlerts() }.faultClass == .network)
            simulator.setFaults([FaultRule(route: "/v2/alerts", body: .truncated)])
            let truncated = try await #require(throws: OperationsError.self) { try await client.listAlerts() }
            #expect([.network, .badResponse].contains(truncated.faultClass))

            let (cleared, _) = try await raw(url, "DELETE", "/_sim/faults")
            #expect(cleared == 200)
            #expect(try await client.listAlerts().alerts.isEmpty == false)
        }
    }

    @Test func aResetAfterProcessingLosesTheAnswerButNotTheWrite() async throws {
        try await withSimulator { simulator, client in
            let url = try #require(simulator.baseURL)
            let target = try #require(simulator.allAlerts().first { $0.status == .open })
            func notes(_ text: String) -> Int { simulator.notes(alertId: target.id).filter { $0.note == text }.count }

            // Dropped before handling: the client sees a transport error and the note is never written.
            simulator.setFaults([FaultRule(route: "/v2/alerts", method: "POST", drop: true)])
            let lost = try await #require(throws: OperationsError.self) { try await client.addNote(.id(target.id), note: "dropped before") }
            #expect(lost.faultClass == .network)

            // Dropped after handling (set over the control route, as a soak would): the same transport
            // error, but the simulator accepted the note and applies it after its processing delay.
            let (set, _) = try await raw(url, "POST", "/_sim/faults",
                                         body: #"{"rules":[{"route":"/v2/alerts","method":"POST","dropAfterHandling":true}]}"#)
            #expect(set == 200)
            #expect(simulator.activeFaults == [FaultRule(route: "/v2/alerts", method: "POST", dropAfterHandling: true)])
            let reset = try await #require(throws: OperationsError.self) { try await client.addNote(.id(target.id), note: "dropped after") }
            #expect(reset.faultClass == .network)
            try await pollUntil { notes("dropped after") > 0 }
            #expect(notes("dropped after") == 1, "applied once: nothing retried the write")

            // A note sent after both is applied after both would have been, so by the time it shows,
            // the one dropped before handling would show too if it had been written.
            simulator.setFaults([])
            _ = try await client.addNote(.id(target.id), note: "answered")
            try await pollUntil { notes("answered") > 0 }
            #expect(notes("dropped before") == 0)
        }
    }

    @Test func faultFlagsParse() throws {
        let after = try FaultRule(flag: "route=/v2/alerts,method=POST,drop-after")
        #expect(after == FaultRule(route: "/v2/alerts", method: "POST", dropAfterHandling: true))
        #expect(try FaultRule(flag: "drop,probability=0.5") == FaultRule(probability: 0.5, drop: true))
        #expect(try FaultRule(flag: "status=503,latency=200,body=truncated") == FaultRule(status: 503, latencyMs: 200, body: .truncated))
        let unknown = try #require(throws: SimulatorStartError.self) { try FaultRule(flag: "explode") }
        #expect(unknown.message.contains("drop-after"), "the error names every setting")
        #expect(throws: SimulatorStartError.self) { try FaultRule(flag: "status=700") }
    }

    @Test func stalledResponsesTimeOut() async throws {
        let configuration = SimulatorConfiguration(scenario: "quiet", speed: 0, faults: [FaultRule(route: "/v2/alerts", stall: true)])
        try await Simulator.with(configuration) { _, url in
            let client = ClientConfiguration(apiKey: APIKey(DemoKeys.full)!, region: .custom(url), requestTimeout: .milliseconds(500), retry: .none)
            try await OpsgenieClient.withClient(configuration: client) { client in
                let error = try await #require(throws: OperationsError.self) { try await client.listAlerts() }
                #expect(error.faultClass == .network)
            }
        }
    }

    @Test func scenariosAreDeterministicAndShaped() async throws {
        let a = try Simulator(configuration: SimulatorConfiguration(scenario: "ops-room", speed: 0, seed: 9))
        let b = try Simulator(configuration: SimulatorConfiguration(scenario: "ops-room", speed: 0, seed: 9))
        let c = try Simulator(configuration: SimulatorConfiguration(scenario: "ops-room", speed: 0, seed: 10))
        let messages = a.allAlerts().map(\.message)
        try #require(messages.isEmpty == false, "two empty worlds would be equal")
        #expect(messages == b.allAlerts().map(\.message), "the same seed replays the same alerts")
        #expect(messages != c.allAlerts().map(\.message), "another seed is another day")

        let scale = try Simulator(configuration: SimulatorConfiguration(scenario: "scale", speed: 0))
        #expect(scale.allAlerts().filter { $0.status == .open }.count >= 10_000)

        let hostile = try Simulator(configuration: SimulatorConfiguration(scenario: "hostile", speed: 0))
        #expect(hostile.allAlerts().contains { ($0.message ?? "").contains("\u{1B}[2J") })
        #expect(hostile.allAlerts().contains { ($0.message ?? "").contains("\u{202E}") })

        #expect(throws: SimulatorStartError.self) { try Simulator(configuration: SimulatorConfiguration(scenario: "nope")) }
    }

    @Test func incidentStormHeartbeatExpiryAndEscalationOnTheVirtualClock() async throws {
        let storm = try Simulator(configuration: SimulatorConfiguration(scenario: "incident", speed: 0))
        let before = storm.allAlerts().count
        storm.clock.advance(by: 120)
        let after = storm.allAlerts()
        #expect(after.count >= before + 100, "hundreds of alerts fire within a minute, deduplicated by alias")
        #expect(after.contains { ($0.count ?? 0) > 1 }, "repeats deduplicate and count grows")
        #expect(after.filter { $0.priority == .p1 && $0.status == .open }.count >= 10)
        storm.clock.advance(by: 600)
        #expect(storm.allAlerts().contains { $0.alias == "heartbeat-edge-probe" }, "a dead heartbeat raises an alert")
        #expect(storm.allAlerts().contains { ($0.responders ?? []).contains { $0.type == "escalation" } }, "unacknowledged P1s escalate")
    }

    @Test func schedulesHandOff() async throws {
        try await withSimulator { simulator, client in
            let now = simulator.clock.now()
            let summaries = try await OpsgenieBackend(client: client).onCall(at: now).value
            #expect(summaries.count == 3)
            for summary in summaries {
                #expect(!summary.current.isEmpty)
                #expect(!summary.next.isEmpty)
                #expect((summary.handoffAt ?? now) > now)
            }
            let hourly = try #require(summaries.first { $0.scheduleName == "payments_schedule" })
            #expect(hourly.next != hourly.current, "a handoff to the same people would prove nothing")
            let later = try await client.onCalls(schedule: .id(hourly.scheduleId), flat: true, date: hourly.handoffAt!.addingTimeInterval(1))
            #expect(later.names == hourly.next)
        }
    }
}

/// Polls `condition` until it holds or the deadline passes.
func pollUntil(timeout: Duration = .seconds(5), sourceLocation: SourceLocation = #_sourceLocation,
               _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("condition not met within \(timeout)", sourceLocation: sourceLocation)
}

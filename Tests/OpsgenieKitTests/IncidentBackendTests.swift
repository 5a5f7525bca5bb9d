import Foundation
import OpsgenieKit
import ServiceSimulator
import VigilTesting
import Testing

/// Runs `body` with an ``OpsgenieBackend`` on a fresh simulator (no rate limits, writes applied after 20 ms).
private func withBackend(scenario: String = "ops-room", delay: Duration = .milliseconds(20),
                         _ body: (Simulator, OpsgenieBackend) async throws -> Void) async throws {
    let configuration = SimulatorConfiguration(scenario: scenario, speed: 0, processingDelay: delay,
                                               rateLimits: Dictionary(uniqueKeysWithValues: RateLimitDomain.allCases.map { ($0, .unlimited) }))
    try await Simulator.with(configuration) { simulator, url in
        let client = ClientConfiguration(apiKey: APIKey(DemoKeys.full)!, region: .custom(url), requestTimeout: .seconds(5), retry: .none)
        try await OpsgenieClient.withClient(configuration: client) { try await body(simulator, OpsgenieBackend(client: $0)) }
    }
}

@Suite("OpsgenieBackend: incidents against the simulator")
struct IncidentBackendTests {
    @Test func openIncidentsNewestFirstFollowingThePagingUpToTheLimit() async throws {
        try await withBackend(scenario: "quiet") { simulator, backend in
            #expect(backend.incidentsElsewhere == nil)
            #expect(try await backend.incidents(limit: 10) == IncidentPage(incidents: [], hasMore: false))
            // 102 open and one resolved: more than a page of 100
            var last: AcceptedRequest?
            for n in 1...103 { last = try await backend.client.createIncident(CreateIncidentPayload(message: "Incident \(n)")) }
            _ = try await backend.client.awaitIncidentOutcome(of: try #require(last).requestId, initialDelay: .milliseconds(20))
            let resolve = try await backend.client.resolveIncident(.tiny("103"))
            _ = try await backend.client.awaitIncidentOutcome(of: resolve.requestId, initialDelay: .milliseconds(20))
            #expect(simulator.allIncidents().count == 103)

            let before = simulator.requestsByDomain[.incident] ?? 0
            let all = try await backend.incidents(limit: 500)
            #expect(all.incidents.count == 102)
            #expect(all.hasMore == false)
            #expect(all.incidents.first?.tinyId == "102", "newest first; the resolved one is left out")
            #expect(all.incidents.map(\.createdAt) == all.incidents.map(\.createdAt).sorted { ($0 ?? .distantPast) > ($1 ?? .distantPast) })
            #expect((simulator.requestsByDomain[.incident] ?? 0) - before == 2, "two pages: 100, then the rest")

            let five = try await backend.incidents(limit: 5)
            #expect(five.incidents.compactMap(\.tinyId) == ["102", "101", "100", "99", "98"])
            #expect(five.hasMore)
            let exactly = try await backend.incidents(limit: 102)
            #expect(exactly.incidents.count == 102)
            #expect(exactly.hasMore == false)
        }
    }

    @Test func detailHasTheIncidentItsNotesAndItsLog() async throws {
        try await withBackend { _, backend in
            let detail = try await backend.incidentDetail(id: "incident-1")
            #expect(detail.incident.message == "Checkout degraded in eu-west")
            #expect(detail.incident.impactedServices == ["service-checkout", "service-payments"])
            #expect(detail.incident.details?["region"] == "eu-west-1")
            #expect(detail.notes.map(\.owner) == ["bob@example.com", "alice@example.com"], "newest first")
            #expect(detail.log.last?.log == "Incident created")
            let missing = try await #require(throws: OperationsError.self) { try await backend.incidentDetail(id: "ghost") }
            #expect(missing.status == 404)
        }
    }

    @Test func actionsAreConfirmedThroughIncidentRequestStatus() async throws {
        try await withBackend { simulator, backend in
            let note = try await backend.perform(.addNote("Rolled back gateway"), incidentId: "incident-1", context: ActionContext())
            let noted = try await backend.confirmIncident(note, timeout: .seconds(5))
            #expect(noted.action == "Add Note")
            #expect(noted.incidentId == "incident-1")
            #expect(simulator.notes(incidentId: "incident-1").last?.note == "Rolled back gateway")

            let resolve = try await backend.perform(.resolve, incidentId: "incident-1", context: ActionContext(note: "Fixed by rollback"))
            #expect(try await backend.confirmIncident(resolve, timeout: .seconds(5)).isSuccess == true)
            #expect(simulator.allIncidents().first?.status == "resolved")
            #expect(simulator.notes(incidentId: "incident-1").last?.note == "Fixed by rollback")
            #expect(try await backend.incidents(limit: 10).incidents.isEmpty, "no longer open")

            let again = try await backend.perform(.resolve, incidentId: "incident-1", context: ActionContext())
            let refused = try await #require(throws: OperationsError.self) { try await backend.confirmIncident(again, timeout: .seconds(5)) }
            #expect(refused.faultClass == .rejected)
            #expect(refused.message == "Incident is already resolved")

            let close = try await backend.perform(.close, incidentId: "incident-1", context: ActionContext())
            #expect(try await backend.confirmIncident(close, timeout: .seconds(5)).action == "Close")
            #expect(simulator.allIncidents().first?.status == "closed")
        }
    }

    @Test func confirmationGivesUpAtItsDeadline() async throws {
        try await withBackend(delay: .seconds(30)) { _, backend in
            let receipt = try await backend.perform(.close, incidentId: "incident-1", context: ActionContext())
            let started = ContinuousClock.now
            let error = try await #require(throws: OperationsError.self) { try await backend.confirmIncident(receipt, timeout: .milliseconds(600)) }
            #expect(error.description.contains("not confirmed"))
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }
}

@Suite("Incident request status over a scripted server")
struct IncidentRequestStatusTests {
    @Test func readsSuccessWhenIsSuccessIsAbsentAndKeepsTheIncidentId() async throws {
        try await withScripted { server, client, clock in
            server.on("GET", "/v1/incidents/requests/req-1",
                      .error(404, "Request not found. It might not be processed, yet."),
                      .ok(#"{"data":{"success":true,"action":"Create","processedAt":"2017-05-24T14:24:20.844Z","status":"Created incident","incidentId":"inc-7"},"took":0.02,"requestId":"r"}"#))
            let status = try await client.awaitIncidentOutcome(of: "req-1")
            #expect(status.isSuccess == true)
            #expect(status.incidentId == "inc-7")
            #expect(clock.sleeps == [.milliseconds(250)], "the same back-off as alert writes, on the client's clock")

            server.on("GET", "/v1/incidents/requests/req-2",
                      .ok(#"{"data":{"success":false,"action":"Resolve","isSuccess":false,"status":"Incident does not exist","incidentId":""},"took":0.02,"requestId":"r"}"#))
            let error = try await #require(throws: OperationsError.self) { try await client.awaitIncidentOutcome(of: "req-2") }
            #expect(error.message == "Incident does not exist")
            #expect(error.requestId == "req-2")
        }
    }

    @Test func aNoteIsSentOnceAndNotRetried() async throws {
        try await withScripted { server, client, _ in
            server.on("POST", "/v1/incidents/inc-1/notes", .error(500, "boom"), .ok(#"{"result":"Request will be processed","requestId":"x","took":0.1}"#))
            await #expect(throws: OperationsError.self) { try await client.addIncidentNote(.id("inc-1"), note: "once") }
            #expect(server.requests.count == 1)
            #expect(server.last?.json?["note"] as? String == "once")
        }
    }
}

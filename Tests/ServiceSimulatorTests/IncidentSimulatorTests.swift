import Foundation
import OpsgenieKit
import ServiceSimulator
import Testing

/// Creates an incident and waits for it to be processed; returns its id.
func createIncident(_ client: OpsgenieClient, _ payload: CreateIncidentPayload) async throws -> String {
    let accepted = try await client.createIncident(payload)
    let outcome = try await client.awaitIncidentOutcome(of: accepted.requestId, timeout: .seconds(5), initialDelay: .milliseconds(20))
    return try #require(outcome.incidentId)
}

@Suite("Simulator: the Incident API (v1) over real HTTP")
struct IncidentSimulatorTests {
    @Test func createIsAcceptedThenAppliedAsynchronously() async throws {
        try await withSimulator(delay: .seconds(4)) { simulator, client in
            let accepted = try await client.createIncident(CreateIncidentPayload(
                message: "Search results empty", description: "Index rebuild failed", responders: [Recipient(type: .team, name: "platform")],
                tags: ["search"], details: ["index": "products-v7"], priority: .p1, impactedServices: ["service-search"],
                note: "Opened from a test", serviceId: "service-frontend"))
            // not processed yet: request status is 404, no new incident
            #expect(try await client.incidentRequestStatus(accepted.requestId) == nil)
            #expect(simulator.allIncidents().count == 1)
            let outcome = try await client.awaitIncidentOutcome(of: accepted.requestId, timeout: .seconds(10), initialDelay: .milliseconds(50))
            #expect(outcome.isSuccess == true)
            #expect(outcome.action == "Create")
            #expect(outcome.status == "Created incident")
            let id = try #require(outcome.incidentId)

            let incident = try await client.getIncident(.id(id))
            #expect(incident.message == "Search results empty")
            #expect(incident.status == "open")
            #expect(incident.priority == .p1)
            #expect(incident.description == "Index rebuild failed")
            #expect(incident.responders == [Responder(type: .team, id: "team-platform", name: "platform")], "a team named is found by name")
            #expect(incident.ownerTeam == "team-platform")
            #expect(incident.impactedServices == ["service-search", "service-frontend"])
            #expect(incident.details == ["index": "products-v7"])
            #expect(incident.tinyId == "2", "ops-room opens with incident 1")
            #expect(try await client.getIncident(.tiny("2")).id == id)
            #expect(try await client.listIncidentNotes(.id(id)).map(\.note) == ["Opened from a test"])
        }
    }

    @Test func theListFiltersSortsAndPagesAsTheAPIDoes() async throws {
        try await withSimulator { simulator, client in
            for n in 1...4 { _ = try await createIncident(client, CreateIncidentPayload(message: "Disk \(n) failing", priority: .p3)) }
            let resolved = try await createIncident(client, CreateIncidentPayload(message: "Queue backlog"))
            _ = try await client.awaitIncidentOutcome(of: try await client.resolveIncident(.id(resolved)).requestId, initialDelay: .milliseconds(20))

            #expect(try await client.listIncidentPage(query: "status:open").totalCount == 5)
            #expect(try await client.listIncidents(query: "status:resolved").map(\.id) == [resolved])
            #expect(try await client.listIncidents(query: "status:closed").isEmpty)
            #expect(try await client.listIncidents(query: "disk").count == 4, "free text matches the message")
            #expect(try await client.listIncidents(query: "status:open AND priority:P2").map(\.id) == ["incident-1"])
            #expect(try await client.listIncidents(query: "").count == 6)

            // newest first by default; tinyId each way round
            let newestFirst = try await client.listIncidents(query: "status:open").compactMap(\.createdAt)
            #expect(newestFirst == newestFirst.sorted(by: >))
            #expect(try await client.listIncidents(query: "", sort: "tinyId", order: .asc).compactMap(\.tinyId) == ["1", "2", "3", "4", "5", "6"])
            #expect(try await client.listIncidents(query: "", sort: "tinyId", order: .desc).compactMap(\.tinyId) == ["6", "5", "4", "3", "2", "1"])

            // pages of two: links to the next and last pages, and the total
            let url = try #require(simulator.baseURL)
            let (status, body) = try await raw(url, "GET", "/v1/incidents?query=status%3Aopen&offset=2&limit=2")
            #expect(status == 200)
            let page = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            #expect((page["data"] as? [Any])?.count == 2)
            #expect(page["totalCount"] as? Int == 5)
            let paging = try #require(page["paging"] as? [String: String])
            #expect(paging["next"]?.contains("offset=4") == true)
            #expect(paging["prev"]?.contains("offset=0") == true)
            #expect(paging["first"]?.contains("offset=0") == true)
            #expect(paging["last"]?.contains("offset=4") == true)
            #expect(paging["next"]?.contains("query=status%3Aopen") == true)
            let second = try await client.listIncidentPage(query: "status:open", offset: 2, limit: 2, sort: "tinyId", order: .asc)
            #expect(second.incidents.compactMap(\.tinyId) == ["3", "4"])
            #expect(second.nextOffset == 4)
            #expect(try await client.listIncidentPage(query: "status:open", offset: 4, limit: 2).nextOffset == nil)
        }
    }

    @Test func badListRequestsAre422() async throws {
        try await withSimulator { simulator, _ in
            let url = try #require(simulator.baseURL)
            for path in ["/v1/incidents", "/v1/incidents?query=&sort=color", "/v1/incidents?query=&order=up",
                         "/v1/incidents?query=&limit=101", "/v1/incidents?query=acknowledged%3Atrue", "/v1/incidents/incident-1?identifierType=alias"] {
                let (status, body) = try await raw(url, "GET", path)
                #expect(status == 422, "\(path): \(body)")
            }
            let (missing, missingBody) = try await raw(url, "GET", "/v1/incidents/no-such-incident")
            #expect(missing == 404)
            #expect(missingBody.contains("no-such-incident"))
        }
    }

    @Test func createIsValidated() async throws {
        try await withSimulator { simulator, client in
            let unknownTeam = try await client.createIncident(CreateIncidentPayload(message: "x", responders: [Recipient(type: .team, name: "nobody")]))
            let refused = try await #require(throws: OperationsError.self) {
                try await client.awaitIncidentOutcome(of: unknownTeam.requestId, timeout: .seconds(5), initialDelay: .milliseconds(20))
            }
            #expect(refused.message == "Responder [nobody] does not exist")
            let url = try #require(simulator.baseURL)
            let long = String(repeating: "x", count: 131)
            for body in [#"{"priority":"P1"}"#, #"{"message":"\#(long)"}"#, #"{"message":"x","priority":"P7"}"#,
                         #"{"message":"x","responders":[{"type":"schedule","name":"s"}]}"#, #"{"message":["x"]}"#] {
                let (status, answer) = try await raw(url, "POST", "/v1/incidents/create", body: body)
                #expect(status == 422, "\(body): \(answer)")
            }
            #expect(try await raw(url, "POST", "/v1/incidents/create", body: "{not json").0 == 400)
            #expect(simulator.allIncidents().count == 1)
        }
    }

    @Test func transitionsApplyOrAreRefusedWithAReason() async throws {
        try await withSimulator { simulator, client in
            func outcome(_ accepted: AcceptedRequest) async throws -> RequestStatus {
                try await client.awaitIncidentOutcome(of: accepted.requestId, timeout: .seconds(5), initialDelay: .milliseconds(20))
            }
            func refusal(_ accepted: AcceptedRequest) async throws -> String {
                try await #require(throws: OperationsError.self) { try await outcome(accepted) }.message
            }
            let resolved = try await outcome(try await client.resolveIncident(.tiny("1"), note: "Gateway rolled back"))
            #expect(resolved.action == "Resolve")
            #expect(resolved.incidentId == "incident-1")
            #expect(try await client.getIncident(.id("incident-1")).status == "resolved")
            #expect(simulator.notes(incidentId: "incident-1").last?.note == "Gateway rolled back")
            #expect(try await refusal(try await client.resolveIncident(.id("incident-1"))) == "Incident is already resolved")

            #expect(try await outcome(try await client.closeIncident(.id("incident-1"))).action == "Close")
            #expect(try await client.getIncident(.id("incident-1")).status == "closed")
            #expect(try await refusal(try await client.resolveIncident(.id("incident-1"))) == "Incident is closed: it can not be resolved")
            #expect(try await refusal(try await client.closeIncident(.id("incident-1"))) == "Incident is already closed")

            // A resolve of nothing is accepted and then fails, as documented; close answers 404 at once.
            #expect(try await refusal(try await client.resolveIncident(.id("ghost"))) == "Incident does not exist")
            #expect(try await #require(throws: OperationsError.self) { try await client.closeIncident(.id("ghost")) }.status == 404)

            #expect(try await outcome(try await client.deleteIncident(.id("incident-1"))).action == "Delete")
            #expect(try await #require(throws: OperationsError.self) { try await client.getIncident(.id("incident-1")) }.status == 404)
            #expect(simulator.allIncidents().isEmpty)
        }
    }

    @Test func requestStatusHasTheSwaggersFields() async throws {
        try await withSimulator { simulator, client in
            let url = try #require(simulator.baseURL)
            let accepted = try await client.resolveIncident(.id("nothing-here"))
            _ = try? await client.awaitIncidentOutcome(of: accepted.requestId, timeout: .seconds(5), initialDelay: .milliseconds(20))
            let (status, body) = try await raw(url, "GET", "/v1/incidents/requests/\(accepted.requestId)")
            #expect(status == 200)
            let data = try #require((try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["data"] as? [String: Any])
            #expect(data["success"] as? Bool == false)
            #expect(data["isSuccess"] as? Bool == false)
            #expect(data["action"] as? String == "Resolve")
            #expect(data["status"] as? String == "Incident does not exist")
            #expect(data["incidentId"] as? String == "")
            #expect((data["processedAt"] as? String).flatMap(ServiceJSON.parseDate) != nil)
            #expect(try await raw(url, "GET", "/v2/alerts/requests/\(accepted.requestId)").0 == 404, "incident requests are not alert requests")
        }
    }

    @Test func notesAndLogsNewestFirst() async throws {
        try await withSimulator { _, client in
            let note = try await client.addIncidentNote(.id("incident-1"), note: "Customer comms sent")
            #expect(try await client.awaitIncidentOutcome(of: note.requestId, initialDelay: .milliseconds(20)).action == "Add Note")
            let notes = try await client.listIncidentNotes(.id("incident-1"))
            #expect(notes.first?.note == "Customer comms sent")
            #expect(notes.count == 3, "the two the scenario opened with, and this one")
            #expect(try await client.listIncidentNotes(.id("incident-1"), limit: 1, order: .asc).map(\.note)
                    == ["Card provider latency normal; looking at our payment gateway pods."])
            let log = try await client.listIncidentLogs(.tiny("1"))
            #expect(log.first?.log == "Note added")
            #expect(log.last?.log == "Incident created")
            let empty = try await #require(throws: OperationsError.self) { try await client.addIncidentNote(.id("incident-1"), note: "") }
            #expect(empty.status == 422)
            #expect(try await #require(throws: OperationsError.self) { try await client.listIncidentNotes(.id("ghost")) }.status == 404)
        }
    }

    @Test func rightsRateLimitsAndFaultsApplyToIncidents() async throws {
        try await withSimulator(key: DemoKeys.readOnly) { simulator, client in
            #expect(try await client.listIncidents(query: "status:open").count == 1)
            for write in [{ try await client.createIncident(CreateIncidentPayload(message: "x")) },
                          { try await client.deleteIncident(.id("incident-1")) },
                          { try await client.resolveIncident(.id("incident-1")) }] as [() async throws -> AcceptedRequest] {
                let refused = try await #require(throws: OperationsError.self) { try await write() }
                #expect(refused.status == 403)
            }
            simulator.setFaults([FaultRule(route: "/v1/incidents", status: 503)])
            #expect(try await #require(throws: OperationsError.self) { try await client.getIncident(.id("incident-1")) }.status == 503)
            simulator.setFaults([FaultRule(route: "/v1/incidents", body: .malformed)])
            #expect(try await #require(throws: OperationsError.self) { try await client.getIncident(.id("incident-1")) }.faultClass == .badResponse)
            simulator.setFaults([])
            #expect(try await client.getIncident(.id("incident-1")).id == "incident-1")
        }
        try await withSimulator(limits: RateLimitSettings(perSecond: 3, perMinute: 4)) { simulator, client in
            var throttled: OperationsError?
            for _ in 0..<6 {
                do { _ = try await client.listIncidents(query: "status:open") } catch let error as OperationsError { throttled = error; break }
            }
            #expect(throttled?.status == 429)
            #expect(client.rateLimits.snapshot[.incident]?.state == .throttled)
            #expect(simulator.requestsByDomain[.incident] ?? 0 >= 4)
            #expect(try await client.countAlerts() > 0, "alerts keep their own budget")
        }
    }

    @Test func scenariosOpenTheirIncidents() throws {
        #expect(try Simulator(configuration: SimulatorConfiguration(scenario: "quiet", speed: 0)).allIncidents().isEmpty)

        let opsRoom = try Simulator(configuration: SimulatorConfiguration(scenario: "ops-room", speed: 0))
        let open = try #require(opsRoom.allIncidents().first)
        #expect(opsRoom.allIncidents().count == 1)
        #expect(open.status == "open")
        #expect(open.priority == .p2)
        #expect(open.impactedServices?.isEmpty == false)
        #expect((open.responders ?? []).count >= 2)
        #expect(open.tags?.isEmpty == false)
        #expect(open.details?.isEmpty == false)
        #expect(open.description?.isEmpty == false)
        #expect(opsRoom.notes(incidentId: open.id).count == 2)

        let storm = try Simulator(configuration: SimulatorConfiguration(scenario: "incident", speed: 0))
        #expect(storm.allIncidents().map(\.priority) == [.p1])
    }
}

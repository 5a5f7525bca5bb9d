import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import JSMOpsKit
import OperationsModel
import ServiceSimulator
import ServiceSpecs
import Testing

/// Every request the JSM client builds, walked against Atlassian's current spec
/// (`swagger.v3.json`, embedded byte for byte): the simulator checks each one against the
/// operation it goes to, and each of its own answers against the documented schema.
@Suite("JSM client and simulator against Atlassian's spec")
struct JSMSpecWalkTests {
    /// The spec operations Vigil's JSM client calls. The test fails if the client stops
    /// calling one (the list is stale) or calls one not listed here (the list is incomplete).
    static let operationsVigilCalls: Set<String> = [
        "listAlerts", "getAlertWithId", "getAlertNotes", "getAlertLogs", "addAlertNote", "getRequestStatus",
        "ackAlert", "unackAlert", "closeAlert", "snoozeAlert", "assignAlert", "escalateAlert",
        "addTags", "deleteTags", "executeAlertAction",
        "getTeams", "listHeartbeats", "listEscalation", "listSchedules", "getOnCalls", "getNextOnCalls",
    ]

    @Test func everyRequestTheClientBuildsKeepsToTheSpecAndEveryAnswerToItsSchema() async throws {
        try await withJSM(configure: { $0.recordsSpecChecks = true }) { simulator, backend in
            // Every read the dashboard makes, with the filters it offers.
            for query in ["status:open", "status:open AND acknowledged:false", "status:open AND priority:P1", ""] {
                _ = try await backend.alerts(AlertQuery(query: query.isEmpty ? nil : query, limit: 100, sort: .createdAt, order: .desc), maxPages: 2)
                _ = try await backend.countAlerts(AlertQuery(query: query.isEmpty ? nil : query))
            }
            _ = try await backend.alerts(AlertQuery(query: "status:open", limit: 100, sort: .updatedAt, order: .asc), maxPages: 1)
            let open = try await backend.alerts(AlertQuery(query: "status:open AND acknowledged:false", limit: 20), maxPages: 1).alerts
            try #require(open.count >= 8)
            _ = try await backend.alert(id: open[0].id)
            _ = try await backend.notes(alertId: open[0].id, limit: 500)
            _ = try await backend.logs(alertId: open[0].id, limit: 500)
            _ = try await backend.heartbeats()
            _ = try await backend.onCall(at: Date())
            let people = try await backend.users()
            let escalation = try #require(try await backend.escalations().first)
            let assignee = try #require(people.first)
            // Every write the keys send.
            let writes: [(AlertAction, Alert)] = [
                (.acknowledge, open[0]), (.unacknowledge, open[0]), (.snooze(until: Date().addingTimeInterval(3600)), open[1]),
                (.assign(.id(assignee.id)), open[2]), (.escalate(.id(escalation.id)), open[3]), (.addNote("checked"), open[4]),
                (.addTags(["db"]), open[5]), (.removeTags(["db"]), open[5]), (.customAction("restart"), open[6]), (.close, open[7]),
            ]
            for (action, alert) in writes {
                let receipt = try await backend.perform(action, alertId: alert.id, context: ActionContext())
                _ = try? await backend.confirm(receipt, timeout: .seconds(10))
            }
            let records = simulator.specRecords.filter { $0.spec == .jsmOperations }
            try #require(records.count > 30)
            for record in records {
                #expect(record.operationId != nil, "\(record.method) \(record.path) is not an operation of the spec")
                #expect(record.requestViolations.isEmpty, "\(record.method) \(record.path): \(record.requestViolations)")
                #expect(record.answerViolations.isEmpty, "answer of \(record.operationId ?? record.path) (\(record.status)): \(record.answerViolations)")
            }
            let called = Set(records.compactMap(\.operationId))
            #expect(called == Self.operationsVigilCalls, "called but not listed: \(called.subtracting(Self.operationsVigilCalls)); listed but not called: \(Self.operationsVigilCalls.subtracting(called))")
            // Each operation's query stays inside the documented range (the walk above, said per parameter).
            let document = PublishedSpec.jsmOperations.document
            for record in records {
                guard let operation = record.operationId.flatMap(document.operation(id:)) else { continue }
                let documented = Set(operation.parameters.filter { $0.location == .query }.map(\.name))
                for (name, _) in record.query { #expect(documented.contains(name), "\(operation.id) has no query parameter \(name)") }
            }
        }
    }

    @Test func theSimulatorRefusesWhatTheSpecRefusesInJSMsErrorShape() async throws {
        let document = PublishedSpec.jsmOperations.document
        let schedules = try #require(document.operation(id: "listSchedules"))
        let size = try #require(schedules.parameters.first { $0.name == "size" })
        let maximum = try #require(size.schema["maximum"]?.number.map(Int.init))
        let sortOptions = try #require(document.operation(id: "listAlerts")?.parameters.first { $0.name == "sort" }?.schema["enum"]?.array)
        try await withJSM { simulator, _ in
            let probe = JSMWireProbe(base: try #require(simulator.baseURL), cloudId: simulator.cloudId)
            let tooBig = try await probe.get("/v1/schedules?size=\(maximum + 1)")
            #expect(tooBig.status == 422, "size above the spec's maximum \(maximum)")
            #expect(tooBig.titles.contains { $0.contains("size") && $0.contains("\(maximum)") }, "\(tooBig.titles)")
            #expect(try await probe.get("/v1/schedules?size=\(maximum)").status == 200, "the maximum itself is allowed")
            #expect(try await probe.get("/v1/alerts?sort=tinyId").status == 422, "tinyId is not in \(sortOptions)")
            #expect(try await probe.get("/v1/alerts?colour=red").status == 422, "a parameter the spec does not have")
            #expect(try await probe.get("/v1/alerts?size=0").status == 422)
            let assign = try await probe.send("POST", "/v1/alerts/\(simulator.allAlerts()[0].id)/assign", body: "{}")
            #expect(assign.status == 422 && assign.titles.contains { $0.contains("accountId") }, "accountId is required: \(assign.titles)")
        }
    }

    @Test func aPlanWithoutHeartbeatsIsALimitAndOnCallStaysLive() async throws {
        try await withJSM(configure: { $0.jsmPlan = .standard }) { _, backend in
            let beats = try await backend.heartbeats()
            #expect(beats.value.isEmpty)
            #expect(beats.limits.map(\.text) == ["heartbeats need JSM Premium or Enterprise"], "said once, in the service's terms")
            #expect(beats.limits.first?.reason == .plan)
            let onCall = try await backend.onCall(at: Date())
            #expect(!onCall.value.isEmpty && onCall.limits.isEmpty)
            #expect(try await backend.alerts(AlertQuery(query: "status:open", limit: 5), maxPages: 1).alerts.count == 5)
        }
    }

    @Test func onAStandardPlanATeamWithoutAccessIsStillNamed() async throws {
        try await withJSM(configure: { $0.jsmPlan = .standard; $0.jsmTeamsWithoutAccess = ["payments"] }) { _, backend in
            let beats = try await backend.heartbeats()
            #expect(beats.limits.map(\.text) == ["heartbeats need JSM Premium or Enterprise", "team payments: no access"])
        }
    }

    @Test func aTeamTheTokenMayNotReadIsNamedAndTheOtherTeamsShow() async throws {
        try await withJSM(configure: { $0.jsmTeamsWithoutAccess = ["platform"] }) { simulator, backend in
            let beats = try await backend.heartbeats()
            #expect(beats.limits.map(\.text) == ["team platform: no access"])
            #expect(beats.limits.first?.reason == .rights)
            let readable = simulator.allHeartbeatNames().count
            #expect(!beats.value.isEmpty && beats.value.count < readable, "the other teams' heartbeats still show")
            #expect(beats.value.allSatisfy { $0.ownerTeam?.name != "platform" })
            let escalations = try await backend.escalations()
            #expect(!escalations.isEmpty && escalations.allSatisfy { $0.ownerTeam?.name != "platform" })
        }
    }

    @Test func namesTheDirectoryWillNotGiveShowAsAccountIds() async throws {
        try await withJSM { simulator, backend in
            simulator.setFaults([FaultRule(route: "/rest/api/3/user/bulk", status: 403)])
            let onCall = try await backend.onCall(at: Date())
            let names = onCall.value.flatMap { $0.current + $0.next }
            #expect(!names.isEmpty)
            #expect(names.allSatisfy { simulator.accountIds.contains($0) }, "account ids, not nothing: \(names)")
            #expect(onCall.limits.contains { $0.feature == "names" && $0.text.contains("HTTP 403") && $0.text.contains("account ids") })
        }
    }

    @Test func acknowledgedAlertsStayInTheDefaultViewWithTheirAckTime() async throws {
        try await withJSM { simulator, backend in
            let before = try await backend.countAlerts(AlertQuery(query: "status:open"))
            let target = try #require(try await backend.alerts(AlertQuery(query: "status:open AND acknowledged:false", limit: 1), maxPages: 1).alerts.first)
            let receipt = try await backend.perform(.acknowledge, alertId: target.id, context: ActionContext())
            _ = try await backend.confirm(receipt, timeout: .seconds(10))
            // JSM reads acknowledged alerts as `acked`, which `status:open` alone does not match.
            let probe = JSMWireProbe(base: try #require(simulator.baseURL), cloudId: simulator.cloudId)
            let raw = try await probe.get("/v1/alerts/\(target.id)")
            #expect(raw.object["status"] as? String == "acked")
            #expect(try await backend.countAlerts(AlertQuery(query: "status:open")) == before, "an acknowledged alert is still in the default view")
            let listed = try await backend.alerts(AlertQuery(query: "status:open", limit: 100), maxPages: 20).alerts
            let again = try #require(listed.first { $0.id == target.id })
            #expect(again.acknowledged == true)
            #expect(again.report?.timeToAcknowledge != nil, "ackTime is read")
            #expect(again.lastOccurredAt != nil, "lastOccuredAt (one r) is read")
        }
    }

    @Test func statusOpenIsWidenedWhereverItStands() {
        #expect(JSMAlertSearch.query("status:open") == "(status:open OR status:acked OR status:snoozed)")
        #expect(JSMAlertSearch.query("priority:P1 AND status: open") == "priority:P1 AND (status:open OR status:acked OR status:snoozed)")
        #expect(JSMAlertSearch.query("status:opened OR message:status:open") == "status:opened OR message:status:open", "only the status term")
        #expect(JSMAlertSearch.query("status:closed") == "status:closed")
        #expect(JSMAlertSearch.sort("updatedAt") == "createdAt" && JSMAlertSearch.sort("priority") == "priority")
    }

    @Test func absoluteAndRelativeNextLinksStayOnTheConfiguredHost() {
        let relative = JSMOpsClient.relativeLink("/v1/schedules?offset=50&size=25")
        #expect(relative?.path == "/v1/schedules" && relative?.query.first?.1 == "50")
        let absolute = JSMOpsClient.relativeLink("https://api.atlassian.com/jsm/ops/api/abc/v1/teams/t1/heartbeats?offset=20&size=20")
        #expect(absolute?.path == "/v1/teams/t1/heartbeats" && absolute?.query.count == 2)
        #expect(JSMOpsClient.relativeLink("https://evil.example/steal?x=1") == nil)
    }
}

/// Raw requests to the simulator's JSM side with the demo account.
struct JSMWireProbe {
    let base: URL
    let cloudId: String

    struct Answer {
        var status: Int
        var object: [String: Any]
        /// `errors[].title` of an `ErrorResponses` body.
        var titles: [String] { (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String } }
    }

    func get(_ path: String) async throws -> Answer { try await send("GET", path) }

    func send(_ method: String, _ path: String, body: String? = nil) async throws -> Answer {
        var request = URLRequest(url: URL(string: base.absoluteString + "/jsm/ops/api/\(cloudId)" + path)!)
        request.httpMethod = method
        request.setValue("Basic " + Data("\(JSMDemo.email):\(JSMDemo.token)".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return Answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0,
                      object: (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
    }
}

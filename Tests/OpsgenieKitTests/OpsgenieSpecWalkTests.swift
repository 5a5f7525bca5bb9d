import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import OpsgenieKit
import ServiceSimulator
import ServiceSpecs
import Testing

/// Every request the Opsgenie client builds, walked against the official `swagger.json`
/// (embedded byte for byte): limit, offset, sort, order, enums, required body fields.
@Suite("Opsgenie client and simulator against the official swagger")
struct OpsgenieSpecWalkTests {
    static func withRecordingSimulator(_ body: (Simulator, OpsgenieBackend) async throws -> Void) async throws {
        var configuration = SimulatorConfiguration(scenario: "ops-room", speed: 1, processingDelay: .milliseconds(20),
                                                   rateLimits: Dictionary(uniqueKeysWithValues: RateLimitDomain.allCases.map { ($0, .unlimited) }))
        configuration.recordsSpecChecks = true
        try await Simulator.with(configuration) { simulator, url in
            let client = ClientConfiguration(apiKey: APIKey(DemoKeys.full)!, region: .custom(url), requestTimeout: .seconds(5), retry: .none)
            try await OpsgenieClient.withClient(configuration: client) { try await body(simulator, OpsgenieBackend(client: $0)) }
        }
    }

    @Test func everyAlertAndDirectoryRequestKeepsToTheSwaggerAndEveryAnswerToItsSchema() async throws {
        try await Self.withRecordingSimulator { simulator, backend in
            for query in ["status:open", "status:open AND acknowledged:false", ""] {
                _ = try await backend.alerts(AlertQuery(query: query.isEmpty ? nil : query, limit: 100, sort: .createdAt, order: .desc), maxPages: 2)
                _ = try await backend.countAlerts(AlertQuery(query: query.isEmpty ? nil : query))
            }
            let open = try await backend.alerts(AlertQuery(query: "status:open AND acknowledged:false", limit: 20), maxPages: 1).alerts
            try #require(open.count >= 8)
            _ = try await backend.alert(id: open[0].id)
            _ = try await backend.notes(alertId: open[0].id, limit: 500)
            _ = try await backend.logs(alertId: open[0].id, limit: 500)
            _ = try await backend.heartbeats()
            _ = try await backend.onCall(at: Date())
            let people = try await backend.users()
            let escalation = try #require(try await backend.escalations().first)
            _ = try await backend.savedSearches()
            let writes: [(AlertAction, Alert)] = [
                (.acknowledge, open[0]), (.unacknowledge, open[0]), (.snooze(until: Date().addingTimeInterval(3600)), open[1]),
                (.assign(.username(try #require(people.first?.username))), open[2]), (.escalate(.id(escalation.id)), open[3]),
                (.addNote("checked"), open[4]), (.addTags(["db"]), open[5]), (.removeTags(["db"]), open[5]),
                (.customAction("restart"), open[6]), (.close, open[7]),
            ]
            for (action, alert) in writes {
                let receipt = try await backend.perform(action, alertId: alert.id, context: ActionContext(user: "bob@example.com", note: "from vigil"))
                _ = try? await backend.confirm(receipt, timeout: .seconds(10))
            }
            let records = simulator.specRecords.filter { $0.spec == .opsgenie }
            try #require(records.count > 30)
            for record in records {
                #expect(record.operationId != nil, "\(record.method) \(record.path) is not an operation of the swagger")
                #expect(record.requestViolations.isEmpty, "\(record.method) \(record.path)?\(record.query): \(record.requestViolations)")
                #expect(record.answerViolations.isEmpty, "answer of \(record.operationId ?? record.path) (\(record.status)): \(record.answerViolations)")
            }
        }
    }

    @Test func theSimulatorRefusesWhatTheSwaggerRefuses() async throws {
        let list = try #require(PublishedSpec.opsgenie.document.operation(id: "listAlerts"))
        let maximum = try #require(list.parameters.first { $0.name == "limit" }?.schema["maximum"]?.number.map(Int.init))
        try await Self.withRecordingSimulator { simulator, _ in
            let url = try #require(simulator.baseURL)
            func status(_ path: String) async throws -> (Int, String) {
                var request = URLRequest(url: URL(string: url.absoluteString + path)!)
                request.setValue("GenieKey \(DemoKeys.full)", forHTTPHeaderField: "Authorization")
                let (data, response) = try await URLSession.shared.data(for: request)
                return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
            }
            let (tooMany, body) = try await status("/v2/alerts?limit=\(maximum + 1)")
            #expect(tooMany == 422 && body.contains("limit") && body.contains("\"message\""), "\(body)")
            #expect(try await status("/v2/alerts?limit=\(maximum)").0 == 200)
            #expect(try await status("/v2/alerts?offset=-1").0 == 422)
            #expect(try await status("/v2/alerts?sort=colour").0 == 422)
            #expect(try await status("/v2/alerts?order=sideways").0 == 422)
            #expect(try await status("/v2/alerts?searchIdentifierType=nickname&searchIdentifier=x").0 == 422)
        }
    }
}

import Foundation
@testable import JSMOpsKit
import OperationsModel
import Testing

/// Answers Atlassian has published (the spec's examples, its rendered docs), kept byte for
/// byte under `Fixtures/real/` with their sources in `SOURCES.md`, read by the client's own
/// wire types: what a real site sends must decode, spec quirks included.
@Suite("JSM: published answers decode")
struct RealAnswerTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/real/\(name)", withExtension: nil), "missing fixture \(name)")
        return try Data(contentsOf: url)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try ServiceJSON.decoder().decode(T.self, from: fixture(name))
    }

    @Test func theAlertExampleReadsEveryFieldVigilShows() throws {
        let wire = try Self.decode(JSMAlert.self, "alert.spec-example.json")
        let alert = wire.alert(teamNames: [:])
        #expect(alert.lastOccurredAt == ServiceJSON.parseDate("2022-04-01T00:00:00Z"), "lastOccuredAt, one r, as the spec spells it")
        #expect(alert.report?.timeToAcknowledge == .seconds(120), "ackTime 07:08:47.958 − createdAt 07:06:47.958")
        #expect(alert.report?.timeToClose == .seconds(7200))
        #expect(alert.details?["backend"] == "false", "a boolean in extraProperties does not fail the alert")
        #expect(alert.status == .closed && alert.acknowledged == true)
        let list = try Self.decode(JSMPage<JSMAlert>.self, "alert-list.spec-example.json")
        #expect(list.values?.count == 1 && list.count == 1)
    }

    @Test func heartbeatsDecodeFromTheSpecAndTheDocs() throws {
        for name in ["heartbeat-list.spec-example.json", "heartbeat-list.docs-example.json"] {
            let page = try Self.decode(JSMPage<JSMHeartbeat>.self, name)
            let beat = try #require(page.values?.first?.heartbeat(teamName: "ops"))
            #expect(beat.name == "Service Heartbeat" && beat.intervalDuration == .seconds(5 * 86400), "\(name)")
            #expect(beat.enabled == true, "\(name): enabled is true (the spec's example gives it as a string)")
            #expect(beat.expired == false)
        }
    }

    @Test func listsNotesLogsAndDirectoryAnswersDecode() throws {
        #expect(try Self.decode(JSMPage<JSMNote>.self, "alert-notes.spec-example.json").values?.first?.owner == "user@atlassian.com")
        #expect(try Self.decode(JSMNote.self, "alert-note-added.spec-example.json").id == "1704869443312000050")
        let logs = try Self.decode(JSMPage<JSMLog>.self, "alert-logs.spec-example.json")
        #expect(logs.values?.first?.logType == "system")
        #expect(logs.links?.next.flatMap(JSMOpsClient.relativeLink)?.path == "/v1/alerts/4513b7ea-3b91-438f-b7e4-e3e54af9147c/logs")
        #expect(try Self.decode(JSMTeams.self, "teams.spec-example.json").platformTeams?.isEmpty == false)
        let escalations = try Self.decode(JSMPage<JSMEscalation>.self, "escalation-list.spec-example.json")
        #expect(escalations.values?.first?.rules?.first?.delay == 5)
        let schedules = try Self.decode(JSMPage<JSMSchedule>.self, "schedule-list.spec-example.json")
        #expect(schedules.values?.first?.name == "Support Schedule")
        #expect(schedules.links?.next.flatMap(JSMOpsClient.relativeLink)?.path == "/v1/schedules")
    }

    @Test func writesAndTheirOutcomesDecode() throws {
        let accepted = try Self.decode(JSMAccepted.self, "accepted.spec-example.json")
        #expect(accepted.requestId == "d383c6e9-b1e7-4b59-9c35-72f1a2187777")
        for name in ["request-status.spec-example.json", "request-status.docs-example.json"] {
            let status = try Self.decode(JSMRequestStatus.self, name)
            #expect(status.isSuccess == true && status.action == "Create", "\(name)")
        }
        let error = try Self.decode(JSMErrorBody.self, "error-alert.spec-example.json")
        #expect(error.text == "Request method 'POST' is not supported")
    }

    @Test func onCallTreesDecodeWithoutFlatUsers() throws {
        // The spec's only on-call examples are participant trees (flat=false); Vigil asks flat=true.
        let now = try Self.decode(JSMOnCallUsers.self, "on-calls.spec-example.json")
        #expect(now.onCallUsers == nil)
        _ = try Self.decode(JSMOnCallUsers.self, "next-on-calls.spec-example.json")
    }
}

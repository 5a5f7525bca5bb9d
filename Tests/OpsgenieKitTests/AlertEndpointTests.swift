import Foundation
import OpsgenieKit
import VigilTesting
import Testing

@Suite("Alert endpoints over HTTP")
struct AlertEndpointTests {
    @Test func listSendsQueryAndHeadersAndDecodesTolerantly() async throws {
        try await withScripted { server, client, _ in
            server.on("GET", "/v2/alerts", .ok(Fixtures.alertList))
            let page = try await client.listAlerts(AlertQuery(query: "status:open AND priority:P1", offset: 0, limit: 10,
                                                              sort: .createdAt, order: .desc))
            let request = try #require(server.last)
            #expect(request.method == "GET")
            #expect(request.path == "/v2/alerts")
            #expect(request.query["query"] == "status:open AND priority:P1")
            #expect(request.query["limit"] == "10")
            #expect(request.query["offset"] == "0")
            #expect(request.query["sort"] == "createdAt")
            #expect(request.query["order"] == "desc")
            #expect(request.headers["authorization"] == "GenieKey \(testKey.rawValueForComparison)")
            #expect(request.headers["user-agent"] == "vigil/\(ClientConfiguration.vigilVersion)")

            #expect(page.alerts.count == 2)
            let first = page.alerts[0]
            #expect(first.tinyId == "1791")
            #expect(first.priority == .p5)
            #expect(first.status == .closed)
            #expect(first.count == 79)
            #expect(first.report?.ackTime == 15702)
            #expect(first.report?.timeToAcknowledge == .milliseconds(15702))
            #expect(first.responders?.first?.type == "team")
            #expect(first.integration?.name == "Nebuchadnezzar")
            // fractional seconds
            #expect(abs((first.snoozedUntil?.timeIntervalSince1970 ?? 0) - 1_491_251_555.143) < 0.0005)
            // whole seconds, and an unknown priority kept rather than failing
            let second = page.alerts[1]
            #expect(second.createdAt == Date(timeIntervalSince1970: 1_490_128_372))
            #expect(second.priority?.rawValue == "P9")
            #expect(second.priority.map { $0 > .p5 } == true)
        }
    }

    @Test func limitIsClampedToOneHundred() {
        #expect(AlertQuery(limit: 500).limit == 100)
        #expect(AlertQuery(limit: 0).limit == 1)
    }

    @Test func pagingFollowsNextUpToTheCapAndNeverLeavesTheHost() async throws {
        try await withScripted { server, client, _ in
            server.on("GET", "/v2/alerts",
                      .ok(Fixtures.alertPage(ids: ["a", "b"], next: "https://evil.example/v2/alerts?offset=2&limit=2")),
                      .ok(Fixtures.alertPage(ids: ["c", "d"], next: "https://evil.example/v2/alerts?offset=4&limit=2")),
                      .ok(Fixtures.alertPage(ids: ["e"], next: nil)))
            let capped = try await client.listAlerts(AlertQuery(limit: 2), maxPages: 2)
            #expect(capped.alerts.map(\.id) == ["a", "b", "c", "d"])
            #expect(capped.nextOffset == 4)
            #expect(capped.pagesFetched == 2)
            #expect(server.requests.map { $0.query["offset"] } == ["0", "2"])

            let rest = try await client.listAlerts(AlertQuery(offset: 4, limit: 2), maxPages: 5)
            #expect(rest.alerts.map(\.id) == ["e"])
            #expect(rest.nextOffset == nil)
            // every request went to the configured host, carrying the key only there
            #expect(server.requests.count == 3)
        }
    }

    @Test func countAndGetWithIdentifierTypes() async throws {
        try await withScripted { server, client, _ in
            server.on("GET", "/v2/alerts/count", .ok(#"{"data":{"count":7},"took":0.1,"requestId":"r"}"#))
            #expect(try await client.countAlerts(query: "status:open") == 7)
            #expect(server.last?.query["query"] == "status:open")

            server.on("GET", "/v2/alerts/count", .ok(#"{"data":{"count":3},"took":0.1,"requestId":"r"}"#))
            #expect(try await client.countAlerts(searchIdentifier: "open-p1", searchIdentifierType: "name") == 3)
            #expect(server.last?.query["searchIdentifier"] == "open-p1")
            #expect(server.last?.query["searchIdentifierType"] == "name")

            server.on("GET", "/v2/alerts/event/573 with space", .ok(Fixtures.alert))
            let alert = try await client.getAlert(.alias("event/573 with space"))
            #expect(server.last?.path == "/v2/alerts/event%2F573%20with%20space")
            #expect(server.last?.query["identifierType"] == "alias")
            #expect(alert.description == "Example description")
            #expect(alert.details?["cpu"] == "97")
            #expect(alert.details?["critical"] == "true")
            #expect(alert.actions == ["Restart", "Ping"])

            server.on("GET", "/v2/alerts/1791", .ok(Fixtures.alert))
            _ = try await client.getAlert(.tiny("1791"))
            #expect(server.last?.query["identifierType"] == "tiny")
        }
    }

    @Test func writesSendTheDocumentedBodies() async throws {
        try await withScripted { server, client, _ in
            let id = "70413a06"
            let context = ActionContext(user: "Monitoring Script", source: "AWS Lambda", note: "Action executed via Alert API")
            for action in ["acknowledge", "unacknowledge", "close", "snooze", "assign", "escalate", "notes", "tags"] {
                server.on("POST", "/v2/alerts/\(id)/\(action)", .accepted("req-\(action)"))
            }
            server.on("DELETE", "/v2/alerts/\(id)/tags", .accepted("req-untag"))

            let ack = try await client.acknowledge(.id(id), context: context)
            #expect(ack.requestId == "req-acknowledge")
            var body = try #require(server.last?.json)
            #expect(server.last?.method == "POST")
            #expect(server.last?.path == "/v2/alerts/\(id)/acknowledge")
            #expect(server.last?.query["identifierType"] == "id")
            #expect(server.last?.headers["content-type"] == "application/json")
            #expect(body["user"] as? String == "Monitoring Script")
            #expect(body["source"] as? String == "AWS Lambda")
            #expect(body["note"] as? String == "Action executed via Alert API")

            _ = try await client.unacknowledge(.id(id))
            #expect(server.last?.path == "/v2/alerts/\(id)/unacknowledge")
            _ = try await client.close(.id(id))
            #expect(server.last?.path == "/v2/alerts/\(id)/close")
            #expect(server.last?.json?["source"] as? String == "vigil")

            let end = Date(timeIntervalSince1970: 1_800_000_000.5)
            _ = try await client.snooze(.id(id), until: end)
            body = try #require(server.last?.json)
            #expect(body["endTime"] as? String == "2027-01-15T08:00:00.500Z")

            _ = try await client.assign(.id(id), to: .username("neo@opsgenie.com"))
            body = try #require(server.last?.json)
            #expect((body["owner"] as? [String: Any])?["username"] as? String == "neo@opsgenie.com")
            _ = try await client.assign(.id(id), to: .id("u-1"))
            #expect((server.last?.json?["owner"] as? [String: Any])?["id"] as? String == "u-1")

            _ = try await client.escalate(.id(id), to: .name("Engineering_escalation"))
            body = try #require(server.last?.json)
            let escalation = try #require(body["escalation"] as? [String: Any])
            #expect(escalation["name"] as? String == "Engineering_escalation")
            #expect(escalation["type"] as? String == "escalation")

            _ = try await client.addNote(.id(id), note: "looking at it")
            #expect(server.last?.path == "/v2/alerts/\(id)/notes")
            #expect(server.last?.json?["note"] as? String == "looking at it")

            _ = try await client.addTags(.id(id), tags: ["db", "p1"])
            #expect(server.last?.json?["tags"] as? [String] == ["db", "p1"])

            let untag = try await client.removeTags(.id(id), tags: ["db", "p1"], context: ActionContext(user: "me"))
            #expect(untag.requestId == "req-untag")
            #expect(server.last?.method == "DELETE")
            #expect(server.last?.query["tags"] == "db,p1")
            #expect(server.last?.query["user"] == "me")
        }
    }

    @Test func notesLogsAndSavedSearches() async throws {
        try await withScripted { server, client, _ in
            server.on("GET", "/v2/alerts/a1/notes", .ok(Fixtures.notes))
            let notes = try await client.listNotes(.id("a1"), limit: 5)
            #expect(notes.first?.note == "Please take a look")
            #expect(notes.first?.owner == "john.smith@opsgenie.com")
            #expect(server.last?.query["limit"] == "5")
            #expect(server.last?.query["order"] == "desc")

            server.on("GET", "/v2/alerts/a1/logs", .ok(Fixtures.logs))
            let logs = try await client.listLogs(.id("a1"))
            #expect(logs.first?.log == "Alert acknowledged via web")
            #expect(logs.first?.type == "system")

            server.on("GET", "/v2/alerts/saved-searches", .ok(Fixtures.savedSearches))
            let searches = try await client.listSavedSearches()
            #expect(searches.map(\.name) == ["open-p1", "mine"])
        }
    }
}

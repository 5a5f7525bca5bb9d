import Foundation
import OpsgenieKit
import ServiceSimulator
import ServiceSpecs
import Testing

/// The JSM Operations alert API of the simulator, over real HTTP, checked against docs/jsm.md.
@Suite("JSM alerts over real HTTP")
struct JSMAlertTests {
    /// `AlertResponse`'s fields, read from Atlassian's spec.
    static let alertFields = PublishedSpec.jsmOperations.document.propertyNames(ofSchema: "AlertResponse")

    @Test func theListIsUnwrappedCountsEveryMatchAndLinksRelativelyToTheNextPage() async throws {
        try await withJSM { simulator, jsm in
            let total = simulator.allAlerts().count
            try #require(total > 10, "paging needs several pages")
            let first = try await jsm.ops("GET", "/v1/alerts?size=5")
            #expect(first.status == 200)
            expectOnlyKeys(first.object, ["values", "count", "links"], "ListAlertResponse")
            #expect(first.object["count"] as? Int == total)
            #expect(first.values.count == 5)
            #expect(first.next == "/v1/alerts?offset=5&size=5", "relative, rooted at /v1, no host or cloud id")
            // Following next to the end visits every alert once; the last page has no next.
            var seen = first.values.compactMap { $0["id"] as? String }
            var next = first.next
            var pages = 1
            while let link = next, pages < 20 {
                let page = try await jsm.ops("GET", link)
                seen += page.values.compactMap { $0["id"] as? String }
                next = page.next
                pages += 1
            }
            #expect(next == nil)
            #expect(seen.count == total && Set(seen).count == total)

            let p1 = simulator.allAlerts().filter { $0.priority == .p1 }.count
            try #require(p1 > 0 && p1 < total, "the query must split the alerts")
            let filtered = try await jsm.ops("GET", "/v1/alerts?size=100&query=priority%3AP1")
            #expect(filtered.object["count"] as? Int == p1)
            #expect(filtered.values.allSatisfy { $0["priority"] as? String == "P1" })
            #expect(filtered.next == nil)
        }
    }

    @Test func theListRefusesWhatTheDocumentsRefuse() async throws {
        try await withJSM { _, jsm in
            let tooDeep = try await jsm.ops("GET", "/v1/alerts?offset=19990&size=10")
            #expect(tooDeep.status == 422, "offset + size must be lower than 20,000")
            #expect(tooDeep.firstError?.code == "UNPROCESSABLE_ENTITY")
            #expect(try await jsm.ops("GET", "/v1/alerts?offset=19980&size=10").status == 200)
            #expect(try await jsm.ops("GET", "/v1/alerts?sort=tinyId").status == 422, "not a JSM sort field")
            let opsgenieLimit = try await jsm.ops("GET", "/v1/alerts?limit=5")
            #expect(opsgenieLimit.status == 422 && opsgenieLimit.firstError?.title.contains("limit") == true,
                    "limit is Opsgenie's; JSM takes size and refuses a parameter it does not document")
            #expect(try await jsm.ops("GET", "/v1/alerts").values.count == 20, "size is 20 by default")
            #expect(try await jsm.ops("GET", "/v1/alerts?query=colour%3Ared").status == 422)
            let sorted = try await jsm.ops("GET", "/v1/alerts?size=100&sort=priority&order=asc").values.compactMap { $0["priority"] as? String }
            #expect(sorted == sorted.sorted() && Set(sorted).count > 1)
        }
    }

    @Test func anAlertHasJSMFieldsAndNoOpsgenieOnes() async throws {
        try await withJSM { simulator, jsm in
            let owned = try #require(simulator.allAlerts().first { ($0.owner ?? "").hasSuffix("@example.com") })
            let displayName = String(owned.owner!.split(separator: "@")[0]).capitalized
            let answer = try await jsm.ops("GET", "/v1/alerts/\(owned.id)")
            #expect(answer.status == 200)
            let alert = answer.object
            expectOnlyKeys(alert, Self.alertFields, "AlertResponse")
            #expect(alert["id"] as? String == owned.id)
            #expect(alert["seen"] is Bool && alert["extraProperties"] is [String: String])
            #expect(alert["integrationType"] is String && alert["integrationName"] is String)
            #expect(alert["status"] as? String == "acked", "the owned alerts are the acknowledged ones")
            #expect(alert["owner"] as? String == displayName, "a display name, not an account")
            let responders = try #require(alert["responders"] as? [[String: Any]])
            #expect(!responders.isEmpty && responders.allSatisfy { Set($0.keys) == ["id", "type"] })

            let byAlias = try await jsm.ops("GET", "/v1/alerts/alias?alias=\(owned.alias!.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
            #expect(byAlias.object["id"] as? String == owned.id)
            let missing = try await jsm.ops("GET", "/v1/alerts/no-such-alert")
            #expect(missing.status == 404)
            #expect(missing.firstError?.code == "NOT_FOUND")
            #expect(try await jsm.ops("GET", "/v1/alerts/alias?alias=no-such-alias").status == 404)
        }
    }

    @Test func writesAreAcceptedThenAppliedAndTheirStatusIsFoundOnlyOnceProcessed() async throws {
        try await withJSM(delay: .seconds(4)) { simulator, jsm in
            let target = try #require(simulator.allAlerts().first { $0.status == .open && $0.acknowledged == false })
            let accepted = try await jsm.ops("POST", "/v1/alerts/\(target.id)/acknowledge")
            #expect(accepted.status == 202)
            expectOnlyKeys(accepted.object, ["result", "requestId", "took"], "SuccessResponse")
            #expect(accepted.object["result"] as? String == "Request will be processed")
            #expect(accepted.object["took"] is Double || accepted.object["took"] is Int)
            let requestId = try #require(accepted.object["requestId"] as? String)
            let early = try await jsm.ops("GET", "/v1/alerts/requests/\(requestId)")
            #expect(early.status == 404, "not processed yet")
            #expect(early.firstError != nil)
            #expect(try await jsm.ops("GET", "/v1/alerts/\(target.id)").object["status"] as? String == "open")

            let done = try await jsm.outcome(of: requestId)
            #expect(done.status == 200)
            expectOnlyKeys(done.object, ["action", "processedAt", "integrationId", "isSuccess", "status", "alertId", "alias"], "GetRequestStatusResponse")
            #expect(done.object["isSuccess"] as? Bool == true)
            #expect(done.object["action"] as? String == "Acknowledge")
            #expect(done.object["alertId"] as? String == target.id)
            #expect(try await jsm.ops("GET", "/v1/alerts/\(target.id)").object["status"] as? String == "acked")
            #expect(simulator.alert(tinyId: target.tinyId!)?.acknowledged == true, "one world behind both APIs")
        }
    }

    @Test func aWriteThatCannotApplyReportsWhyInItsStatus() async throws {
        try await withJSM { simulator, jsm in
            let target = try #require(simulator.allAlerts().first { $0.status == .open })
            for expected in [true, false] {
                let close = try await jsm.ops("POST", "/v1/alerts/\(target.id)/close")
                let outcome = try await jsm.outcome(of: try #require(close.object["requestId"] as? String))
                #expect(outcome.object["isSuccess"] as? Bool == expected)
                if !expected { #expect(outcome.object["status"] as? String == "Alert is already closed") }
            }
            #expect(try await jsm.ops("GET", "/v1/alerts/\(target.id)").object["status"] as? String == "closed")
            let ghost = try await jsm.ops("POST", "/v1/alerts/no-such-alert/acknowledge")
            #expect(ghost.status == 202, "acknowledge documents no 404: the status says so instead")
            let ghostOutcome = try await jsm.outcome(of: try #require(ghost.object["requestId"] as? String))
            #expect(ghostOutcome.object["status"] as? String == "Alert does not exist")
        }
    }

    @Test func assignSnoozeEscalateAndTagsTakeJSMBodies() async throws {
        try await withJSM { simulator, jsm in
            let target = try #require(simulator.allAlerts().first { $0.status == .open && $0.owner == "" })
            let path = "/v1/alerts/\(target.id)"
            let carol = try #require(simulator.accountId(ofUsername: "carol@example.com"))
            func apply(_ action: String, _ body: String, method: String = "POST") async throws -> JSMAnswer {
                let accepted = try await jsm.ops(method, "\(path)/\(action)", body: body)
                #expect(accepted.status == 202, "\(action)")
                return try await jsm.outcome(of: try #require(accepted.object["requestId"] as? String))
            }
            #expect(try await apply("assign", #"{"accountId":"\#(carol)"}"#).object["isSuccess"] as? Bool == true)
            #expect(try await jsm.ops("GET", path).object["owner"] as? String == "Carol")
            let ghost = try await apply("assign", #"{"accountId":"000000000000000000000000"}"#)
            #expect(ghost.object["isSuccess"] as? Bool == false)
            #expect((ghost.object["status"] as? String)?.contains("000000000000000000000000") == true)
            #expect(try await jsm.ops("POST", "\(path)/assign", body: #"{"owner":{"username":"carol@example.com"}}"#).status == 422)

            let later = ServiceJSON.formatDate(simulator.clock.now().addingTimeInterval(3600))
            #expect(try await apply("snooze", #"{"endTime":"\#(later)"}"#).object["isSuccess"] as? Bool == true)
            #expect(try await jsm.ops("GET", path).object["status"] as? String == "snoozed")
            #expect(try await jsm.ops("POST", "\(path)/snooze", body: #"{"until":"\#(later)"}"#).status == 422, "Opsgenie's field")

            #expect(try await apply("escalate", #"{"escalationId":"esc-payments"}"#).object["isSuccess"] as? Bool == true)
            let responders = try await jsm.ops("GET", path).object["responders"] as? [[String: Any]] ?? []
            #expect(responders.contains { $0["id"] as? String == "esc-payments" && $0["type"] as? String == "escalation" })

            #expect(try await apply("tags", #"{"tags":["jsm-a","jsm-b"]}"#).object["isSuccess"] as? Bool == true)
            #expect(try await apply("tags", #"{"tags":["jsm-a"]}"#, method: "DELETE").object["isSuccess"] as? Bool == true)
            #expect(try await jsm.ops("GET", path).object["tags"] as? [String] == (target.tags ?? []) + ["jsm-b"])
            #expect(try await jsm.ops("POST", "\(path)/tags", body: "{not json").status == 400)
        }
    }

    @Test func aNoteIsAddedAtOnceAndNotesAndLogsPageByCursor() async throws {
        try await withJSM(delay: .seconds(30)) { simulator, jsm in
            let target = try #require(simulator.allAlerts().first)
            let path = "/v1/alerts/\(target.id)"
            for text in ["first", "second", "third"] {
                let added = try await jsm.ops("POST", "\(path)/notes", body: #"{"note":"\#(text)"}"#)
                #expect(added.status == 200, "synchronous, even with a 30 s processing delay")
                expectOnlyKeys(added.object, ["id", "createdAt", "updatedAt", "note", "owner"], "AlertNote")
                #expect(added.object["note"] as? String == text && added.object["owner"] as? String == JSMDemo.email)
                #expect(added.object["requestId"] == nil)
            }
            #expect(simulator.notes(alertId: target.id).map(\.note) == ["first", "second", "third"])
            let page1 = try await jsm.ops("GET", "\(path)/notes?size=2")
            expectOnlyKeys(page1.object, ["values", "links"], "GetAlertNotesResponse")
            #expect(page1.values.compactMap { $0["note"] as? String } == ["third", "second"], "newest first")
            let next = try #require(page1.next)
            #expect(next.hasPrefix("\(path)/notes?after="))
            let page2 = try await jsm.ops("GET", next)
            #expect(page2.values.compactMap { $0["note"] as? String } == ["first"])
            #expect(page2.next == nil)
            #expect(try await jsm.ops("POST", "\(path)/notes", body: #"{"note":""}"#).status == 422)
            #expect(try await jsm.ops("POST", "/v1/alerts/no-such-alert/notes", body: #"{"note":"x"}"#).status == 404)

            let logs = try await jsm.ops("GET", "\(path)/logs?size=1")
            let log = try #require(logs.values.first)
            expectOnlyKeys(log, ["logTime", "logType", "log", "owner"], "AlertLog")
            #expect(log["logTime"] is String && log["createdAt"] == nil)
            let rest = try await jsm.ops("GET", try #require(logs.next))
            #expect(rest.status == 200 && !rest.values.isEmpty)
        }
    }
}

import Foundation
import OpsgenieKit
import ServiceSimulator
import Testing

/// The JSM side's auth, errors, rate limits, faults, configuration routes and the site routes.
@Suite("JSM site, auth and configuration over real HTTP")
struct JSMSiteTests {
    @Test func tenantInfoGivesTheCloudIdWithoutCredentials() async throws {
        try await withJSM { simulator, jsm in
            let answer = try await jsm.site("GET", "/_edge/tenant_info", authorization: "")
            #expect(answer.status == 200)
            #expect(answer.object.count == 1)
            #expect(answer.object["cloudId"] as? String == JSMDemo.cloudId)
            #expect(simulator.cloudId == JSMDemo.cloudId)
        }
    }

    @Test func credentialsRightsAndTheCloudIdAreChecked() async throws {
        try await withJSM { simulator, jsm in
            let alert = try #require(simulator.allAlerts().first { $0.status == .open })
            for wrong in [jsm.as(JSMDemo.email, "wrong-token"), jsm.as("mallory@example.com", JSMDemo.token)] {
                let refused = try await wrong.ops("GET", "/v1/alerts")
                #expect(refused.status == 401)
                #expect(refused.object["code"] as? Int == 401 && refused.object["message"] is String, "UnauthorizedErrorResponse")
            }
            #expect(try await jsm.site("GET", "/jsm/ops/api/\(JSMDemo.cloudId)/v1/alerts", authorization: "").status == 401)
            #expect(try await jsm.site("GET", "/jsm/ops/api/\(JSMDemo.cloudId)/v1/alerts", authorization: "GenieKey \(DemoKeys.full)").status == 401)
            #expect(try await jsm.as(JSMDemo.email.uppercased(), JSMDemo.token).ops("GET", "/v1/alerts").status == 200,
                    "an e-mail address is not case-sensitive")

            let viewer = jsm.as(JSMDemo.readOnlyEmail, JSMDemo.readOnlyToken)
            #expect(try await viewer.ops("GET", "/v1/alerts").status == 200)
            #expect(try await viewer.ops("GET", "/v1/schedules").status == 200)
            for (method, path, body) in [("POST", "acknowledge", nil), ("POST", "notes", #"{"note":"x"}"#), ("DELETE", "tags", #"{"tags":["a"]}"#)] {
                let forbidden = try await viewer.ops(method, "/v1/alerts/\(alert.id)/\(path)", body: body)
                #expect(forbidden.status == 403, "\(path)")
                #expect(forbidden.firstError?.code == "FORBIDDEN")
            }
            #expect(simulator.notes(alertId: alert.id).contains { $0.note == "x" } == false)

            var elsewhere = jsm
            elsewhere.cloudId = "11111111-2222-3333-4444-555555555555"
            let wrongSite = try await elsewhere.ops("GET", "/v1/alerts")
            #expect(wrongSite.status == 404)
            #expect(wrongSite.firstError?.code == "NOT_FOUND")
            #expect(try await jsm.ops("GET", "/v1/nothing-here").status == 404)
        }
    }

    @Test func anEmptyBucketAnswers429WithRetryAfterAndEveryCallIsCounted() async throws {
        try await withJSM(limits: RateLimitSettings(perSecond: 3, perMinute: 4)) { simulator, jsm in
            var throttled: JSMAnswer?
            var calls = 0
            for _ in 0..<6 {
                calls += 1
                let answer = try await jsm.ops("GET", "/v1/alerts?size=1")
                if answer.status == 429 { throttled = answer; break }
            }
            let answer = try #require(throttled)
            #expect((Int(answer.headers["retry-after"] ?? "") ?? 0) >= 1)
            #expect(answer.firstError?.code == "TOO_MANY_REQUESTS")
            #expect(answer.headers["x-ratelimit-state"] == nil, "JSM documents no Opsgenie rate-limit headers")
            #expect(try await jsm.ops("GET", "/v1/teams").status == 200, "other domains keep their own budget")
            #expect(simulator.requestsByDomain[.search] == calls, "a refused call is charged too, as on the Opsgenie side")
            #expect(simulator.requestsByDomain[.configuration] == 1)
        }
    }

    @Test func faultsApplyToTheJSMRoutesAndAnswerInJSMShape() async throws {
        try await withJSM { simulator, jsm in
            simulator.setFaults([FaultRule(route: "/jsm", status: 503)])
            let failed = try await jsm.ops("GET", "/v1/alerts")
            #expect(failed.status == 503)
            #expect(failed.firstError != nil)
            #expect(try await jsm.site("GET", "/_edge/tenant_info").status == 200, "other routes unaffected")
            simulator.setFaults([FaultRule(route: "/jsm", body: .malformed)])
            #expect(try await jsm.ops("GET", "/v1/alerts").json == nil)
            simulator.setFaults([FaultRule(route: "/jsm", body: .wrongTypes)])
            let wrong = try await jsm.ops("GET", "/v1/alerts")
            #expect(wrong.object["count"] is String && wrong.values.first?["id"] is Int, "JSM's own fields, wrongly typed")
            simulator.setFaults([])
            #expect(try await jsm.ops("GET", "/v1/alerts").status == 200)
        }
    }

    @Test func teamsHeartbeatsAndEscalationsAreTeamScoped() async throws {
        try await withJSM { _, jsm in
            let teams = try await jsm.ops("GET", "/v1/teams")
            expectOnlyKeys(teams.object, ["platformTeams"], "ListPlatformTeamResponse")
            let platformTeams = try #require(teams.object["platformTeams"] as? [[String: Any]])
            #expect(platformTeams.count == 3 && platformTeams.allSatisfy { Set($0.keys) == ["teamId", "teamName"] })

            let beats = try await jsm.ops("GET", "/v1/teams/team-platform/heartbeats?size=2")
            #expect(beats.values.count == 2)
            #expect(beats.next == "/v1/teams/team-platform/heartbeats?offset=2&size=2")
            for beat in beats.values {
                expectOnlyKeys(beat, ["name", "description", "interval", "intervalUnit", "enabled", "status", "ownerTeamId",
                                      "alertMessage", "alertTags", "alertPriority"], "Heartbeat")
                #expect(["Minutes", "Hours", "Days"].contains(beat["intervalUnit"] as? String ?? ""))
                #expect(["Responsive", "Unresponsive", "Off", "Pending"].contains(beat["status"] as? String ?? ""))
                #expect(beat["ownerTeamId"] as? String == "team-platform")
            }
            let last = try await jsm.ops("GET", try #require(beats.next))
            #expect(last.values.count == 1 && last.next == nil)
            let named = try await jsm.ops("GET", "/v1/teams/team-platform/heartbeats?name=edge-probe")
            #expect(named.values.compactMap { $0["name"] as? String } == ["edge-probe"])
            #expect(try await jsm.ops("GET", "/v1/teams/team-payments/heartbeats").values.compactMap { $0["name"] as? String } == ["billing-cron"])
            #expect(try await jsm.ops("GET", "/v1/teams/team-storefront/heartbeats").values.isEmpty)
            #expect(try await jsm.ops("GET", "/v1/teams/no-such-team/heartbeats").status == 404)
            let pong = try await jsm.ops("POST", "/v1/teams/team-platform/heartbeats/ping?name=api-gateway")
            #expect(pong.status == 202 && pong.object["message"] as? String == "PONG - Heartbeat received")

            let escalations = try await jsm.ops("GET", "/v1/teams/team-payments/escalations")
            let escalation = try #require(escalations.values.first)
            expectOnlyKeys(escalation, ["id", "name", "description", "rules", "enabled", "repeat"], "EscalationResponse")
            let rules = try #require(escalation["rules"] as? [[String: Any]])
            let rule = try #require(rules.first)
            #expect(rule["delay"] == nil, "an immediate step has no delay: the spec's minimum is 1")
            #expect(rules.dropFirst().allSatisfy { ($0["delay"] as? Int ?? 0) >= 1 })
            #expect((rule["recipient"] as? [String: Any])?["type"] as? String == "schedule")
            #expect(Set((escalation["repeat"] as? [String: Any] ?? [:]).keys) == ["waitInterval", "count", "resetRecipientStates", "closeAlertAfterAll"])
            #expect(escalations.next == nil)
            #expect(try await jsm.ops("GET", "/v1/teams/team-payments/escalations/esc-payments").object["id"] as? String == "esc-payments")
            #expect(try await jsm.ops("GET", "/v1/teams/team-platform/escalations/esc-payments").status == 404)
        }
    }

    @Test func schedulesAndOnCallsSpeakAccountIds() async throws {
        try await withJSM { simulator, jsm in
            let list = try await jsm.ops("GET", "/v1/schedules?size=2")
            expectOnlyKeys(list.object, ["values", "links", "_expands"], "ListSchedulesResponse")
            #expect(list.values.count == 2 && list.next == "/v1/schedules?offset=2&size=2")
            #expect(list.values.allSatisfy { $0["rotations"] == nil && $0["teamId"] is String })
            let expanded = try await jsm.ops("GET", "/v1/schedules?query=PAY*&expand=rotation")
            let schedule = try #require(expanded.values.first)
            #expect(expanded.values.count == 1 && schedule["name"] as? String == "payments_schedule")
            let participants = (schedule["rotations"] as? [[String: Any]])?.first?["participants"] as? [[String: Any]] ?? []
            #expect(!participants.isEmpty && participants.allSatisfy { isAccountId($0["id"] as? String) && $0["type"] as? String == "user" })

            let everyone = Set(["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"]
                .compactMap { simulator.accountId(ofUsername: "\($0)@example.com") })
            #expect(everyone.count == 10 && everyone.allSatisfy(isAccountId))
            let now = try await jsm.ops("GET", "/v1/schedules/sched-payments/on-calls?flat=true")
            expectOnlyKeys(now.object, ["onCallUsers"], "OnCallUsers")
            let current = try #require(now.object["onCallUsers"] as? [String])
            #expect(current.count == 1 && everyone.isSuperset(of: current))
            let nested = try await jsm.ops("GET", "/v1/schedules/sched-payments/on-calls")
            let people = try #require(nested.object["onCallParticipants"] as? [[String: Any]])
            #expect(people.compactMap { $0["id"] as? String } == current && people.allSatisfy { $0["type"] as? String == "user" })

            let upcoming = try await jsm.ops("GET", "/v1/schedules/sched-payments/next-on-calls?flat=true")
            let next = try #require(upcoming.object["nextOnCallUsers"] as? [String])
            #expect(next.count == 1 && next != current, "the hourly rotation hands over to someone else")
            let nestedNext = try await jsm.ops("GET", "/v1/schedules/sched-payments/next-on-calls?flat=false")
            #expect((nestedNext.object["nextOnCallParticipants"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == next)
            #expect(try await jsm.ops("GET", "/v1/schedules/sched-payments/on-calls?date=yesterday").status == 422)
            #expect(try await jsm.ops("GET", "/v1/schedules/no-such-schedule/on-calls").status == 404)
            #expect(try await jsm.ops("GET", "/v1/schedules/sched-payments").object["id"] as? String == "sched-payments")
        }
    }

    @Test func userBulkResolvesAccountIdsPageByPage() async throws {
        try await withJSM { simulator, jsm in
            let ids = try ["alice", "bob", "carol"].map { try #require(simulator.accountId(ofUsername: "\($0)@example.com")) }
            let query = ids.map { "accountId=\($0)" }.joined(separator: "&") + "&accountId=000000000000000000000000"
            let first = try await jsm.site("GET", "/rest/api/3/user/bulk?\(query)&maxResults=2")
            #expect(first.status == 200)
            expectOnlyKeys(first.object, ["self", "nextPage", "maxResults", "startAt", "total", "isLast", "values"], "PageBean")
            #expect(first.object["total"] as? Int == 3, "unknown ids are left out")
            #expect(first.object["isLast"] as? Bool == false && first.object["maxResults"] as? Int == 2)
            let user = try #require(first.values.first)
            expectOnlyKeys(user, ["accountId", "accountType", "displayName", "emailAddress", "active"], "User")
            #expect(user["accountId"] as? String == ids[0] && user["displayName"] as? String == "Alice")
            #expect(user["emailAddress"] as? String == "alice@example.com" && user["accountType"] as? String == "atlassian")
            let second = try await jsm.site("GET", "/rest/api/3/user/bulk?\(query)&maxResults=2&startAt=2")
            #expect(second.values.compactMap { $0["accountId"] as? String } == [ids[2]] && second.object["isLast"] as? Bool == true)
            let defaults = try await jsm.site("GET", "/rest/api/3/user/bulk?\(query)")
            #expect(defaults.object["maxResults"] as? Int == 10 && defaults.values.count == 3)
            #expect(try await jsm.site("GET", "/rest/api/3/user/bulk").status == 400)
            #expect(try await jsm.as(JSMDemo.email, "nope").site("GET", "/rest/api/3/user/bulk?\(query)").status == 401)
        }
    }
}

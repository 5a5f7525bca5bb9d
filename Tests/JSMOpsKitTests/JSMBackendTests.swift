import Foundation
import JSMOpsKit
import OperationsModel
import ServiceSimulator
import Testing

/// Runs `body` with the simulator and a JSM backend against it, as a real site would be used:
/// the cloudId looked up from the site, Basic auth with email and token.
func withJSM(scenario: String = "ops-room", email: String = JSMDemo.email, token: String = JSMDemo.token,
             cloudId: String? = nil, rateLimits: RateLimitSettings = .unlimited,
             retry: RetryPolicy = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(20), maxDelay: .milliseconds(100)),
             configure: (inout SimulatorConfiguration) -> Void = { _ in },
             _ body: (Simulator, JSMOpsBackend) async throws -> Void) async throws {
    var configuration = SimulatorConfiguration(scenario: scenario, speed: 1, processingDelay: .milliseconds(50),
                                               rateLimits: Dictionary(uniqueKeysWithValues: RateLimitDomain.allCases.map { ($0, rateLimits) }))
    configure(&configuration)
    try await Simulator.with(configuration) { simulator, url in
        let jsm = JSMConfiguration(site: url, apiBase: url, cloudId: cloudId, credentials: JSMCredentials(email: email, token: token)!,
                                   retry: retry)
        try await JSMOpsClient.withClient(configuration: jsm) { client in
            try await body(simulator, JSMOpsBackend(client: client))
        }
    }
}

@Suite("JSM Operations backend against the JSM simulator")
struct JSMBackendTests {
    @Test func theCloudIdComesFromTheSiteAndAlertsPageThroughLinks() async throws {
        try await withJSM(scenario: "scale") { simulator, backend in
            #expect(backend.client.configuration.cloudId == simulator.cloudId)
            let page = try await backend.alerts(AlertQuery(query: "status:open", limit: 100, sort: .createdAt, order: .desc), maxPages: 3)
            #expect(page.alerts.count == 300, "three pages of 100 through links.next")
            #expect(page.nextOffset == 300)
            #expect(Set(page.alerts.map(\.id)).count == 300, "no page twice")
            let total = try await backend.countAlerts(AlertQuery(query: "status:open"))
            #expect(total == simulator.allAlerts().filter { $0.status == .open }.count)
            let p1 = try await backend.countAlerts(AlertQuery(query: "status:open AND priority:P1"))
            #expect(p1 > 0 && p1 < total)
        }
    }

    @Test func escalationsCarryTheirStepsWithNamedRecipients() async throws {
        try await withJSM { _, backend in
            let escalations = try await backend.escalations()
            let platform = try #require(escalations.first { $0.name == "platform_escalation" })
            let rules = try #require(platform.rules)
            #expect(rules.count == 3, "the escalation path needs every step")
            #expect(rules.map(\.condition) == ["if-not-acked", "if-not-acked", "if-not-closed"])
            #expect(rules.map { $0.delay?.timeAmount } == [0, 15, 60], "JSM gives whole minutes")
            #expect(rules.allSatisfy { $0.delay?.timeUnit == "minutes" })
            let team = try #require(rules.last?.recipient)
            #expect(team.type == .team && team.name == "platform", "a team recipient is named from the team list")
            #expect(rules.first?.recipient?.type == .schedule && rules.first?.recipient?.id != nil)
        }
    }

    @Test func everyActionEndsConfirmedAndTheSimulatorAgrees() async throws {
        try await withJSM { simulator, backend in
            let open = try await backend.alerts(AlertQuery(query: "status:open AND acknowledged:false", limit: 10), maxPages: 1).alerts
            try #require(open.count >= 4)
            _ = try await backend.onCall(at: Date())  // resolves the people the assign picker offers
            let people = try await backend.users()
            let assignee = try #require(people.first)
            let escalation = try #require(try await backend.escalations().first)
            let actions: [(AlertAction, Alert)] = [
                (.acknowledge, open[0]), (.snooze(until: Date().addingTimeInterval(3600)), open[1]),
                (.assign(.id(assignee.id)), open[2]), (.escalate(.id(escalation.id)), open[3]),
                (.addNote("checked the replica"), open[0]), (.close, open[1]),
            ]
            for (action, alert) in actions {
                let receipt = try await backend.perform(action, alertId: alert.id, context: ActionContext())
                let status = try await backend.confirm(receipt, timeout: .seconds(10))
                #expect(status.isSuccess == true, "\(action.verb)")
            }
            #expect(simulator.alert(tinyId: open[0].tinyId!)?.acknowledged == true)
            #expect(simulator.alert(tinyId: open[1].tinyId!)?.status == .closed)
            #expect(simulator.alert(tinyId: open[2].tinyId!)?.owner?.isEmpty == false)
            #expect(simulator.notes(alertId: open[0].id).contains { $0.note == "checked the replica" })
            // assigning by the email the picker shows resolves to the account id
            let byEmail = try await backend.perform(.assign(.username(assignee.username!)), alertId: open[3].id, context: ActionContext())
            #expect(try await backend.confirm(byEmail, timeout: .seconds(10)).isSuccess == true)
        }
    }

    @Test func aRefusedWriteFailsWithJSMsReason() async throws {
        try await withJSM { _, backend in
            let closed = try #require(try await backend.alerts(AlertQuery(query: "status:open", limit: 1), maxPages: 1).alerts.first)
            let first = try await backend.perform(.close, alertId: closed.id, context: ActionContext())
            _ = try await backend.confirm(first, timeout: .seconds(10))
            let again = try await backend.perform(.acknowledge, alertId: closed.id, context: ActionContext())
            do {
                _ = try await backend.confirm(again, timeout: .seconds(10))
                Issue.record("acknowledging a closed alert must fail")
            } catch let error as OperationsError {
                #expect(error.faultClass == .rejected)
                #expect(error.service == .jsm)
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test func namesTeamsAndHeartbeatsComeFromTheirOwnCalls() async throws {
        try await withJSM { simulator, backend in
            let onCall = try await backend.onCall(at: Date()).value
            #expect(!onCall.isEmpty)
            let names = onCall.flatMap { $0.current + $0.next }
            #expect(!names.isEmpty && names.allSatisfy { !$0.allSatisfy(\.isHexDigit) }, "display names, not account ids: \(names)")
            let beats = try await backend.heartbeats().value
            #expect(Set(beats.map(\.name)) == Set(simulator.allHeartbeatNames()), "every team's heartbeats")
            #expect(beats.allSatisfy { $0.ownerTeam?.name != nil })
            let alert = try #require(try await backend.alerts(AlertQuery(query: "status:open", limit: 5), maxPages: 1).alerts.first)
            let team = alert.responders?.first { $0.type == .team }
            #expect(team?.name != nil && team?.name != team?.id, "team responders named from /v1/teams")
        }
    }

    @Test func wrongTokenReadOnlyAccountAndWrongCloudIdGetJSMRemedies() async throws {
        try await withJSM(token: "not-the-token") { _, backend in
            do { _ = try await backend.heartbeats(); Issue.record("a wrong token must fail") } catch let error as OperationsError {
                #expect(error.status == 401 && error.faultClass == .auth)
                #expect(error.remedy.contains("JSM_EMAIL") && error.remedy.contains("API token"))
                #expect(!error.description.contains("not-the-token"))
            }
        }
        try await withJSM(email: JSMDemo.readOnlyEmail, token: JSMDemo.readOnlyToken) { _, backend in
            let alert = try #require(try await backend.alerts(AlertQuery(limit: 1), maxPages: 1).alerts.first)
            do { _ = try await backend.perform(.acknowledge, alertId: alert.id, context: ActionContext()); Issue.record("read-only must be refused") } catch let error as OperationsError {
                #expect(error.status == 403 && error.faultClass == .permission)
                #expect(error.remedy.contains("JSM Operations"))
            }
        }
        try await withJSM(cloudId: "00000000-0000-0000-0000-000000000000") { _, backend in
            do { _ = try await backend.alerts(AlertQuery(limit: 1), maxPages: 1); Issue.record("a wrong cloudId must fail") } catch let error as OperationsError {
                #expect(error.status == 404)
                #expect(error.remedy.contains("cloudId"))
            }
        }
    }

    @Test func rateLimitedCallsHonourRetryAfter() async throws {
        try await withJSM(rateLimits: RateLimitSettings(perSecond: 2, perMinute: 1000), retry: .none) { _, backend in
            var limited: OperationsError?
            for _ in 0..<20 {
                do { _ = try await backend.countAlerts(AlertQuery(query: "status:open")) } catch let error as OperationsError { limited = error; break }
            }
            let error = try #require(limited, "a burst past 2 a second is refused")
            #expect(error.status == 429 && error.faultClass == .rateLimit)
            #expect(error.rateLimit?.periodSeconds != nil, "Retry-After is read")
            #expect(backend.rateLimits.worst?.1.state == .throttled)
        }
    }

    @Test func anUnknownSiteIsNamed() async throws {
        let configuration = SimulatorConfiguration(scenario: "quiet", speed: 0, processingDelay: .zero)
        try await Simulator.with(configuration) { _, url in
            // The Ops API answers, but the "site" is a path with no tenant_info behind it.
            let site = URL(string: url.absoluteString + "/not-a-site")!
            let jsm = JSMConfiguration(site: site, apiBase: url, credentials: JSMCredentials(email: JSMDemo.email, token: JSMDemo.token)!, retry: .none)
            do {
                _ = try await JSMOpsClient.withClient(configuration: jsm) { _ in Issue.record("no cloudId, no client") }
            } catch let error as OperationsError {
                #expect(error.faultClass == .configuration)
                #expect(error.message.contains("not an Atlassian Cloud site"))
            }
        }
    }
}

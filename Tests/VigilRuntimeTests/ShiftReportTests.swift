import Foundation
import JSMOpsKit
import OperationsModel
import OpsgenieKit
import ServiceSimulator
import Testing
import VigilCore
import VigilTesting
@testable import VigilRuntime

/// `vigil report`: its numbers are the simulator's own for the same window.
@Suite("Shift report against the simulators")
struct ShiftReportTests {
    static func simulator() -> SimulatorConfiguration {
        SimulatorConfiguration(scenario: "ops-room", speed: 1, processingDelay: .milliseconds(20),
                               rateLimits: Dictionary(uniqueKeysWithValues: RateLimitDomain.allCases.map { ($0, .unlimited) }))
    }

    /// The simulator's own tally of the alerts created in `window`.
    static func expected(_ simulator: Simulator, _ window: ClosedRange<Date>) -> [String: (raised: Int, closed: Int)] {
        var tally: [String: (raised: Int, closed: Int)] = [:]
        for alert in simulator.allAlerts() where alert.createdAt.map(window.contains) == true {
            for key in ["all", alert.priority?.rawValue ?? "P?"] {
                tally[key, default: (0, 0)].raised += 1
                if alert.status == .closed { tally[key, default: (0, 0)].closed += 1 }
            }
        }
        return tally
    }

    @Test func theCountsAreTheAccountsOwnForTheWindowAndActionsAreTimed() async throws {
        try await Simulator.with(Self.simulator()) { simulator, url in
            try await OpsgenieClient.withClient(configuration: ClientConfiguration(apiKey: APIKey(DemoKeys.full)!, region: .custom(url))) { client in
                let backend = OpsgenieBackend(client: client)
                let p1 = try #require(simulator.allAlerts().first { $0.priority == .p1 && $0.status == .open && $0.acknowledged != true })
                for action in [AlertAction.acknowledge, .close] {
                    let receipt = try await backend.perform(action, alertId: p1.id, context: ActionContext(user: "grace@example.com"))
                    _ = try await backend.confirm(receipt, timeout: .seconds(10))
                }
                let now = simulator.clock.now().addingTimeInterval(60)
                // A window that cuts through the scenario: alerts before it must not count.
                let since = now.addingTimeInterval(-45 * 60)
                let (report, complete) = await ShiftReportLoader.load([.init(name: nil, backend: backend)], since: since, until: now)
                #expect(complete)
                let expected = Self.expected(simulator, since...now)
                try #require((expected["all"]?.raised ?? 0) > 3 && (expected["all"]?.raised ?? 0) < simulator.allAlerts().count,
                             "the window holds some alerts, not all")
                #expect(report.total.raised == expected["all"]?.raised)
                #expect(report.total.closed == expected["all"]?.closed)
                #expect(report.total.stillOpen == (expected["all"]?.raised ?? 0) - (expected["all"]?.closed ?? 0))
                for priority in AlertPriority.all.map(\.rawValue) where expected[priority] != nil {
                    #expect(report.byPriority[priority]?.raised == expected[priority]?.raised, "\(priority)")
                }
                if p1.createdAt.map((since...now).contains) == true {
                    let line = try #require(report.urgent.first { $0.tinyId == p1.tinyId })
                    #expect(line.state == "closed" && line.closedBy == "grace@example.com" && line.timeToClose != nil, "\(line)")
                    #expect(line.acknowledgedBy == "grace@example.com" && line.timeToAcknowledge != nil)
                }
                #expect(report.onCall.count == 3 && report.onCall.allSatisfy { !$0.atEnd.isEmpty })
                #expect(report.incidentsOpened.count == simulator.allIncidents().filter { $0.createdAt.map((since...now).contains) == true }.count)
            }
        }
    }

    @Test func jsmCountsAcknowledgedAlertsAndSaysWhereIncidentsLive() async throws {
        try await Simulator.with(Self.simulator()) { simulator, url in
            let jsm = JSMConfiguration(site: url, apiBase: url, credentials: JSMCredentials(email: JSMDemo.email, token: JSMDemo.token)!)
            try await JSMOpsClient.withClient(configuration: jsm) { client in
                let backend = JSMOpsBackend(client: client)
                let now = simulator.clock.now().addingTimeInterval(60)
                let since = now.addingTimeInterval(-12 * 3600)
                let (report, complete) = await ShiftReportLoader.load([.init(name: "jsm", backend: backend)], since: since, until: now)
                #expect(complete)
                let inWindow = simulator.allAlerts().filter { $0.createdAt.map((since...now).contains) == true }
                #expect(report.total.raised == inWindow.count && report.bySource["jsm"]?.raised == inWindow.count)
                #expect(report.total.acknowledged == inWindow.filter { $0.acknowledged == true }.count, "acked alerts count as acknowledged")
                #expect(report.caveats.contains { $0.hasPrefix("jsm: JSM incidents are Jira work items") })
            }
        }
    }

    @Test func aSourceThatCannotBeReadIsSaidAndTheReportIsNotWhole() async throws {
        try await Simulator.with(Self.simulator()) { simulator, url in
            simulator.setFaults([FaultRule(route: "/v2/alerts", status: 503)])
            let configuration = ClientConfiguration(apiKey: APIKey(DemoKeys.full)!, region: .custom(url), retry: .none)
            try await OpsgenieClient.withClient(configuration: configuration) { client in
                let now = simulator.clock.now()
                let (report, complete) = await ShiftReportLoader.load([.init(name: "og", backend: OpsgenieBackend(client: client))],
                                                                      since: now.addingTimeInterval(-3600), until: now)
                #expect(!complete)
                #expect(report.caveats.contains { $0.hasPrefix("og: alerts could not be read: HTTP 503") && $0.contains(" — ") }, "why, and what to do: \(report.caveats)")
                #expect(ShiftReportLoader.readNothing(report, sources: 1), "no source read: vigil report prints no table of zeros")
            }
        }
    }
}

/// `H` in the dashboard: the same summary for the shift so far.
@Suite struct ShiftSummaryKeyTests {
    @Test func hShowsTheShiftSoFarWithTheAccountsOwnCounts() async throws {
        try await LiveDashboard.run { simulator, engine in
            try await engine.pump("the first poll") { $0.alertPane.list.total > 0 }
            engine.send(.key(.character("H")))
            try await engine.pump("the shift summary read", within: 30) { state in
                if case .shiftReport(let report)? = state.prompt.overlay { return report != nil }
                return false
            }
            guard case .shiftReport(let report?)? = engine.state.prompt.overlay else { Issue.record("no summary"); return }
            let window = report.since...report.until
            #expect(report.until.timeIntervalSince(report.since) == ShiftReport.shiftLength)
            #expect(report.total.raised == simulator.allAlerts().filter { $0.createdAt.map(window.contains) == true }.count)
            let text = engine.state.render().text
            #expect(text.contains("The shift so far") && text.contains("Alerts raised in the window"), "\(text)")
        }
    }
}

import Foundation
import JSMOpsKit
import Logging
import OperationsModel
import OpsgenieKit
import ServiceSimulator
import Synchronization
import VigilCore
import VigilRuntime
import VigilTesting

/// An Opsgenie simulator and a JSM Operations simulator, each behind its own client, merged
/// by a ``SourceSet`` whose clock a test can move (so back-off is decided, never waited for).
///
/// Both simulators play the same scenario with the same seed: the same alert ids and tiny ids
/// in each, so an action that reached the wrong service would show in the other simulator.
struct TwoSources {
    let opsgenie: Simulator
    let jsm: Simulator
    let set: SourceSet
    let clock: TestClock

    /// A manual clock for the set's back-off decisions, starting at the simulators' time.
    final class TestClock: Sendable {
        private let time: Mutex<Date>
        init(_ start: Date) { time = Mutex(start) }
        var now: Date { time.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    static let retry = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(20), maxDelay: .milliseconds(100))

    /// With `shared`, the two simulators have seeds of their own and raise that share of their
    /// alerts alike (a monitor sending to both accounts); `mergesAlerts` merges those rows.
    static func run(backoff: SourceBackoff = SourceBackoff(base: 30, maximum: 60), scenario: String = "ops-room",
                    shared: SharedAlerts? = nil, initialAlerts: Int? = nil, mergesAlerts: Bool = false,
                    sharedAlertLimit: Int = SourceSet.standardSharedAlertLimit,
                    _ body: (TwoSources) async throws -> Void) async throws {
        var configuration = SimulatorConfiguration(scenario: scenario, speed: 1, processingDelay: .milliseconds(50),
                                                   rateLimits: Dictionary(uniqueKeysWithValues: RateLimitDomain.allCases.map { ($0, .unlimited) }))
        configuration.sharedAlerts = shared
        configuration.initialAlerts = initialAlerts
        var jsmConfiguration = configuration
        if shared != nil { jsmConfiguration.seed += 1 }
        try await Simulator.with(configuration) { opsgenie, ogURL in
            try await Simulator.with(jsmConfiguration) { jsm, jsmURL in
                let og = ClientConfiguration(apiKey: APIKey(DemoKeys.full)!, region: .custom(ogURL), connectTimeout: .seconds(1),
                                             requestTimeout: .seconds(2), retry: retry)
                let site = JSMConfiguration(site: jsmURL, apiBase: jsmURL, credentials: JSMCredentials(email: JSMDemo.email, token: JSMDemo.token)!,
                                            connectTimeout: .seconds(1), requestTimeout: .seconds(2), retry: retry)
                try await OpsgenieClient.withClient(configuration: og) { ogClient in
                    try await JSMOpsClient.withClient(configuration: site) { jsmClient in
                        let clock = TestClock(opsgenie.clock.now())
                        let set = SourceSet([NamedSource(name: "og-eu", backend: OpsgenieBackend(client: ogClient)),
                                             NamedSource(name: "jsm", backend: JSMOpsBackend(client: jsmClient))],
                                            backoff: backoff, mergesAlerts: mergesAlerts,
                                            sharedAlertLimit: sharedAlertLimit, clock: { clock.now })
                        try await body(TwoSources(opsgenie: opsgenie, jsm: jsm, set: set, clock: clock))
                    }
                }
            }
        }
    }

    /// A started dashboard engine over the merged sources, polling fast, journaling in `journal` if given.
    func engine(journal: ActionJournal? = nil) -> DashboardEngine {
        let simulatorClock = opsgenie.clock
        var settings = DashboardSettings(host: set.hostDescription, intervals: LiveDashboard.fastIntervals, me: "alice@example.com",
                                         actor: "alice@example.com", actionRetryBase: 0.3)
        settings.journaling = journal != nil
        let engine = DashboardEngine(backend: set, state: DashboardState(settings: settings, now: simulatorClock.now(), width: 120, height: 40),
                                     context: ActionContext(user: "alice@example.com"), clock: { simulatorClock.now() },
                                     logger: Logger(label: "vigil.test") { _ in SwiftLogNoOpLogHandler() }, journal: journal)
        engine.confirmTimeout = .seconds(5)
        engine.start()
        return engine
    }

    /// The first open, unacknowledged alert of a source (besides one tiny id).
    static func firstOpen(_ alerts: [Alert], from source: String, besides tiny: String? = nil) -> Alert? {
        alerts.first { alert in
            alert.origin == source && alert.status == .open && alert.acknowledged != true && alert.tinyId != tiny
        }
    }

    /// Open alerts in a simulator.
    static func openCount(_ simulator: Simulator) -> Int { simulator.allAlerts().filter { $0.status == .open }.count }
}

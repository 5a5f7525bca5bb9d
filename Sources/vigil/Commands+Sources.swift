import ArgumentParser
import Foundation
import JSMOpsKit
import Logging
import OpsgenieKit
import ServiceSimulator
import VigilCore
import VigilRuntime

extension Dashboard {
    /// The dashboard over the config's `[[sources]]`, merged onto one screen.
    func runSources(_ config: ConfigFile) async throws {
        let path = config.path ?? ConfigFile.defaultPath
        guard !account.choosesAnAccount else {
            throw ValidationError("\(path) names [[sources]], and account flags (--backend, --region, --site, …) choose one account: "
                                  + "drop the flags, or pass --config with a file without [[sources]]")
        }
        var warnings = config.warnings
        let sources = try SourceAccounts.load(config.sources, configPath: path, warnings: &warnings)
        for warning in warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        let logger = sources.logger
        var withActions = config
        withActions.sourceActions = Dictionary(uniqueKeysWithValues: config.sources.filter { $0.backend == .jsm }.map { ($0.name, $0.customActions ?? []) })
        try await sources.withSourceSet(logger: logger, merging: display.mergesSources(config)) { set in
            try await runDashboard(set, config: withActions, logger: logger, journalHost: sources.journalHost)
        }
    }
}

extension Demo {
    /// The source names `vigil demo --sources N` uses, and the service each simulator plays.
    static let demoSources: [(name: String, backend: BackendKind)] = [("og-eu", .opsgenie), ("jsm", .jsm), ("og-us", .opsgenie)]
    /// The share of the demo's alerts every source gets (one row each: merged).
    static let sharedPercent = 30

    /// `vigil demo --sources N`: a simulator per source (an Opsgenie, a JSM, another Opsgenie),
    /// each with its own alerts, merged onto one screen. The status line names each
    /// simulator's port, so a script can break one (`POST /_sim/faults`) and watch the rest stay live.
    func runSources(_ count: Int) async throws {
        let config = try display.loadConfig()
        let themes = try display.loadThemes()
        let key = APIKey(DemoKeys.full)!
        let logger = FileLogHandler.logger(key: key)
        let demo = try await DemoSimulators.start(Self.demoSources.prefix(count), scenario: scenario, speed: speed, seed: seed, start: Date(),
                                                  sharedPercent: Self.sharedPercent, configure: site.apply(to:), logger: logger)
        let (simulators, accounts, hosts) = (demo.simulators, demo.accounts, demo.hosts)
        defer { let running = simulators; Task { for simulator in running { await simulator.stop() } } }
        let clock = simulators[0].clock
        var demoConfig = config
        if demoConfig.user == nil { demoConfig.user = "alice@example.com" }
        // The scenario's alerts carry these actions; JSM cannot list them, so the demo names them as config would.
        for (name, account) in accounts where account.service == .jsm {
            demoConfig.sourceActions[name] = config.customActions ?? Demo.scenarioActions
        }
        // The sources by name: the status line has room for them, not for loopback ports.
        let host = "demo \(Self.demoSources.prefix(count).map(\.name).joined(separator: " + ")) (\(scenario))"
        logger.info("demo simulators: \(hosts.joined(separator: ", "))")
        try await SourceAccounts(accounts: accounts).withSourceSet(logger: logger, merging: display.mergesSources(config), clock: { clock.now() }) { set in
            let settings = try display.settings(host: host, config: demoConfig, themes: themes, backend: set, journaling: false)
            let runner = DashboardRunner(backend: set, settings: settings,
                                         themes: themes, noColor: display.noColor, logger: logger, journal: nil,
                                         alertCommand: display.alertCommand(config: config, source: "demo"),
                                         wallRepaint: try display.wallRepaint(), clock: { clock.now() })
            await runner.run()
        }
        for simulator in simulators { await simulator.stop() }
    }
}

/// Simulators playing each demo source (`demo` and `snapshot`), each an account reached over HTTP
/// with the service's own auth.
struct DemoSimulators {
    var simulators: [Simulator] = []
    var accounts: [(name: String, account: Account)] = []
    /// `og-eu 127.0.0.1:PORT` per source.
    var hosts: [String] = []

    /// Starts a simulator per source (seeds differ, so each has its own alerts, but for
    /// `sharedPercent` of them, which every simulator raises alike, as a monitor sending to both would).
    static func start(_ sources: some Sequence<(name: String, backend: BackendKind)>, scenario: String, speed: Double, seed: UInt64,
                      start: Date, processingDelay: Duration = .milliseconds(300), unlimited: Bool = false, sharedPercent: Int = 0,
                      configure: (inout SimulatorConfiguration) -> Void = { _ in }, logger: Logger) async throws -> DemoSimulators {
        let limits = Dictionary(uniqueKeysWithValues: RateLimitDomain.allCases.map { ($0, unlimited ? RateLimitSettings.unlimited : .realistic) })
        var demo = DemoSimulators()
        for (index, source) in sources.enumerated() {
            let simulator: Simulator
            do {
                var configuration = SimulatorConfiguration(scenario: scenario, speed: speed, seed: seed &+ UInt64(index),
                                                           start: start, processingDelay: processingDelay, rateLimits: limits)
                // The same monitor sending to every account: the same share of alerts in each.
                if sharedPercent > 0 { configuration.sharedAlerts = SharedAlerts(seed: seed, percent: sharedPercent) }
                configure(&configuration)
                simulator = try Simulator(configuration: configuration)
            } catch {
                for started in demo.simulators { await started.stop() }
                throw ValidationError(error.description)
            }
            let url = try await simulator.start(logger: logger)
            logger.info("demo: \(source.name) simulator answers on \(url.absoluteString)")
            demo.simulators.append(simulator)
            demo.hosts.append("\(source.name) \(url.host ?? ""):\(url.port ?? 0)")
            demo.accounts.append((source.name, source.backend == .jsm
                ? .jsm(JSMConfiguration(site: url, apiBase: url, credentials: JSMCredentials(email: JSMDemo.email, token: JSMDemo.token)!))
                : .opsgenie(ClientConfiguration(apiKey: APIKey(DemoKeys.full)!, region: .custom(url)))))
        }
        return demo
    }

    /// Stops every simulator.
    func stop() async { for simulator in simulators { await simulator.stop() } }
}

extension Demo {
    /// The custom actions the simulator's scenarios give P1–P3 alerts.
    static let scenarioActions = ["Restart service", "Run diagnostics", "Fail over"]
}

extension ConfiguredActions {
    /// The custom actions config names for a backend whose service cannot list them: the one
    /// JSM account (`""`), or each JSM source by name.
    static func forBackend(_ backend: any OperationsBackend, config: ConfigFile) -> [String: ConfiguredActions] {
        if backend is JSMOpsBackend { return ["": .jsm(config.customActions ?? [])] }
        return config.sourceActions.mapValues { ConfiguredActions.jsm($0) }
    }
}

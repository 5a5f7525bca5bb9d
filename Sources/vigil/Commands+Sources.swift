import ArgumentParser
import Foundation
import JSMOpsKit
import Logging
import OpsgenieKit
import OpsgenieSimulator
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
        try await sources.withSourceSet(logger: logger) { set in
            try await runDashboard(set, config: config, logger: logger, journalHost: sources.journalHost)
        }
    }
}

extension Demo {
    /// The source names `vigil demo --sources N` uses, and the service each simulator plays.
    static let demoSources: [(name: String, backend: BackendKind)] = [("og-eu", .opsgenie), ("jsm", .jsm), ("og-us", .opsgenie)]

    /// `vigil demo --sources N`: a simulator per source (an Opsgenie, a JSM, another Opsgenie),
    /// each with its own alerts, merged onto one screen. The status line names each
    /// simulator's port, so a script can break one (`POST /_sim/faults`) and watch the rest stay live.
    func runSources(_ count: Int) async throws {
        let config = try display.loadConfig()
        let themes = try display.loadThemes()
        let key = APIKey(DemoKeys.full)!
        let logger = FileLogHandler.logger(key: key)
        var simulators: [Simulator] = []
        var accounts: [(name: String, account: Account)] = []
        var hosts: [String] = []
        defer { let running = simulators; Task { for simulator in running { await simulator.stop() } } }
        for (index, source) in Self.demoSources.prefix(count).enumerated() {
            let simulator: Simulator
            do {
                simulator = try Simulator(configuration: SimulatorConfiguration(scenario: scenario, speed: speed, seed: seed &+ UInt64(index), start: Date()))
            } catch { throw ValidationError(error.description) }
            let url = try await simulator.start(logger: logger)
            simulators.append(simulator)
            hosts.append("\(source.name) \(url.host ?? ""):\(url.port ?? 0)")
            accounts.append((source.name, source.backend == .jsm
                ? .jsm(JSMConfiguration(site: url, apiBase: url, credentials: JSMCredentials(email: JSMDemo.email, token: JSMDemo.token)!))
                : .opsgenie(ClientConfiguration(apiKey: key, region: .custom(url)))))
        }
        let clock = simulators[0].clock
        var demoConfig = config
        if demoConfig.user == nil { demoConfig.user = "alice@example.com" }
        let host = "demo \(hosts.joined(separator: " + ")) (\(scenario))"
        try await SourceAccounts(accounts: accounts).withSourceSet(logger: logger, clock: { clock.now() }) { set in
            let runner = DashboardRunner(backend: set, settings: try display.settings(host: host, config: demoConfig, themes: themes),
                                         themes: themes, noColor: display.noColor, logger: logger, journal: nil,
                                         alertCommand: display.alertCommand(config: config, source: "demo"),
                                         wallRepaint: try display.wallRepaint(), clock: { clock.now() })
            await runner.run()
        }
        for simulator in simulators { await simulator.stop() }
    }
}

import ArgumentParser
import Foundation
import Logging
import JSMOpsKit
import OpsgenieKit
import ServiceSimulator
import VigilCore
import VigilRuntime
import VigilTerminal

/// Options every dashboard-like command shares.
struct DisplayOptions: ParsableArguments {
    @Option(help: "Config file (default: $XDG_CONFIG_HOME/vigil/config.toml).") var config: String?
    @Option(help: "Theme name (default, light, high-contrast, colour-blind-safe, monochrome).") var theme: String?
    @Option(name: .customLong("themes-dir"), help: "Folder of theme files (default: ./themes or $XDG_CONFIG_HOME/vigil/themes).") var themesDir: String?
    @Flag(name: .customLong("read-only"), help: "Disable every write key.") var readOnly = false
    @Flag(help: "Ring the bell on a new P1/P2.") var bell = false
    @Flag(help: "Show seconds on the clock (redraws every second; otherwise an idle screen changes once a minute).") var clockSeconds = false
    @Flag(help: "Draw in plain ASCII (the default when the locale is not UTF-8).") var ascii = false
    @Flag(help: "Start in the wall view for a screen nobody touches (read-only unless --allow-actions).") var wall = false
    @Flag(name: .customLong("allow-actions"), help: "With --wall: keep the write keys (W returns to the dashboard).") var allowActions = false
    @Option(name: .customLong("wall-redraw"), help: "With the wall view: repaint the whole screen this often, clearing stray output (default 5m).")
    var wallRedraw: String?
    @Option(name: .customLong("on-new-alert"),
            help: "Command run (by /bin/sh -c) when an alert at or above --notify-priority appears; its fields are in VIGIL_ALERT_* variables.")
    var onNewAlert: String?
    @Option(name: .customLong("notify-priority"), help: "The least urgent priority --on-new-alert runs for (default P2: P1 and P2).")
    var notifyPriority: String?
    @Flag(name: .customLong("no-merge-sources"),
          help: "With several sources: an alert several of them list is a row per source, not one (as merge_sources = false).")
    var noMergeSources = false

    /// Whether one alert's rows from several sources merge: the flag over `merge_sources` (on by default).
    func mergesSources(_ config: ConfigFile) -> Bool { !noMergeSources && config.mergesSources }

    /// The `on_new_alert` command from the flag or the config, or `nil`; `source` names the
    /// account in `VIGIL_ALERT_SOURCE` when an alert has no source of its own.
    func alertCommand(config: ConfigFile, source: String) -> AlertCommand.Configuration? {
        guard let command = onNewAlert ?? config.onNewAlert else { return nil }
        return AlertCommand.Configuration(command: command, timeout: .seconds(config.onNewAlertTimeout ?? 30),
                                          outputFile: FileLogHandler.stateDirectory + "/on-new-alert.log", defaultSource: source)
    }

    /// How often the wall repaints the whole screen.
    func wallRepaint() throws -> Duration {
        guard let text = wallRedraw else { return .seconds(300) }
        guard let seconds = DurationText.parse(text), seconds >= 1 else { throw ValidationError("--wall-redraw takes a duration such as 5m or 30s, not '\(text)'") }
        return .milliseconds(Int64(seconds * 1000))
    }

    /// The priority the command runs from, checked.
    func notifyThreshold(config: ConfigFile) throws -> AlertPriority {
        guard let text = notifyPriority else { return config.notifyPriority ?? .p2 }
        guard let priority = AlertPriority.parse(text) else { throw ValidationError("--notify-priority takes P1 to P5, not '\(text)'") }
        return priority
    }

    func validate() throws {
        if allowActions && !wall {
            throw ValidationError("--allow-actions keeps the write keys on the wall, which --wall starts in: add --wall, or drop --allow-actions (the dashboard has them anyway)")
        }
    }

    func loadConfig() throws -> ConfigFile {
        do { return try ConfigFile.load(path: config) } catch let problem as FileProblem { throw ValidationError(problem.description) }
    }

    func loadThemes() throws -> [Theme] { try Self.loadThemes(themesDir: themesDir) }

    /// The shipped themes and those in the first themes folder found.
    static func loadThemes(themesDir: String?) throws -> [Theme] {
        let candidates = [themesDir, ProcessInfo.processInfo.environment["XDG_CONFIG_HOME"].map { $0 + "/vigil/themes" }, "themes"]
            .compactMap { $0 }
        let folder = candidates.first { FileManager.default.fileExists(atPath: $0) }
        do { return try ThemeLoader.load(from: folder.map { URL(fileURLWithPath: $0) }) } catch let problem as FileProblem {
            throw ValidationError(problem.description)
        }
    }

    /// The one place the dashboard's settings are built: flags over config, then what the
    /// backend decides (the custom actions its service cannot list, where its incidents live)
    /// and the journal, then the machine's (time zone, this screen's own poll phase). Checks
    /// the terminal first, so a pipe or an unknown `TERM` ends here with a clear message.
    func settings(host: String, config: ConfigFile, themes: [Theme], backend: any OperationsBackend, journaling: Bool) throws -> DashboardSettings {
        var settings = try settings(host: host, config: config, themes: themes)
            .running(on: backend, customActions: ConfiguredActions.forBackend(backend, config: config), journaling: journaling)
        settings.jitterSeed = UInt64.random(in: 0...UInt64.max)
        settings.timeZone = .current
        return settings
    }

    /// Settings from flags and config alone (also `vigil snapshot`'s).
    func settings(host: String, config: ConfigFile, themes: [Theme]) throws -> DashboardSettings {
        let initialTheme = try themeName(config: config, themes: themes)
        let unicode: Bool
        do { unicode = try TerminalPreflight.check() } catch { throw CommandFailure(error.description) }
        var settings = baseSettings(host: host, config: config, themes: themes)
        settings.initialTheme = initialTheme
        settings.quickFilters = config.filters
        settings.asciiOnly = ascii || !unicode
        settings.wall = wall
        if wall && !allowActions { settings.readOnly = true }
        if onNewAlert != nil || config.onNewAlert != nil {
            settings.notifyPriority = try notifyThreshold(config: config)
        } else if notifyPriority != nil {
            throw ValidationError("--notify-priority goes with a command to run: --on-new-alert '…' or on_new_alert in config.toml")
        }
        return settings
    }

    /// The theme asked for by flag or config, checked against the themes there are.
    func themeName(config: ConfigFile, themes: [Theme]) throws -> String? {
        guard let name = theme ?? config.theme else { return nil }
        guard themes.contains(where: { $0.name == name }) else {
            let known = themes.map(\.name).joined(separator: ", ")
            if theme == nil, let path = config.path {
                throw CommandFailure(FileProblem(path: path, line: FileProblem.line(of: "theme", in: (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""),
                                                  problem: "unknown theme '\(name)'", fix: "use one of \(known)").description)
            }
            throw CommandFailure("unknown theme '\(name)': use one of \(known)")
        }
        return name
    }

    private func baseSettings(host: String, config: ConfigFile, themes: [Theme]) -> DashboardSettings {
        var keymap = Keymap.standard
        for (command, key) in config.keys { keymap.rebind(command, to: key) }
        var intervals = DashboardSettings.defaultIntervals
        for (kind, seconds) in config.intervals { intervals[kind] = seconds }
        var settings = DashboardSettings(host: host, readOnly: readOnly || config.readOnly == true, intervals: intervals, keymap: keymap,
                                         themeNames: themes.map(\.name), me: config.user, bellOnP1: bell || config.bell == true, actor: config.user,
                                         actionMaxAge: config.actionMaxAge ?? 15 * 60)
        if let staleAck = config.staleAck { settings.staleAck = staleAck }
        settings.clockSeconds = clockSeconds || config.clockSeconds == true
        return settings
    }

    var noColor: Bool { ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false }
}

/// `vigil`: the dashboard on a real account.
struct Dashboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "Run the dashboard against an Opsgenie or JSM Operations account (the default).")
    @OptionGroup var display: DisplayOptions
    @OptionGroup var account: AccountOptions

    func run() async throws {
        let config = try display.loadConfig()
        if !config.sources.isEmpty { return try await runSources(config) }
        var warnings = config.warnings
        let account = try self.account.account(config: config, warnings: &warnings)
        for warning in warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        let logger = account.logger
        try await account.withBackend(logger: logger) { backend in
            try await runDashboard(backend, config: config, logger: logger, journalHost: account.journalHost)
        }
    }

    /// Runs the dashboard over `backend` with its journal in the state folder (named after `journalHost`).
    func runDashboard(_ backend: any OperationsBackend, config: ConfigFile, logger: Logger, journalHost: String) async throws {
        let themes = try display.loadThemes()
        var journal: ActionJournal?
        // Config warnings also on the message line: what went to stderr is behind the full screen.
        var notices: [String] = config.warnings
        do { journal = try ActionJournal(directory: URL(fileURLWithPath: FileLogHandler.stateDirectory), host: journalHost) } catch {
            notices.append("actions are not journaled: \(error.description)")
            logger.warning("no journal: \(error.description)")
        }
        let settings = try display.settings(host: backend.hostDescription, config: config, themes: themes, backend: backend, journaling: journal != nil)
        let runner = DashboardRunner(backend: backend, settings: settings,
                                     themes: themes, noColor: display.noColor, logger: logger, journal: journal, notices: notices,
                                     alertCommand: display.alertCommand(config: config, source: (account.backend ?? config.backend ?? .opsgenie).rawValue),
                                     wallRepaint: try display.wallRepaint())
        await runner.run()
    }
}

/// `vigil demo`: the simulator in-process and the dashboard against it over HTTP.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the dashboard on the built-in simulator: no account needed.")
    @OptionGroup var display: DisplayOptions
    @Option(help: "Scenario: \(Scenario.names.joined(separator: ", ")).") var scenario: String = "ops-room"
    @Option(help: "Virtual clock speed (1 = real time).") var speed: Double = 1
    @Option(help: "Seed for the scenario.") var seed: UInt64 = 42
    @Option(help: "The service the simulator plays: opsgenie (default) or jsm.") var backend: BackendKind = .opsgenie
    @Option(help: "Several sources on one screen: 2 merges an Opsgenie and a JSM simulator (3 adds a second Opsgenie).") var sources: Int?
    @OptionGroup var site: JSMSiteOptions

    func validate() throws {
        if let sources, !(2...3).contains(sources) { throw ValidationError("--sources takes 2 or 3") }
        try Self.validateSpeed(speed)
    }

    /// The virtual clock runs forward: 0 would stop it (nothing ever happens), a negative speed
    /// would run it backwards.
    static func validateSpeed(_ speed: Double) throws {
        guard speed > 0, speed.isFinite else {
            throw ValidationError("--speed \(speed.formatted()) would \(speed == 0 ? "stop" : "reverse") the scenario's clock: give a speed above 0 (1 = real time, 10 = ten times faster)")
        }
    }

    func run() async throws {
        if let sources { return try await runSources(sources) }
        let config = try display.loadConfig()
        let themes = try display.loadThemes()
        let key = APIKey(DemoKeys.full)!
        let logger = FileLogHandler.logger(key: key)
        let simulator: Simulator
        var configuration = SimulatorConfiguration(scenario: scenario, speed: speed, seed: seed, start: Date())
        site.apply(to: &configuration)
        do { simulator = try Simulator(configuration: configuration) } catch {
            throw ValidationError(error.description)
        }
        let url = try await simulator.start(logger: logger)
        // The status line may shorten the host: the log keeps where the simulator answers (scripts read it there).
        logger.info("demo: the \(backend.rawValue) simulator answers on \(url.absoluteString)")
        defer { Task { await simulator.stop() } }
        let clock = simulator.clock
        var demoConfig = config
        if demoConfig.user == nil { demoConfig.user = "alice@example.com" }  // the demo user, unless the config names one
        let host = "demo \(backend == .jsm ? "jsm " : "")\(url.host ?? ""):\(url.port ?? 0) (\(scenario))"
        // The demo talks to the simulator exactly as to a real account: over HTTP, with the
        // service's own auth (JSM: the cloudId is looked up from the site like a real one).
        let account: Account = backend == .jsm
            ? .jsm(JSMConfiguration(site: url, apiBase: url, credentials: JSMCredentials(email: JSMDemo.email, token: JSMDemo.token)!))
            : .opsgenie(ClientConfiguration(apiKey: key, region: .custom(url)))
        // The scenario's alerts carry these actions; JSM cannot list them, so the demo names them as config would.
        if demoConfig.customActions == nil { demoConfig.customActions = Demo.scenarioActions }
        try await account.withBackend(logger: logger) { backend in
            let settings = try display.settings(host: host, config: demoConfig, themes: themes, backend: backend, journaling: false)
            let runner = DashboardRunner(backend: backend, settings: settings,
                                         themes: themes, noColor: display.noColor, logger: logger, journal: nil, notices: config.warnings,
                                         alertCommand: display.alertCommand(config: config, source: self.backend.rawValue),
                                         wallRepaint: try display.wallRepaint(), clock: { clock.now() })
            await runner.run()
        }
        await simulator.stop()
    }
}

/// `vigil snapshot`: one rendered frame as plain text (or in a theme's colours).
struct Snapshot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print one rendered frame of a simulator scenario as plain text (with --theme, in its colours).")
    @Option(help: "Columns.") var width: Int = 120
    @Option(help: "Rows.") var height: Int = 40
    @Option(help: "Scenario: \(Scenario.names.joined(separator: ", ")).") var scenario: String = "ops-room"
    @Option(help: "Seed for the scenario.") var seed: UInt64 = 42
    @Option(help: "The moment the frame shows, ISO 8601 (2026-12-04T09:00:00Z); default: now.") var at: String?
    @Option(help: "The service the simulator plays: opsgenie (default) or jsm.") var backend: BackendKind = .opsgenie
    @Option(help: "Several sources on one screen: 2 merges an Opsgenie and a JSM simulator (3 adds a second Opsgenie).") var sources: Int?
    @Option(help: "Print in this theme's colours (ANSI escapes): default, light, high-contrast, colour-blind-safe, monochrome.") var theme: String?
    @Option(name: .customLong("themes-dir"), help: "Folder of theme files (default: ./themes or $XDG_CONFIG_HOME/vigil/themes).") var themesDir: String?
    @Flag(help: "Render the wall view.") var wall = false

    func validate() throws {
        guard (1...1000).contains(width), (1...1000).contains(height) else { throw ValidationError("--width and --height must be 1…1000") }
        if let sources, !(2...3).contains(sources) { throw ValidationError("--sources takes 2 or 3") }
        if let sources, backend != .opsgenie { throw ValidationError("--sources \(sources) plays both services: drop --backend") }
        if let at, Self.moment(at) == nil { throw ValidationError("--at '\(at)' is not an ISO 8601 time such as 2026-12-04T09:00:00Z") }
    }

    /// `2026-12-04T09:00:00Z` (or with an offset) as a date.
    static func moment(_ text: String) -> Date? { ISO8601DateFormatter().date(from: text) }

    func run() async throws { print(try await render()) }

    /// The frame, at `--at` or now, of one simulator (the service `--backend` names) or of
    /// `--sources` merged; plain text, or in `--theme`'s colours.
    func render() async throws -> String {
        let now = at.flatMap(Self.moment) ?? Date()
        let palette = try theme.map { name in
            let themes = try DisplayOptions.loadThemes(themesDir: themesDir)
            guard let theme = themes.first(where: { $0.name == name }) else {
                throw ValidationError("unknown theme '\(name)': use one of \(themes.map(\.name).joined(separator: ", "))")
            }
            return theme
        }
        let logger = Logger(label: "vigil.snapshot") { _ in SwiftLogNoOpLogHandler() }
        let played = sources.map { Array(Demo.demoSources.prefix($0)) } ?? [(name: backend.rawValue, backend: backend)]
        let demo = try await DemoSimulators.start(played, scenario: scenario, speed: 0, seed: seed, start: now, processingDelay: .zero,
                                                  unlimited: true, logger: logger)
        do {
            let canvas: Canvas
            if sources != nil {
                let host = "simulators \(demo.hosts.joined(separator: " + ")) (\(scenario))"
                canvas = try await SourceAccounts(accounts: demo.accounts).withSourceSet(logger: logger, clock: { now }) { set in
                    try await Self.frame(backend: set, now: now, host: host, width: width, height: height, wall: wall)
                }
            } else {
                let host = "simulator \(backend == .jsm ? "jsm " : "")(\(scenario))"
                canvas = try await demo.accounts[0].account.withBackend(logger: logger) { backend in
                    try await Self.frame(backend: backend, now: now, host: host, width: width, height: height, wall: wall)
                }
            }
            await demo.stop()
            return palette.map { ANSIFrame.render(canvas, theme: $0) } ?? canvas.text
        } catch {
            await demo.stop()
            throw error
        }
    }

    /// Runs the dashboard engine until every pane has its first answer (and the selected
    /// alert its detail), then renders one frame. Time stands still (`now`).
    static func frame(backend: some OperationsBackend, now: Date, host: String, width: Int, height: Int, wall: Bool = false) async throws -> Canvas {
        var settings = DashboardSettings(host: host, themeNames: ["default"])
        settings.wall = wall
        settings.incidentsElsewhere = backend.incidentsElsewhere
        settings.incidentsNotListed = backend.incidentsNotListed
        let state = DashboardState(settings: settings, now: now, width: width, height: height)
        let engine = DashboardEngine(backend: backend, state: state, context: ActionContext(), clock: { now },
                                     logger: Logger(label: "vigil.snapshot") { _ in SwiftLogNoOpLogHandler() }, journal: nil)
        engine.start()
        func complete(_ state: DashboardState) -> Bool {
            let answered = state.feeds.polls.kinds.allSatisfy { state.feedStatus[$0]?.lastSuccess != nil || state.feedStatus[$0]?.lastError != nil }
            return answered && (state.alertPane.selectedId.map { state.alertPane.details[$0] != nil } ?? true)
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while !complete(engine.state) || engine.workInFlight > 0 {
            guard ContinuousClock.now < deadline else { throw ValidationError("the simulator did not answer within 30 s") }
            try await Task.sleep(for: .milliseconds(5))
            engine.drain()
        }
        return engine.state.render()
    }
}

/// A command that cannot go on: the message is printed as `Error: …` and vigil exits 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

import ArgumentParser
import Foundation
import JSMOpsKit
import Logging
import OperationsModel
import OpsgenieKit
import ServiceSimulator
import VigilCore
import VigilRuntime

/// `vigil report`: the shift handover, what happened in a window.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print what happened in a window: alerts raised, acknowledged, closed and still open by priority and source; "
            + "the P1/P2 alerts with who acted and how long it took; incidents; who was on call.",
        discussion: "Numbers come from the alerts each account lists for the window (all statuses, paged like the dashboard). Times are UTC.")

    @OptionGroup var account: AccountOptions
    @Option(help: "Config file (default: $XDG_CONFIG_HOME/vigil/config.toml).") var config: String?
    @Option(help: "The window's start: a length back from now (12h, 90m, 2d) or a UTC time (2026-12-04T08:00).") var since: String = "12h"
    @Option(help: "The window's end: a UTC time (default: now).") var until: String?
    @Option(help: "text (default), markdown or json.") var format: String = "text"
    @Flag(help: "Report on the built-in simulator's ops-room scenario: no account needed.") var demo = false

    func validate() throws {
        guard ShiftReportFormat(rawValue: format) != nil else { throw ValidationError("--format takes text, markdown or json, not '\(format)'") }
    }

    func run() async throws {
        let now = Date()
        let end = try until.map { try Self.time($0, now: now, flag: "--until") } ?? now
        let start = try Self.time(since, now: end, flag: "--since")
        guard start < end else { throw ValidationError("--since \(since) is not before the window's end") }
        let format = ShiftReportFormat(rawValue: format) ?? .text
        let logger = Logger(label: "vigil.report") { _ in SwiftLogNoOpLogHandler() }
        let (report, complete): (ShiftReport, Bool)
        var sourceCount = 1
        if demo {
            let configuration = SimulatorConfiguration(scenario: "ops-room", speed: 0, start: now, processingDelay: .zero,
                                                       rateLimits: Dictionary(uniqueKeysWithValues: RateLimitDomain.allCases.map { ($0, .unlimited) }))
            (report, complete) = try await Simulator.with(configuration) { _, url in
                try await OpsgenieClient.withClient(configuration: ClientConfiguration(apiKey: APIKey(DemoKeys.full)!, region: .custom(url))) { client in
                    await ShiftReportLoader.load([.init(name: nil, backend: OpsgenieBackend(client: client))], since: start, until: end)
                }
            }
        } else {
            let file: ConfigFile
            do { file = try ConfigFile.load(path: config) } catch let problem as FileProblem { throw ValidationError(problem.description) }
            var warnings = file.warnings
            if !file.sources.isEmpty, !account.choosesAnAccount {
                let sources = try SourceAccounts.load(file.sources, configPath: file.path ?? ConfigFile.defaultPath, warnings: &warnings)
                sourceCount = sources.accounts.count
                (report, complete) = try await Self.connect(sources.accounts[...], logger: logger) { connected in
                    await ShiftReportLoader.load(connected, since: start, until: end)
                }
            } else {
                let account = try self.account.account(config: file, warnings: &warnings)
                (report, complete) = try await account.withBackend(logger: logger) { backend in
                    await ShiftReportLoader.load([.init(name: nil, backend: backend)], since: start, until: end)
                }
            }
            for warning in warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        }
        if ShiftReportLoader.readNothing(report, sources: sourceCount) {
            // Nothing could be read: a table of zeros would look like a quiet shift. Say why instead.
            let why = report.caveats.filter { $0.contains(ShiftReportLoader.alertsUnread) }.joined(separator: "\n  ")
                .replacingOccurrences(of: "; Vigil keeps retrying", with: ", then run vigil report again")
            FileHandle.standardError.write(Data("vigil report: no report — \(why)\n".utf8))
            throw ExitCode(2)
        }
        FileHandle.standardOutput.write(Data(report.rendered(format).utf8))
        // Numbers that are not whole fail the command: a script must not take them as the truth.
        if !complete { throw ExitCode(2) }
    }

    private static func connect<T: Sendable>(_ rest: ArraySlice<(name: String, account: Account)>, logger: Logger,
                                             connected: [ShiftReportLoader.Source] = [],
                                             _ body: ([ShiftReportLoader.Source]) async throws -> T) async throws -> T {
        guard let (name, account) = rest.first else { return try await body(connected) }
        return try await account.withBackend(logger: logger) { backend in
            try await connect(rest.dropFirst(), logger: logger, connected: connected + [.init(name: name, backend: backend)], body)
        }
    }

    /// `12h`, `90m`, `2d` back from `now`, or a UTC time `2026-12-04T08:00` (seconds and an offset allowed).
    static func time(_ text: String, now: Date, flag: String) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let unit = trimmed.last, let amount = Double(trimmed.dropLast()), amount > 0 {
            let seconds: Double? = switch unit { case "m": 60; case "h": 3600; case "d": 86400; default: nil }
            if let seconds { return now.addingTimeInterval(-amount * seconds) }
        }
        let formatter = ISO8601DateFormatter()
        for (options, suffix) in [(ISO8601DateFormatter.Options.withInternetDateTime, ""), (.withInternetDateTime, ":00Z"), (.withInternetDateTime, "Z")] {
            formatter.formatOptions = options
            if let date = formatter.date(from: trimmed + suffix) { return date }
        }
        throw ValidationError("\(flag) '\(text)' is neither a length (12h, 90m, 2d) nor a UTC time (2026-12-04T08:00)")
    }
}

import ArgumentParser
import Foundation
import OpsgenieKit

/// One thing `vigil check` tries, and the access right it proves.
struct CheckProbe: Sendable {
    /// How an answer is read.
    enum Kind: Sendable {
        /// Passes when the call succeeds.
        case read
        /// A write aimed at something that does not exist: a 404 proves the right without
        /// changing anything.
        case write
    }

    var name: String
    /// The access right a 403 means is missing.
    var right: String
    var kind: Kind
    var call: @Sendable (OpsgenieClient) async throws(OperationsError) -> Void

    /// What `vigil check` tries, in order.
    static let standard: [CheckProbe] = [
        CheckProbe(name: "read alerts", right: "Read Access", kind: .read) { client async throws(OperationsError) in
            _ = try await client.listAlerts(AlertQuery(limit: 1))
        },
        CheckProbe(name: "read heartbeats and schedules", right: "Configuration Access", kind: .read) { client async throws(OperationsError) in
            _ = try await client.listHeartbeats()
            _ = try await client.listSchedules(expandRotations: false)
        },
        CheckProbe(name: "write (acknowledge, close, notes)", right: "Create and Update Access", kind: .write) { client async throws(OperationsError) in
            _ = try await client.acknowledge(.alias("vigil-check-no-such-alert-\(UUID().uuidString)"))
        },
    ]
}

/// What `vigil check` found.
struct CheckReport: Sendable {
    /// One line per probe: `ok    name`, `FAIL  name: why`, or `skip  name: why`.
    var lines: [String] = []
    /// Rights a 403 said are missing.
    var missingRights: Set<String> = []
    /// Whether any probe failed or was skipped.
    var failed = false
    /// The last line: all set, or what is wrong and what to do.
    var verdict: String {
        if !failed { return "All set: Vigil can read and act on alerts." }
        if !missingRights.isEmpty {
            return "Missing: \(missingRights.sorted().joined(separator: ", ")). Ask for a key from an API integration with those rights."
        }
        return "Not ready: fix what failed above and run vigil check again."
    }

    /// Runs the probes in order. After a network or auth failure the rest are skipped: they
    /// could only fail the same way, and the person should not wait for them.
    static func run(_ probes: [CheckProbe], client: OpsgenieClient) async -> CheckReport {
        var report = CheckReport()
        var stop: String?
        for probe in probes {
            if let stop {
                report.lines.append("skip  \(probe.name): \(stop)")
                continue
            }
            do {
                try await probe.call(client)
                report.lines.append("ok    \(probe.name)")
            } catch where error.status == 404 && probe.kind == .write {
                report.lines.append("ok    \(probe.name)")
            } catch {
                report.failed = true
                report.lines.append("FAIL  \(probe.name): \(error.headline) — \(Self.remedy(for: error))")
                switch error.faultClass {
                case .permission: report.missingRights.insert(probe.right)
                case .auth: stop = "not tried after the key was refused"
                case .network: stop = "not tried: the host did not answer"
                default: break
                }
            }
        }
        return report
    }

    /// What to do, worded for a one-off check rather than a dashboard that keeps retrying.
    static func remedy(for error: OperationsError) -> String {
        switch error.faultClass {
        case .network: "check the host name, the network and any proxy, then run vigil check again"
        case .server: "the service is having trouble; try again in a minute"
        case .rateLimit: "rate limited; wait a minute and run vigil check again"
        default: error.remedy
        }
    }
}

/// `vigil check`: key, host and access rights.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the API key, host and access rights, and say what is missing.")
    @OptionGroup var account: AccountOptions
    @Option(help: "Config file (default: $XDG_CONFIG_HOME/vigil/config.toml).") var config: String?

    func run() async throws {
        let file: ConfigFile
        do { file = try ConfigFile.load(path: config) } catch let problem as FileProblem { throw ValidationError(problem.description) }
        var warnings = file.warnings
        let configuration = try account.clientConfiguration(config: file, warnings: &warnings)
        for warning in warnings { print("warning: \(warning)") }
        print("host: \(configuration.region.baseURL.absoluteString)")
        // Short timeouts and no retries: a check answers in seconds, also when the host is down.
        let quick = ClientConfiguration(apiKey: configuration.apiKey, region: configuration.region, connectTimeout: .seconds(3),
                                        requestTimeout: .seconds(5), retry: .none)
        let report = try await OpsgenieClient.withClient(configuration: quick) { client in
            await CheckReport.run(CheckProbe.standard, client: client)
        }
        for line in report.lines { print(line) }
        print(report.verdict)
        if report.failed { throw ExitCode(2) }
    }
}

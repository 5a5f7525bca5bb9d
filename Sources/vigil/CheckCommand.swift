import ArgumentParser
import Foundation
import JSMOpsKit
import Logging
import OpsgenieKit
import ServiceHTTP

/// One thing `vigil check` tries, and the access right it proves.
struct CheckProbe: Sendable {
    /// How an answer is read.
    enum Kind: Sendable {
        /// Something Vigil needs: passes when the call succeeds.
        case read
        /// A write aimed at something that does not exist: a 404 proves the right without
        /// changing anything.
        case write
        /// A feature the plan or the rights may leave out: its limits are reported, never failed.
        case feature
    }

    var name: String
    /// The access right a 403 means is missing.
    var right: String
    var kind: Kind
    /// What the account cannot see of the feature (empty: all of it).
    var call: @Sendable (any OperationsBackend) async throws(OperationsError) -> [FeatureLimit]

    /// What `vigil check` tries, in order, feature by feature, with the rights each service names.
    static func standard(for service: OperationsError.Service) -> [CheckProbe] {
        let jsm = service == .jsm
        return [
            CheckProbe(name: "read alerts", right: jsm ? "JSM Operations alert access" : "Read Access", kind: .read) { backend async throws(OperationsError) in
                _ = try await backend.alerts(AlertQuery(limit: 1), maxPages: 1)
                return []
            },
            CheckProbe(name: "write alerts (acknowledge, close, notes)", right: jsm ? "JSM Operations alert write access" : "Create and Update Access",
                       kind: .write) { backend async throws(OperationsError) in
                // An acknowledge of an alert that does not exist: a 404 proves the right without changing anything.
                let missing = "vigil-check-no-such-alert-\(UUID().uuidString)"
                if let opsgenie = backend as? OpsgenieBackend {
                    _ = try await opsgenie.client.acknowledge(.alias(missing))
                } else {
                    _ = try await backend.perform(.acknowledge, alertId: missing, context: ActionContext())
                }
                return []
            },
            CheckProbe(name: "on-call", right: jsm ? "JSM Operations configuration access (a team role)" : "Configuration Access",
                       kind: .feature) { backend async throws(OperationsError) in
                try await backend.onCall(at: Date()).limits.filter { $0.feature != "names" }
            },
            CheckProbe(name: "heartbeats", right: jsm ? "JSM Operations configuration access (a team role)" : "Configuration Access",
                       kind: .feature) { backend async throws(OperationsError) in
                try await backend.heartbeats().limits
            },
            CheckProbe(name: "escalations", right: jsm ? "JSM Operations configuration access (a team role)" : "Configuration Access",
                       kind: .feature) { backend async throws(OperationsError) in
                do throws(OperationsError) { _ = try await backend.escalations(); return [] } catch {
                    guard let limit = FeatureLimit.from(error, feature: "escalations") else { throw error }
                    return [limit]
                }
            },
            CheckProbe(name: "incidents", right: "Read Access", kind: .feature) { backend async throws(OperationsError) in
                if let elsewhere = backend.incidentsElsewhere {
                    return [FeatureLimit(feature: "incidents", reason: .absent, text: elsewhere)]
                }
                do throws(OperationsError) { _ = try await backend.incidents(limit: 1); return [] } catch {
                    guard let limit = FeatureLimit.from(error, feature: "incidents", planText: "incidents are not in this Opsgenie plan") else { throw error }
                    return [limit]
                }
            },
            CheckProbe(name: "directory names", right: jsm ? "Browse users and groups (Jira)" : "Configuration Access",
                       kind: .feature) { backend async throws(OperationsError) in
                if jsm { return try await backend.onCall(at: Date()).limits.filter { $0.feature == "names" } }
                do throws(OperationsError) { _ = try await backend.users(); return [] } catch {
                    guard let limit = FeatureLimit.from(error, feature: "directory names") else { throw error }
                    return [limit]
                }
            },
        ]
    }
}

/// What `vigil check` found.
struct CheckReport: Sendable {
    /// One line per probe: `ok    name`, `limit name: what is missing`, `FAIL  name: why`, or `skip  name: why`.
    var lines: [String] = []
    /// Rights a 403 said are missing from something Vigil needs.
    var missingRights: Set<String> = []
    /// Whether something Vigil needs failed or was skipped (limits of a plan do not count).
    var failed = false
    /// Whether a probe reported a limit.
    var limited = false
    /// The last line: all set, or what is wrong and what to do.
    var verdict: String {
        if !failed {
            return limited ? "Ready: Vigil can read and act on alerts; the limits above are shown in their panes, not as outages."
                : "All set: Vigil can read and act on alerts."
        }
        if !missingRights.isEmpty {
            return "Missing: \(missingRights.sorted().joined(separator: ", ")). Ask for a key (Opsgenie) or an account role (JSM) with those rights."
        }
        return "Not ready: fix what failed above and run vigil check again."
    }

    /// Runs the probes in order. After a network or auth failure the rest are skipped: they
    /// could only fail the same way, and the person should not wait for them.
    static func run(_ probes: [CheckProbe], backend: any OperationsBackend) async -> CheckReport {
        var report = CheckReport()
        var stop: String?
        for probe in probes {
            if let stop {
                report.lines.append("skip  \(probe.name): \(stop)")
                if probe.kind != .feature { report.failed = true }
                continue
            }
            do {
                let limits = try await probe.call(backend)
                if limits.isEmpty {
                    report.lines.append("ok    \(probe.name)")
                } else {
                    report.limited = true
                    report.lines.append("limit \(probe.name): " + limits.map(\.text).joined(separator: "; "))
                }
            } catch where error.status == 404 && probe.kind == .write {
                report.lines.append("ok    \(probe.name)")
            } catch {
                report.failed = true
                report.lines.append("FAIL  \(probe.name): \(error.headline) — \(Self.remedy(for: error))")
                switch error.faultClass {
                case .permission: report.missingRights.insert(probe.right)
                case .auth: stop = error.service == .jsm ? "not tried after the email and token were refused" : "not tried after the key was refused"
                case .network: stop = "not tried: the host did not answer"
                default: break
                }
            }
        }
        if stop == nil {
            report.lines.append(Self.rateLimitLine(backend))
        }
        return report
    }

    /// Whether the service's rate-limit headers were seen on the answers so far.
    static func rateLimitLine(_ backend: any OperationsBackend) -> String {
        let seen = backend.rateLimits.snapshot
        if !seen.isEmpty {
            return "ok    rate-limit headers: seen (X-RateLimit-State on \(seen.count) domain\(seen.count == 1 ? "" : "s")); Vigil slows down before a 429"
        }
        return "info  rate-limit headers: none seen; a 429's Retry-After is honoured (JSM documents no others)"
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
        if try await !Self.checkConfig(at: config, account: account) { throw ExitCode(2) }
    }

    /// Checks what a config file (with `account`'s flags over it) names, one account or each
    /// source; `false` when anything failed.
    static func checkConfig(at path: String?, account options: AccountOptions? = nil) async throws -> Bool {
        let file: ConfigFile
        do { file = try ConfigFile.load(path: path) } catch let problem as FileProblem { throw ValidationError(problem.description) }
        let options = try options ?? AccountOptions.parse([])
        var warnings = file.warnings
        if !file.sources.isEmpty, !options.choosesAnAccount { return try await checkSources(file) }
        let account = try options.account(config: file, warnings: &warnings)
        for warning in warnings { print("warning: \(warning)") }
        return try await check(account)
    }

    /// Checks one account and prints what it found; `false` when anything failed.
    static func check(_ account: Account) async throws -> Bool {
        switch account {
        case .opsgenie(let configuration): print("host: \(configuration.region.baseURL.absoluteString)")
        case .jsm(let configuration):
            print("site: \(configuration.site.absoluteString)  api: \(configuration.apiBase.absoluteString)  email: \(configuration.credentials.email)")
        }
        print("proxy: \(account.proxyDescription)")
        // Short timeouts and no retries: a check answers in seconds, also when the host is down.
        let report: CheckReport
        do {
            report = try await account.withBackend(logger: Logger(label: "vigil.check") { _ in SwiftLogNoOpLogHandler() }, retry: RetryPolicy.none) { backend in
                if let jsm = backend as? JSMOpsBackend { print("cloudId: \(jsm.client.configuration.cloudId ?? "?")") }
                return await CheckReport.run(CheckProbe.standard(for: account.service), backend: backend)
            }
        } catch let error as OperationsError {
            print("FAIL  connect: \(error.headline) — \(CheckReport.remedy(for: error))")
            return false
        }
        for line in report.lines { print(line) }
        print(report.verdict)
        return !report.failed
    }

    /// Checks every `[[sources]]` account in turn, each under its name; `false` when any failed.
    static func checkSources(_ file: ConfigFile) async throws -> Bool {
        var warnings = file.warnings
        let sources = try SourceAccounts.load(file.sources, configPath: file.path ?? ConfigFile.defaultPath, warnings: &warnings)
        for warning in warnings { print("warning: \(warning)") }
        var failed: [String] = []
        for (name, account) in sources.accounts {
            print("source \(name):")
            if try await !Self.check(account) { failed.append(name) }
        }
        if !failed.isEmpty { print("Not ready: \(failed.joined(separator: ", ")) (see above).") }
        return failed.isEmpty
    }
}

extension Account {
    /// The proxy requests go through, and where that comes from, for `vigil check`.
    var proxyDescription: String {
        let (setting, url): (ProxySetting, URL) = switch self {
        case .opsgenie(let configuration): (configuration.proxy, configuration.region.baseURL)
        case .jsm(let configuration): (configuration.proxy, configuration.apiBase)
        }
        guard let route = setting.route(for: url) else {
            return setting == .direct ? "none (set to none by --proxy or config)" : "none (direct to \(url.host ?? "the host"))"
        }
        if case .server = setting { return "\(route) (from config or --proxy)" }
        return "\(route) (from HTTPS_PROXY/HTTP_PROXY/ALL_PROXY)"
    }
}

import ArgumentParser
import Foundation
import JSMOpsKit
import Logging
import OperationsModel
import OpsgenieKit
import VigilRuntime

/// The accounts a config's `[[sources]]` name, ready to connect to and merge onto one screen.
struct SourceAccounts {
    /// Each source's name and account, in the config's order.
    var accounts: [(name: String, account: Account)]

    /// Builds each source's account; a bad value names the config file, the source's line and the fix.
    /// Secrets come from each source's own file (an environment variable holds one account's only).
    static func load(_ sources: [SourceConfig], configPath: String, warnings: inout [String]) throws -> SourceAccounts {
        var accounts: [(name: String, account: Account)] = []
        for source in sources {
            func fail(_ problem: String, fix: String) -> ValidationError {
                ValidationError(FileProblem(path: configPath, line: source.line, problem: "source '\(source.name)': \(problem)", fix: fix).description)
            }
            do {
                switch source.backend {
                case .opsgenie:
                    let key = APIKey(try SecretSource.read(file: source.apiKeyFile ?? "", what: "API key", warnings: &warnings))!
                    let text = source.apiURL ?? source.region ?? "us"
                    guard let region = OpsgenieRegion(parsing: text) else { throw fail("'\(text)' is not a region or URL", fix: "write region = \"eu\"") }
                    do { try region.validate() } catch { throw fail(error.description, fix: "use https (plain http only to loopback)") }
                    accounts.append((source.name, .opsgenie(ClientConfiguration(apiKey: key, region: region, proxy: source.proxy ?? .environment,
                                                                                caFile: source.caFile))))
                case .jsm:
                    let token = try SecretSource.read(file: source.apiTokenFile ?? "", what: "API token", warnings: &warnings)
                    guard let site = source.site.flatMap(JSMConfiguration.site(parsing:)),
                          let credentials = JSMCredentials(email: source.email ?? "", token: token) else {
                        throw fail("no usable site or email", fix: "write site = \"acme.atlassian.net\" and email = \"you@example.com\"")
                    }
                    let apiBase = source.apiURL.flatMap(URL.init(string:)) ?? JSMConfiguration.atlassianAPI
                    var configuration = JSMConfiguration(site: site, apiBase: apiBase, cloudId: source.cloudId, credentials: credentials)
                    configuration.proxy = source.proxy ?? .environment
                    configuration.caFile = source.caFile
                    do { try configuration.validate() } catch { throw fail(error.description, fix: "use https (plain http only to loopback)") }
                    accounts.append((source.name, .jsm(configuration)))
                }
            } catch let problem as FileProblem {
                throw ValidationError("source '\(source.name)': \(problem.description)")
            }
        }
        return SourceAccounts(accounts: accounts)
    }

    /// A logger that never writes any source's key or token.
    var logger: Logger {
        let loggers = accounts.map(\.account.redactor)
        return FileLogHandler.logger { line in loggers.reduce(line) { $1($0) } }
    }

    /// Names the journal: the sources' names, so each set of sources keeps its own.
    var journalHost: String { "sources-" + accounts.map(\.name).joined(separator: "+") }

    /// Runs `body` with every source connected and merged onto one screen (one alert's rows
    /// from several sources as one row when `merging`), closing them afterwards.
    func withSourceSet<T: Sendable>(logger: Logger, merging: Bool = false, clock: @escaping @Sendable () -> Date = { Date() },
                                    _ body: (SourceSet) async throws -> T) async throws -> T {
        try await Self.connect(accounts[...], logger: logger) { named in
            try await body(SourceSet(named, mergesAlerts: merging, clock: clock))
        }
    }

    private static func connect<T: Sendable>(_ rest: ArraySlice<(name: String, account: Account)>, logger: Logger,
                                             connected: [NamedSource] = [],
                                             _ body: ([NamedSource]) async throws -> T) async throws -> T {
        guard let (name, account) = rest.first else { return try await body(connected) }
        return try await account.withBackend(logger: logger) { backend in
            try await connect(rest.dropFirst(), logger: logger, connected: connected + [NamedSource(name: name, backend: backend)], body)
        }
    }
}

extension Account {
    /// Takes this account's secret out of a line.
    var redactor: @Sendable (String) -> String {
        switch self {
        case .opsgenie(let configuration): { configuration.apiKey.redacts($0) }
        case .jsm(let configuration): { configuration.credentials.redacts($0) }
        }
    }
}

extension AccountOptions {
    /// Whether a flag chooses one account (which cannot be combined with `[[sources]]`).
    var choosesAnAccount: Bool {
        backend != nil || apiKeyFile != nil || region != nil || apiURL != nil || site != nil || cloudId != nil || apiTokenFile != nil
    }
}

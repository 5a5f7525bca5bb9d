import ArgumentParser
import Foundation
import JSMOpsKit
import Logging
import OpsgenieKit
import ServiceHTTP

/// Which service to talk to.
enum BackendKind: String, ExpressibleByArgument, CaseIterable {
    case opsgenie, jsm
}

/// A real account, ready to connect to.
enum Account {
    case opsgenie(ClientConfiguration)
    case jsm(JSMConfiguration)

    /// The host shown and used to name the journal.
    var journalHost: String {
        switch self {
        case .opsgenie(let configuration):
            let url = configuration.region.baseURL
            return url.host.map { h in url.port.map { "\(h)_\($0)" } ?? h } ?? "api"
        case .jsm(let configuration):
            return "jsm-" + (configuration.site.host ?? "site") + (configuration.site.port.map { "_\($0)" } ?? "")
        }
    }

    /// The service, for messages.
    var service: OperationsError.Service {
        switch self { case .opsgenie: .opsgenie; case .jsm: .jsm }
    }

    /// A logger whose lines never carry the key or token.
    var logger: Logger {
        switch self {
        case .opsgenie(let configuration): FileLogHandler.logger(key: configuration.apiKey)
        case .jsm(let configuration): FileLogHandler.logger { configuration.credentials.redacts($0) }
        }
    }

    /// Runs `body` with a connected backend, closing it afterwards.
    func withBackend<T: Sendable>(logger: Logger, retry: RetryPolicy? = nil,
                                  _ body: (any OperationsBackend) async throws -> T) async throws -> T {
        switch self {
        case .opsgenie(var configuration):
            if let retry { configuration.retry = retry; configuration.connectTimeout = .seconds(3); configuration.requestTimeout = .seconds(5) }
            return try await OpsgenieClient.withClient(configuration: configuration, clock: EventLoopClock(), logger: logger) { client in
                try await body(OpsgenieBackend(client: client))
            }
        case .jsm(var configuration):
            if let retry { configuration.retry = retry; configuration.connectTimeout = .seconds(3); configuration.requestTimeout = .seconds(5) }
            return try await JSMOpsClient.withClient(configuration: configuration, clock: EventLoopClock(), logger: logger) { client in
                try await body(JSMOpsBackend(client: client))
            }
        }
    }
}

/// How to reach a real account: Opsgenie (key, region or URL) or JSM Operations (site,
/// email, API token). Secrets come from the environment or a file, never a flag.
struct AccountOptions: ParsableArguments {
    @Option(help: "opsgenie (default) or jsm.") var backend: BackendKind?
    @Option(name: .customLong("api-key-file"), help: "Opsgenie: file holding the API key (else OPSGENIE_API_KEY).") var apiKeyFile: String?
    @Option(help: "Opsgenie: us or eu.") var region: String?
    @Option(name: .customLong("api-url"),
            help: "Opsgenie: a custom API base URL; JSM: replaces https://api.atlassian.com (plain http only to loopback).") var apiURL: String?
    @Option(help: "JSM: the site, e.g. acme.atlassian.net (its cloudId is looked up).") var site: String?
    @Option(name: .customLong("cloud-id"), help: "JSM: the site's cloudId (skips the look-up).") var cloudId: String?
    @Option(name: .customLong("api-token-file"), help: "JSM: file holding the Atlassian API token (else JSM_API_TOKEN).") var apiTokenFile: String?
    @Option(help: "An http proxy for every request (http://proxy.corp:3128), none, or env (default: HTTPS_PROXY / NO_PROXY).") var proxy: String?
    @Option(name: .customLong("ca-file"), help: "A PEM bundle to trust besides the system's (a TLS-inspecting proxy's CA; else SSL_CERT_FILE).")
    var caFile: String?

    /// The proxy and CA bundle: flags first, then config.
    func transport(config: ConfigFile) throws -> (ProxySetting, String?) {
        var proxySetting = config.proxy ?? .environment
        if let proxy {
            guard let parsed = ProxySetting.parse(proxy) else {
                throw ValidationError("--proxy '\(proxy)' is not an http proxy URL, none or env: use --proxy http://proxy.corp:3128")
            }
            proxySetting = parsed
        }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw ValidationError("--ca-file \(caFile) cannot be read: give the path of a PEM bundle")
        }
        return (proxySetting, caFile ?? config.caFile)
    }

    func account(config: ConfigFile, warnings: inout [String]) throws -> Account {
        switch backend ?? config.backend ?? .opsgenie {
        case .opsgenie: return .opsgenie(try opsgenie(config: config, warnings: &warnings))
        case .jsm: return .jsm(try jsm(config: config, warnings: &warnings))
        }
    }

    func opsgenie(config: ConfigFile, warnings: inout [String]) throws -> ClientConfiguration {
        let key: APIKey
        do { key = try APIKeySource.load(keyFile: apiKeyFile ?? config.apiKeyFile, warnings: &warnings) } catch let problem as FileProblem {
            throw ValidationError(problem.description)
        }
        let regionText = apiURL ?? config.apiURL ?? region ?? config.region ?? "us"
        guard let parsed = OpsgenieRegion(parsing: regionText) else {
            throw ValidationError("'\(regionText)' is not a region or URL: use --region us|eu or --api-url https://…")
        }
        do { try parsed.validate() } catch { throw ValidationError(error.description) }
        let (proxy, caFile) = try transport(config: config)
        return ClientConfiguration(apiKey: key, region: parsed, proxy: proxy, caFile: caFile)
    }

    func jsm(config: ConfigFile, warnings: inout [String]) throws -> JSMConfiguration {
        guard let siteText = site ?? config.site else {
            throw ValidationError("JSM needs the site: --site acme.atlassian.net (or site = \"…\" in config.toml)")
        }
        guard let siteURL = JSMConfiguration.site(parsing: siteText) else {
            throw ValidationError("'\(siteText)' is not a site: use a host such as acme.atlassian.net or a URL")
        }
        var apiBase = JSMConfiguration.atlassianAPI
        if let text = apiURL ?? config.apiURL {
            guard let url = URL(string: text), url.host != nil else { throw ValidationError("'\(text)' is not an absolute URL") }
            apiBase = url
        }
        let credentials: JSMCredentials
        do { credentials = try TokenSource.load(email: config.email, tokenFile: apiTokenFile ?? config.apiTokenFile, warnings: &warnings) } catch let problem as FileProblem {
            throw ValidationError(problem.description)
        }
        var configuration = JSMConfiguration(site: siteURL, apiBase: apiBase, cloudId: cloudId ?? config.cloudId, credentials: credentials)
        (configuration.proxy, configuration.caFile) = try transport(config: config)
        do { try configuration.validate() } catch { throw ValidationError(error.description) }
        return configuration
    }
}

/// Reads JSM credentials: `JSM_EMAIL` (or `email` in config) and `JSM_API_TOKEN` (or the token file).
enum TokenSource {
    static func load(email configEmail: String?, tokenFile: String?, warnings: inout [String]) throws -> JSMCredentials {
        guard let email = ProcessInfo.processInfo.environment["JSM_EMAIL"].flatMap({ $0.isEmpty ? nil : $0 }) ?? configEmail else {
            throw FileProblem(path: "JSM_EMAIL", line: nil, problem: "no account email",
                              fix: "export JSM_EMAIL=you@example.com (or email = \"…\" in config.toml); try `vigil demo --backend jsm` for no account")
        }
        let token = try SecretSource.read(variable: "JSM_API_TOKEN", file: tokenFile, what: "API token",
                                          missing: "export JSM_API_TOKEN, or pass --api-token-file (or api_token_file in config.toml); "
                                              + "create one at id.atlassian.com → Security → API tokens",
                                          warnings: &warnings)
        return JSMCredentials(email: email, token: token)!
    }
}

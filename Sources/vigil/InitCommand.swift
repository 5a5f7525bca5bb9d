import ArgumentParser
import Foundation
import JSMOpsKit
import OperationsModel
#if canImport(Glibc)
import Glibc
#endif

/// One account `vigil init` sets up: the service, where it is, and its secret (held only until
/// it is written to its key file).
struct InitAccount {
    /// The `[[sources]]` name, with several sources; `nil` for the one account.
    var name: String?
    var backend: BackendKind
    /// Opsgenie: `us` or `eu` (ignored when `apiURL` is set).
    var region: String = "us"
    /// Opsgenie: replaces the region's host; JSM: replaces https://api.atlassian.com.
    var apiURL: String?
    /// JSM: the site and the account's email.
    var site: String?
    var email: String?
    /// The API key (Opsgenie) or API token (JSM): goes to `secretFile` only.
    var secret: String
    /// Where the secret is written (mode 600).
    var secretFile: String
}

/// The files `vigil init` writes: the config's text and each secret's file.
struct InitPlan {
    var configPath: String
    var accounts: [InitAccount]

    /// The default secret file for an account: next to the config, named after the source.
    static func secretFile(configPath: String, backend: BackendKind, name: String?) -> String {
        let folder = (configPath as NSString).deletingLastPathComponent
        let stem = name ?? (backend == .jsm ? "jsm" : "key")
        return folder + "/" + stem + (backend == .jsm ? ".token" : (name == nil ? "" : ".key"))
    }

    /// The config file's text: the one account at the top, or one `[[sources]]` table each.
    var configText: String {
        var lines = ["# Written by vigil init; vigil check verifies it. Every setting: README (On a real account, Notifications, The wall).", ""]
        func account(_ a: InitAccount) -> [String] {
            var out: [String] = []
            if let name = a.name { out.append("name = \(Self.quoted(name))") }
            out.append("backend = \(Self.quoted(a.backend.rawValue))")
            switch a.backend {
            case .opsgenie:
                if let url = a.apiURL { out.append("api_url = \(Self.quoted(url))") } else { out.append("region = \(Self.quoted(a.region))") }
                out.append("api_key_file = \(Self.quoted(a.secretFile))")
            case .jsm:
                out.append("site = \(Self.quoted(a.site ?? ""))")
                if let url = a.apiURL { out.append("api_url = \(Self.quoted(url))") }
                out.append("email = \(Self.quoted(a.email ?? ""))")
                out.append("api_token_file = \(Self.quoted(a.secretFile))")
            }
            return out
        }
        if accounts.count == 1, accounts[0].name == nil {
            lines += account(accounts[0])
        } else {
            for a in accounts { lines += ["[[sources]]"] + account(a) + [""] }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A TOML basic string: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += String(format: "\\u%04X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// Writes every secret file (mode 600) and then the config (mode 600), each through a
    /// temporary file renamed into place, so a file is either whole or absent.
    func write() throws {
        for account in accounts { try Self.writePrivate(account.secret + "\n", to: account.secretFile) }
        try Self.writePrivate(configText, to: configPath)
    }

    /// Writes `text` to `path` with mode 600 (its folder 700 when created).
    static func writePrivate(_ text: String, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CommandFailure("cannot create \(folder): \(error.localizedDescription) — check its parent's permissions")
        }
        let temporary = path + ".vigil-init-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CommandFailure("cannot write \(temporary): \(String(cString: strerror(errno))) — check the folder's permissions") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == bytes.count, synced == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}

/// Why `vigil init` stopped before writing anything.
struct InitCancelled: Error {}

/// The questions `vigil init` asks, at a terminal: lines with echo, secrets without.
/// Ctrl-C, Ctrl-D or an empty answer to a required question cancels.
struct InitPrompter {
    /// A line typed with echo; `nil` on end of input.
    var readLine: () -> String? = { Swift.readLine(strippingNewline: true) }
    /// A line typed without echo.
    var readSecret: () -> String? = { SecretInput.readLine() }
    var write: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }

    func ask(_ question: String, default value: String? = nil) throws -> String {
        write(question + (value.map { " [\($0)]" } ?? "") + ": ")
        guard let line = readLine()?.trimmingCharacters(in: .whitespaces) else { write("\n"); throw InitCancelled() }
        if line.isEmpty {
            guard let value else { throw InitCancelled() }
            return value
        }
        return line
    }

    func askSecret(_ question: String) throws -> String {
        while true {
            write(question + " (not shown as you type): ")
            guard let line = readSecret()?.trimmingCharacters(in: .whitespacesAndNewlines), !line.isEmpty else { throw InitCancelled() }
            guard let problem = SecretSource.problem(with: line, what: "secret") else { return line }
            // Said without the value: an Esc or a stray byte came with the paste.
            write("\n\(problem): paste it again (Ctrl-D cancels)\n")
        }
    }

    /// A choice from a numbered list; asks again on a number out of range.
    func choose(_ question: String, _ options: [String]) throws -> Int {
        write(question + "\n")
        for (i, option) in options.enumerated() { write("  \(i + 1)) \(option)\n") }
        while true {
            let answer = try ask("Choice (1-\(options.count))")
            if let n = Int(answer), (1...options.count).contains(n) { return n - 1 }
            write("Type a number from 1 to \(options.count), or press Enter to cancel.\n")
        }
    }

    func confirm(_ question: String) throws -> Bool {
        let answer = try ask(question + " (y/N)", default: "n").lowercased()
        return answer == "y" || answer == "yes"
    }
}

/// `vigil init`: a guided first run.
struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Set up Vigil: choose the service, enter the key, write the config, check it.",
        discussion: """
        At a terminal it asks which service (Opsgenie US or EU, a JSM Operations site, or several \
        sources), reads the key or email and API token (the secret without echo), writes the secret \
        to a file of mode 600 and the config to $XDG_CONFIG_HOME/vigil/config.toml (an existing one \
        only after you say so), runs vigil check on it and prints the command to start. Ctrl-C, \
        Ctrl-D or an empty answer cancels with nothing written. With --non-interactive the answers \
        come from flags and the secret from the first line of standard input.
        """)

    @Option(help: "Config file to write (default: $XDG_CONFIG_HOME/vigil/config.toml).") var config: String?
    @Flag(name: .customLong("non-interactive"), help: "Take the answers from flags and the key or token from standard input.") var nonInteractive = false
    @Option(help: "With --non-interactive: opsgenie (default) or jsm.") var backend: BackendKind?
    @Option(help: "With --non-interactive, Opsgenie: us (default) or eu.") var region: String?
    @Option(name: .customLong("api-url"), help: "Opsgenie: a custom API base URL; JSM: replaces https://api.atlassian.com (plain http only to loopback).") var apiURL: String?
    @Option(help: "With --non-interactive, JSM: the site, e.g. acme.atlassian.net.") var site: String?
    @Option(help: "With --non-interactive, JSM: the account's email.") var email: String?
    @Option(name: .customLong("secret-file"), help: "Where to write the key or token (default: next to the config; mode 600).") var secretFile: String?
    @Flag(help: "With --non-interactive: replace an existing config and secret file.") var force = false
    @Flag(name: .customLong("no-check"), help: "Do not run vigil check after writing.") var noCheck = false

    func validate() throws {
        if let region, !["us", "eu"].contains(region.lowercased()) { throw ValidationError("--region takes us or eu, not '\(region)'") }
        if let apiURL, URL(string: apiURL)?.host == nil { throw ValidationError("--api-url '\(apiURL)' is not an absolute URL: write e.g. https://api.opsgenie.com") }
        if !nonInteractive, backend != nil || site != nil || email != nil || region != nil || force {
            throw ValidationError("--backend, --region, --site, --email and --force go with --non-interactive; without it vigil init asks")
        }
    }

    func run() async throws {
        let path = config.map { HomeDirectory.expandingTilde($0) } ?? ConfigFile.defaultPath
        let plan: InitPlan
        do {
            plan = nonInteractive ? try nonInteractivePlan(path: path) : try interactivePlan(path: path)
        } catch is InitCancelled {
            FileHandle.standardError.write(Data("vigil init cancelled: nothing was written.\n".utf8))
            throw ExitCode(130)
        }
        SecretInput.stopCancelling()
        try plan.write()
        signal(SIGINT, SIG_DFL)
        print("Wrote \(plan.configPath) and \(plan.accounts.map(\.secretFile).joined(separator: ", ")) (mode 600).")
        let start = path == ConfigFile.defaultPath ? "vigil" : "vigil --config \(path)"
        if noCheck {
            print("Check it with: vigil check\(path == ConfigFile.defaultPath ? "" : " --config \(path)")")
        } else {
            print("Checking (vigil check):")
            // What was entered, not an OPSGENIE_API_KEY or JSM_API_TOKEN that happens to be set.
            for variable in ["OPSGENIE_API_KEY", "JSM_API_TOKEN", "JSM_EMAIL"] where ProcessInfo.processInfo.environment[variable] != nil {
                print("note: \(variable) is set in this shell and is used instead of the file when you start vigil; unset it to use the file")
                unsetenv(variable)
            }
            guard try await Check.checkConfig(at: path) else {
                print("The config is saved; fix what failed above, then run vigil check again before starting.")
                throw ExitCode(2)
            }
        }
        print("Start the dashboard with: \(start)    (the wall: \(start) --wall)")
    }

    /// The questions, at a terminal.
    func interactivePlan(path: String) throws -> InitPlan {
        guard isatty(STDIN_FILENO) == 1 else {
            throw CommandFailure("vigil init asks at a terminal; without one use --non-interactive with flags and the key on standard input")
        }
        SecretInput.cancelOnInterrupt()
        let prompt = InitPrompter()
        prompt.write("Vigil setup: writes \(path). Ctrl-C, Ctrl-D or an empty answer cancels; nothing is written until the end.\n")
        if let apiURL { prompt.write("API URL \(apiURL) (from --api-url) is used instead of the service's own host.\n") }
        prompt.write("\n")
        try confirmReplacing(path, prompt: prompt)
        let choice = try prompt.choose("Which service?", ["Opsgenie, US (api.opsgenie.com)", "Opsgenie, EU (api.eu.opsgenie.com)",
                                                          "JSM Operations (an Atlassian site)", "Several sources, each its own account"])
        var accounts: [InitAccount] = []
        if choice < 3 {
            accounts.append(try askAccount(choice: choice, name: nil, path: path, prompt: prompt))
        } else {
            repeat {
                let n = accounts.count + 1
                var name = try prompt.ask("Source \(n): a name to tag its rows (letters, digits, - _ .)", default: nil)
                while !SourceScope.isValidName(name) || accounts.contains(where: { $0.name == name }) {
                    prompt.write(accounts.contains(where: { $0.name == name }) ? "'\(name)' is taken.\n" : "Use letters, digits, - _ . only, at most 16.\n")
                    name = try prompt.ask("Source \(n) name")
                }
                let kind = try prompt.choose("Service of \(name)?", ["Opsgenie, US", "Opsgenie, EU", "JSM Operations"])
                accounts.append(try askAccount(choice: kind, name: name, path: path, prompt: prompt))
            } while try prompt.confirm("Add another source?")
        }
        for account in accounts where account.secretFile != path {
            try confirmReplacing(account.secretFile, prompt: prompt)
        }
        return InitPlan(configPath: path, accounts: accounts)
    }

    /// Asks before an existing file is replaced; no is a cancel.
    func confirmReplacing(_ file: String, prompt: InitPrompter) throws {
        guard FileManager.default.fileExists(atPath: file) else { return }
        guard try prompt.confirm("\(file) exists. Replace it?") else { throw InitCancelled() }
    }

    /// One account's questions: `choice` 0 Opsgenie US, 1 Opsgenie EU, 2 JSM.
    func askAccount(choice: Int, name: String?, path: String, prompt: InitPrompter) throws -> InitAccount {
        let backend: BackendKind = choice == 2 ? .jsm : .opsgenie
        let file = secretFile.map { HomeDirectory.expandingTilde($0) } ?? InitPlan.secretFile(configPath: path, backend: backend, name: name)
        if backend == .opsgenie {
            prompt.write("The key of an API integration with Read, Configuration, and Create and Update access (Opsgenie → Settings → Integrations → API).\n")
            let key = try prompt.askSecret("API key")
            return InitAccount(name: name, backend: .opsgenie, region: choice == 1 ? "eu" : "us", apiURL: apiURL, secret: key, secretFile: file)
        }
        var site = try prompt.ask("Site (e.g. acme.atlassian.net)")
        while JSMConfiguration.site(parsing: site) == nil {
            prompt.write("'\(site)' is not a host or URL.\n")
            site = try prompt.ask("Site (e.g. acme.atlassian.net)")
        }
        let email = try prompt.ask("Your Atlassian account email")
        prompt.write("An API token from id.atlassian.com → Security → API tokens.\n")
        let token = try prompt.askSecret("API token")
        return InitAccount(name: name, backend: .jsm, apiURL: apiURL, site: site, email: email, secret: token, secretFile: file)
    }

    /// Flags, and the secret from the first line of standard input.
    func nonInteractivePlan(path: String) throws -> InitPlan {
        let kind = backend ?? .opsgenie
        if kind == .jsm {
            guard let site, JSMConfiguration.site(parsing: site) != nil else { throw CommandFailure("JSM needs --site acme.atlassian.net (a host or URL)") }
            guard let email, email.contains("@") else { throw CommandFailure("JSM needs --email you@example.com") }
        } else if site != nil || email != nil {
            throw CommandFailure("--site and --email are for --backend jsm")
        }
        let file = secretFile.map { HomeDirectory.expandingTilde($0) } ?? InitPlan.secretFile(configPath: path, backend: kind, name: nil)
        for existing in [path, file] where FileManager.default.fileExists(atPath: existing) && !force {
            throw CommandFailure("\(existing) exists: pass --force to replace it, or --config/--secret-file to write elsewhere")
        }
        guard isatty(STDIN_FILENO) == 0 else {
            throw CommandFailure("--non-interactive reads the \(kind == .jsm ? "API token" : "API key") from standard input, which is this terminal "
                                  + "(it would show as you type): pipe it in, e.g. vigil init --non-interactive < keyfile, or leave out --non-interactive")
        }
        guard let line = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespacesAndNewlines), !line.isEmpty else {
            throw CommandFailure("no \(kind == .jsm ? "API token" : "API key") on standard input: pipe it in, e.g. vigil init --non-interactive < keyfile")
        }
        let account = InitAccount(name: nil, backend: kind, region: (region ?? "us").lowercased(), apiURL: apiURL, site: site, email: email,
                                  secret: line, secretFile: file)
        return InitPlan(configPath: path, accounts: [account])
    }
}

/// The terminal while `vigil init` asks: Ctrl-C at any question puts the terminal back as it
/// was (echo on) and ends with nothing written; secrets are read with the echo off.
enum SecretInput {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var haveSaved = false

    /// From here until ``stopCancelling()``, Ctrl-C restores the terminal, says so and exits 130.
    static func cancelOnInterrupt() {
        haveSaved = tcgetattr(STDIN_FILENO, &saved) == 0
        signal(SIGINT) { _ in
            if SecretInput.haveSaved { tcsetattr(STDIN_FILENO, TCSANOW, &SecretInput.saved) }
            let text = "\nvigil init cancelled: nothing was written.\n"
            text.withCString { _ = write(STDERR_FILENO, $0, strlen($0)) }
            _exit(130)
        }
    }

    /// Ctrl-C is ignored (while files are written: one without the other would be half a config).
    static func stopCancelling() { signal(SIGINT, SIG_IGN) }

    /// A line typed without echo; `nil` on end of input.
    static func readLine() -> String? {
        var before = termios()
        guard tcgetattr(STDIN_FILENO, &before) == 0 else { return Swift.readLine(strippingNewline: true) }
        var quiet = before
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer { tcsetattr(STDIN_FILENO, TCSANOW, &before) }
        return Swift.readLine(strippingNewline: true)
    }
}

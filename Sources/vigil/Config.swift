import Foundation
import OpsgenieKit
import TOMLKit
import VigilCore

/// Settings from `$XDG_CONFIG_HOME/vigil/config.toml`; every one also has a flag.
struct ConfigFile {
    var region: String?
    var apiURL: String?
    var apiKeyFile: String?
    var theme: String?
    var readOnly: Bool?
    var bell: Bool?
    var user: String?
    /// Journaled actions older than this at start are dropped, not replayed.
    var actionMaxAge: TimeInterval?
    var intervals: [DataKind: TimeInterval] = [:]
    var keys: [(Command, Key)] = []
    var filters: [QuickFilter] = []
    var path: String?
    /// Warnings to show (e.g. a file readable by others).
    var warnings: [String] = []

    static let knownKeys: Set<String> = ["region", "api_url", "api_key_file", "theme", "read_only", "bell", "user", "action_max_age", "poll", "keys", "filters"]

    /// The default location.
    static var defaultPath: String {
        let base = ProcessInfo.processInfo.environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() + "/.config")
        return base + "/vigil/config.toml"
    }

    /// Loads a config file; a missing file at the default path is no error.
    static func load(path: String?) throws -> ConfigFile {
        let file = path ?? defaultPath
        guard FileManager.default.fileExists(atPath: file) else {
            if path != nil { throw FileProblem(path: file, line: nil, problem: "no such file", fix: "check the --config path") }
            return ConfigFile()
        }
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw FileProblem(path: file, line: nil, problem: "cannot be read as UTF-8 text", fix: "save it as UTF-8")
        }
        var config = try parse(text, path: file)
        if let warning = permissionWarning(file) { config.warnings.append(warning) }
        return config
    }

    /// A warning when a file that may hold secrets is readable by group or others.
    static func permissionWarning(_ path: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 else { return nil }
        return "\(path) is readable by other users (mode \(String(mode, radix: 8))): run chmod 600 \(path)"
    }

    static func parse(_ text: String, path: String) throws -> ConfigFile {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw FileProblem(path: path, line: error.source.begin.line, problem: "not valid TOML: \(error.description)",
                              fix: "check quotes, brackets and `key = value` syntax on that line")
        }
        var config = ConfigFile(path: path)
        func line(_ key: String, _ section: String? = nil) -> Int? { FileProblem.line(of: key, in: text, section: section) }
        for key in table.keys where !knownKeys.contains(key) {
            throw FileProblem(path: path, line: line(key), problem: "unknown setting '\(key)'",
                              fix: "use one of \(knownKeys.sorted().joined(separator: ", "))")
        }
        func string(_ key: String) throws -> String? {
            guard let value = table[key] else { return nil }
            guard let s = value.string else { throw FileProblem(path: path, line: line(key), problem: "\(key) must be a string", fix: "write \(key) = \"…\"") }
            return s
        }
        func bool(_ key: String) throws -> Bool? {
            guard let value = table[key] else { return nil }
            guard let b = value.bool else { throw FileProblem(path: path, line: line(key), problem: "\(key) must be true or false", fix: "write \(key) = true") }
            return b
        }
        config.region = try string("region")
        if let region = config.region, !["us", "eu"].contains(region.lowercased()) {
            throw FileProblem(path: path, line: line("region"), problem: "region '\(region)' is not us or eu", fix: "write region = \"us\" or \"eu\", or set api_url")
        }
        config.apiURL = try string("api_url")
        if let url = config.apiURL, OpsgenieRegion(parsing: url) == nil {
            throw FileProblem(path: path, line: line("api_url"), problem: "api_url '\(url)' is not an absolute URL", fix: "write api_url = \"https://api.opsgenie.com\"")
        }
        config.apiKeyFile = try string("api_key_file")
        config.theme = try string("theme")
        config.readOnly = try bool("read_only")
        config.bell = try bool("bell")
        config.user = try string("user")
        if let text = try string("action_max_age") {
            guard let age = DurationText.parse(text), age >= 60, age <= 86400 else {
                throw FileProblem(path: path, line: line("action_max_age"), problem: "action_max_age '\(text)' is not a duration from 1m to 24h",
                                  fix: "write action_max_age = \"15m\"")
            }
            config.actionMaxAge = age
        }
        if let poll = table["poll"] {
            guard let poll = poll.table else { throw FileProblem(path: path, line: line("poll"), problem: "poll must be a table", fix: "write [poll] and alerts = 10 below it") }
            for key in poll.keys {
                let kind: DataKind
                switch key {
                case "alerts": kind = .alerts
                case "heartbeats": kind = .heartbeats
                case "on_call", "oncall": kind = .onCall
                default: throw FileProblem(path: path, line: line(key, "poll"), problem: "unknown poll setting '\(key)'", fix: "use alerts, heartbeats or on_call")
                }
                guard let seconds = poll[key]?.int ?? poll[key]?.double.map({ Int($0) }), seconds >= 2, seconds <= 3600 else {
                    throw FileProblem(path: path, line: line(key, "poll"), problem: "poll.\(key) must be a number of seconds from 2 to 3600",
                                      fix: "write \(key) = 10")
                }
                config.intervals[kind] = TimeInterval(seconds)
            }
        }
        if let keys = table["keys"] {
            guard let keys = keys.table else { throw FileProblem(path: path, line: line("keys"), problem: "keys must be a table", fix: "write [keys] and acknowledge = \"A\" below it") }
            for name in keys.keys {
                guard let command = Command(rawValue: name) else {
                    throw FileProblem(path: path, line: line(name, "keys"), problem: "unknown command '\(name)'",
                                      fix: "use one of \(Command.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard let keyName = keys[name]?.string, let key = Key(name: keyName) else {
                    throw FileProblem(path: path, line: line(name, "keys"), problem: "'\(keys[name]?.string ?? "?")' is not a key",
                                      fix: "use a single character, or enter, tab, shift-tab, up, down, pgup, pgdn, home, end, esc, space, ctrl-x")
                }
                config.keys.append((command, key))
            }
        }
        if let filters = table["filters"] {
            guard let array = filters.array else {
                throw FileProblem(path: path, line: line("filters"), problem: "filters must be an array of tables", fix: "write [[filters]] with name and query below it")
            }
            for item in array {
                guard let t = item.table, let name = t["name"]?.string, let query = t["query"]?.string else {
                    throw FileProblem(path: path, line: text.components(separatedBy: "\n").firstIndex { $0.contains("[[filters]]") }.map { $0 + 1 },
                                      problem: "each [[filters]] needs name and query strings", fix: "write name = \"db\" and query = \"tag:db\"")
                }
                config.filters.append(QuickFilter(name: name, filter: .query(query)))
            }
        }
        return config
    }
}

/// Reads the API key: `OPSGENIE_API_KEY`, else the key file. Never from a flag (flags show in `ps`).
enum KeySource {
    static func load(keyFile: String?, warnings: inout [String]) throws -> APIKey {
        if let env = ProcessInfo.processInfo.environment["OPSGENIE_API_KEY"], let key = APIKey(env) { return key }
        guard let keyFile else {
            throw FileProblem(path: "OPSGENIE_API_KEY", line: nil, problem: "no API key",
                              fix: "export OPSGENIE_API_KEY, or pass --api-key-file (or api_key_file in config.toml); try `vigil demo` for no account")
        }
        let path = (keyFile as NSString).expandingTildeInPath
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw FileProblem(path: path, line: nil, problem: "cannot read the key file", fix: "check the path and that you may read it")
        }
        guard let key = APIKey(text) else { throw FileProblem(path: path, line: 1, problem: "the key file is empty", fix: "put the API key on the first line") }
        if let warning = ConfigFile.permissionWarning(path) { warnings.append(warning) }
        return key
    }
}

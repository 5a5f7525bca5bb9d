import Foundation
import JSMOpsKit
import OperationsModel
import OpsgenieKit
import ServiceHTTP
import TOMLKit
import VigilCore

/// Settings from `$XDG_CONFIG_HOME/vigil/config.toml`; every one also has a flag.
struct ConfigFile {
    var backend: BackendKind?
    var site: String?
    var cloudId: String?
    var email: String?
    var apiTokenFile: String?
    var region: String?
    var apiURL: String?
    var apiKeyFile: String?
    /// `proxy = "http://proxy.corp:3128"`, `"none"`, or `"env"` (the default: HTTPS_PROXY, NO_PROXY).
    var proxy: ProxySetting?
    /// A PEM bundle trusted besides the system's roots (a TLS-inspecting proxy's CA).
    var caFile: String?
    /// JSM: the custom alert actions the picker offers (JSM cannot list an alert's actions).
    var customActions: [String]?
    /// The JSM sources' `custom_actions`, by source name.
    var sourceActions: [String: [String]] = [:]
    var theme: String?
    var readOnly: Bool?
    var bell: Bool?
    var clockSeconds: Bool?
    /// `merge_sources`: one alert seen by several sources is one row (default true).
    var mergeSources: Bool?
    /// Whether several sources' rows of one alert merge into one (`merge_sources`, on unless turned off).
    var mergesSources: Bool { mergeSources ?? true }
    /// A command run when an alert at or above `notifyPriority` appears (`on_new_alert`).
    var onNewAlert: String?
    /// `notify_priority`: the least urgent priority announced (default P2).
    var notifyPriority: AlertPriority?
    /// `on_new_alert_timeout`: how long a run may take (default 30 s).
    var onNewAlertTimeout: TimeInterval?
    var user: String?
    /// Journaled actions older than this at start are dropped, not replayed.
    var actionMaxAge: TimeInterval?
    /// An alert acknowledged longer ago than this and still open is forgotten (default 4h).
    var staleAck: TimeInterval?
    var intervals: [DataKind: TimeInterval] = [:]
    var keys: [(Command, Key)] = []
    var filters: [QuickFilter] = []
    /// Several accounts on one screen (`[[sources]]`); empty: the one account above.
    var sources: [SourceConfig] = []
    var path: String?
    /// Warnings to show (e.g. a file readable by others).
    var warnings: [String] = []

    static let knownKeys: Set<String> = ["backend", "site", "cloud_id", "email", "api_token_file",
                                         "region", "api_url", "api_key_file", "proxy", "ca_file", "custom_actions", "theme", "read_only", "bell", "clock_seconds", "merge_sources", "user",
                                         "action_max_age", "stale_ack", "on_new_alert", "notify_priority", "on_new_alert_timeout", "poll", "keys", "filters", "sources"]

    /// The default location.
    static var defaultPath: String {
        let base = ProcessInfo.processInfo.environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (HomeDirectory.path + "/.config")
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
        // No mode warning here: the config names secret files (which are checked when read), it
        // holds no secret itself.
        return try parse(text, path: file)
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
            let words = error.description.lowercased()
            let twice = words.contains("redefin") || words.contains("already") || words.contains("duplicate")
            throw FileProblem(path: path, line: error.source.begin.line, problem: "not valid TOML: \(error.description)",
                              fix: twice ? "a setting is given twice: keep one of the two lines (TOML allows each key once)"
                                  : "check quotes, brackets and `key = value` syntax on that line")
        }
        // Read whole: each setting that is wrong is kept as a problem and the rest read on, so
        // one run says every mistake, in line order.
        let reader = ConfigReader(table: table, text: text, path: path)
        reader.rejectUnknownKeys(knownKeys)
        var config = ConfigFile(path: path)
        reader.readAccount(into: &config)
        reader.readDisplay(into: &config)
        config.intervals = reader.pollIntervals()
        config.keys = reader.keyOverrides()
        config.warnings += ConfigFile.takenKeyWarnings(config.keys, path: path)
        config.filters = reader.quickFilters()
        config.warnings += reader.filtersWithoutKeys(config.filters)
        config.sources = reader.read { try reader.sources() } ?? []
        if let problems = FileProblem.all(reader.problems) { throw problems }
        return config
    }
}

/// Reads one parsed config file, section by section, turning every bad value into a
/// ``FileProblem`` that names the line and the fix.
extension ConfigFile {
    /// A key given to a command that another command had: allowed (a keymap is the user's),
    /// but said, so `j` acknowledging instead of moving is no surprise.
    static func takenKeyWarnings(_ overrides: [(Command, Key)], path: String?) -> [String] {
        var keymap = Keymap.standard
        var warnings: [String] = []
        for (command, key) in overrides {
            if let previous = keymap.binding(for: key), previous.command != command {
                let others = keymap.keys(for: previous.command).filter { $0 != key }.map(\.description)
                let left = others.isEmpty ? "now has no key" : "keeps \(others.joined(separator: ", "))"
                warnings.append("\(path ?? "config"): [keys] \(command.rawValue) = \"\(key)\" takes \(key) from \(previous.command.rawValue), which \(left)")
            }
            keymap.rebind(command, to: key)
        }
        return warnings
    }
}

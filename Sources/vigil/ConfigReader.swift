import Foundation
import JSMOpsKit
import OperationsModel
import OpsgenieKit
import ServiceHTTP
import TOMLKit
import VigilCore

final class ConfigReader {
    let table: TOMLTable
    let text: String
    let path: String
    /// What is wrong in the file so far.
    private(set) var problems: [FileProblem] = []

    init(table: TOMLTable, text: String, path: String) {
        self.table = table; self.text = text; self.path = path
    }

    /// Keeps a problem; the file is read on.
    func report(_ problem: FileProblem) { problems.append(problem) }

    /// Reads one setting; a problem is kept (the file is read on) and the setting left unset.
    func read<T>(_ body: () throws -> T?) -> T? {
        do { return try body() } catch let problem as FileProblem {
            report(problem)
        } catch {
            report(FileProblem(path: path, line: nil, problem: "\(error)", fix: "check the file"))
        }
        return nil
    }

    func line(_ key: String, _ section: String? = nil) -> Int? { FileProblem.line(of: key, in: text, section: section) }

    func problem(_ key: String, section: String? = nil, _ problem: String, fix: String) -> FileProblem {
        FileProblem(path: path, line: line(key, section), problem: problem, fix: fix)
    }

    func rejectUnknownKeys(_ known: Set<String>) {
        for key in table.keys where !known.contains(key) {
            let fix = Suggestion.closest(to: key, in: known).map { "did you mean \($0)? Settings are \(known.sorted().joined(separator: ", "))" }
                ?? "use one of \(known.sorted().joined(separator: ", "))"
            report(problem(key, "unknown setting '\(key)'", fix: fix))
        }
    }

    func string(_ key: String) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let s = value.string else { throw problem(key, "\(key) must be a string", fix: "write \(key) = \"…\"") }
        return s
    }

    func bool(_ key: String, fix: String? = nil) throws -> Bool? {
        guard let value = table[key] else { return nil }
        guard let b = value.bool else { throw problem(key, "\(key) must be true or false", fix: fix ?? "write \(key) = true") }
        return b
    }

    func readAccount(into config: inout ConfigFile) {
        config.region = read {
            let region = try string("region")
            if let region, !["us", "eu"].contains(region.lowercased()) {
                throw problem("region", "region '\(region)' is not us or eu", fix: "write region = \"us\" or \"eu\", or set api_url")
            }
            return region
        }
        config.apiURL = read {
            let url = try string("api_url")
            if let url, OpsgenieRegion(parsing: url) == nil {
                throw problem("api_url", "api_url '\(url)' is not an absolute URL", fix: "write api_url = \"https://api.opsgenie.com\"")
            }
            return url
        }
        config.apiKeyFile = read { try string("api_key_file") }
        config.user = read { try string("user") }
        config.backend = read {
            guard let backend = try string("backend") else { return nil }
            guard let kind = BackendKind(rawValue: backend) else {
                throw problem("backend", "backend '\(backend)' is not opsgenie or jsm", fix: "write backend = \"jsm\" (or \"opsgenie\")")
            }
            return kind
        }
        config.site = read {
            let site = try string("site")
            if let site, JSMConfiguration.site(parsing: site) == nil {
                throw problem("site", "site '\(site)' is not a host or URL", fix: "write site = \"acme.atlassian.net\"")
            }
            return site
        }
        config.cloudId = read { try string("cloud_id") }
        config.email = read { try string("email") }
        config.apiTokenFile = read { try string("api_token_file") }
        if let transport = read({ try transport() }) { (config.proxy, config.caFile) = transport }
        config.customActions = read { try customActions() }
    }

    /// `proxy` and `ca_file`, checked (a proxy URL, `none` or `env`; a readable file).
    func transport(in table: TOMLTable? = nil, line: ((String) -> Int?)? = nil) throws -> (ProxySetting?, String?) {
        let table = table ?? self.table
        func fail(_ key: String, _ problem: String, fix: String) -> FileProblem {
            FileProblem(path: path, line: line?(key) ?? self.line(key), problem: problem, fix: fix)
        }
        var proxy: ProxySetting?
        if let value = table["proxy"] {
            guard let text = value.string, let parsed = ProxySetting.parse(text) else {
                throw fail("proxy", "proxy must be an http proxy URL, \"none\" or \"env\"",
                           fix: "write proxy = \"http://proxy.corp:3128\" (CONNECT is used for https), or proxy = \"none\"")
            }
            proxy = parsed
        }
        var caFile: String?
        if let value = table["ca_file"] {
            guard let text = value.string else { throw fail("ca_file", "ca_file must be a string", fix: "write ca_file = \"/etc/ssl/corp-ca.pem\"") }
            let expanded = (text as NSString).expandingTildeInPath
            guard FileManager.default.isReadableFile(atPath: expanded) else {
                throw fail("ca_file", "ca_file \(text) cannot be read", fix: "give the path of a PEM bundle holding your proxy's CA certificate")
            }
            caFile = expanded
        }
        return (proxy, caFile)
    }

    /// `custom_actions = ["restart", …]`: names of JSM custom actions.
    func customActions(in table: TOMLTable? = nil, line: ((String) -> Int?)? = nil) throws -> [String]? {
        guard let value = (table ?? self.table)["custom_actions"] else { return nil }
        guard let array = value.array, let names = Optional(array.compactMap(\.string)), names.count == array.count,
              names.allSatisfy({ !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw FileProblem(path: path, line: line?("custom_actions") ?? self.line("custom_actions"),
                              problem: "custom_actions must be a list of action names",
                              fix: "write custom_actions = [\"restart\", \"runbook\"] (JSM cannot list an alert's actions, so Vigil offers these)")
        }
        return names
    }

    func readDisplay(into config: inout ConfigFile) {
        config.theme = read { try string("theme") }
        config.readOnly = read { try bool("read_only") }
        config.bell = read { try bool("bell") }
        config.clockSeconds = read { try bool("clock_seconds") }
        config.mergeSources = read {
            try bool("merge_sources", fix: "write merge_sources = false to show each source's row of an alert, or remove the line (merging is on)")
        }
        config.onNewAlert = read {
            let command = try string("on_new_alert")
            if let command, command.trimmingCharacters(in: .whitespaces).isEmpty {
                throw problem("on_new_alert", "on_new_alert is empty", fix: "write a command, e.g. on_new_alert = \"notify-send \\\"$VIGIL_ALERT_MESSAGE\\\"\", or remove the line")
            }
            return command
        }
        config.notifyPriority = read {
            guard let text = try string("notify_priority") else { return nil }
            guard let priority = AlertPriority.parse(text) else {
                throw problem("notify_priority", "notify_priority '\(text)' is not P1 to P5", fix: "write notify_priority = \"P2\" (P2 announces P1 and P2)")
            }
            return priority
        }
        config.onNewAlertTimeout = read {
            guard let text = try string("on_new_alert_timeout") else { return nil }
            guard let seconds = DurationText.parse(text), seconds >= 1, seconds <= 3600 else {
                throw problem("on_new_alert_timeout", "on_new_alert_timeout '\(text)' is not a duration from 1s to 1h", fix: "write on_new_alert_timeout = \"30s\"")
            }
            return seconds
        }
        config.actionMaxAge = read {
            guard let text = try string("action_max_age") else { return nil }
            guard let age = DurationText.parse(text), age >= 60, age <= 86400 else {
                throw problem("action_max_age", "action_max_age '\(text)' is not a duration from 1m to 24h", fix: "write action_max_age = \"15m\"")
            }
            return age
        }
        config.staleAck = read {
            guard let text = try string("stale_ack") else { return nil }
            guard let age = DurationText.parse(text), age >= 60, age <= 7 * 86400 else {
                throw problem("stale_ack", "stale_ack '\(text)' is not a duration from 1m to 7d", fix: "write stale_ack = \"4h\"")
            }
            return age
        }
    }

    func pollIntervals() -> [DataKind: TimeInterval] {
        guard let poll = table["poll"] else { return [:] }
        guard let poll = poll.table else {
            report(problem("poll", "poll must be a table", fix: "write [poll] and alerts = 10 below it"))
            return [:]
        }
        var intervals: [DataKind: TimeInterval] = [:]
        for key in poll.keys {
            guard let (kind, seconds) = read({ try pollInterval(key, in: poll) }) else { continue }
            intervals[kind] = seconds
        }
        return intervals
    }

    private func pollInterval(_ key: String, in poll: TOMLTable) throws -> (DataKind, TimeInterval) {
        let kind: DataKind
        switch key {
        case "alerts": kind = .alerts
        case "heartbeats": kind = .heartbeats
        case "on_call", "oncall": kind = .onCall
        case "incidents": kind = .incidents
        default: throw problem(key, section: "poll", "unknown poll setting '\(key)'", fix: "use alerts, heartbeats, on_call or incidents")
        }
        guard let seconds = poll[key]?.int ?? poll[key]?.double.map({ Int($0) }), seconds >= 2, seconds <= 3600 else {
            let standard = Int(DashboardSettings.defaultIntervals[kind] ?? 30)
            throw problem(key, section: "poll", "poll.\(key) must be a number of seconds from 2 to 3600", fix: "write \(key) = \(standard) (the default)")
        }
        return (kind, TimeInterval(seconds))
    }

    func keyOverrides() -> [(Command, Key)] {
        guard let keys = table["keys"] else { return [] }
        guard let keys = keys.table else {
            report(problem("keys", "keys must be a table", fix: "write [keys] and acknowledge = \"A\" below it"))
            return []
        }
        var overrides: [(Command, Key)] = []
        // In the file's order, so a clash names the later line as the one to change.
        for name in keys.keys.sorted(by: { (line($0, "keys") ?? 0) < (line($1, "keys") ?? 0) }) {
            if let override = read({ try keyOverride(name, in: keys, after: overrides) }) { overrides.append(override) }
        }
        return overrides
    }

    private func keyOverride(_ name: String, in keys: TOMLTable, after overrides: [(Command, Key)]) throws -> (Command, Key) {
        guard let command = Command(rawValue: name) else {
            let names = Command.allCases.map(\.rawValue)
            let fix = Suggestion.closest(to: name, in: Set(names)).map { "did you mean \($0)? " } ?? ""
            throw problem(name, section: "keys", "unknown command '\(name)'", fix: fix + "use one of \(names.joined(separator: ", "))")
        }
        guard let keyName = keys[name]?.string, let key = Key(name: keyName) else {
            throw problem(name, section: "keys", "'\(keys[name]?.string ?? "?")' is not a key",
                          fix: "use a single character, or enter, tab, shift-tab, up, down, pgup, pgdn, home, end, esc, space, ctrl-x")
        }
        if let (other, _) = overrides.first(where: { $0.1 == key }) {
            // Two commands on one key: whichever won, the other would be lost without a word.
            let first = line(other.rawValue, "keys").map { "line \($0)" } ?? "an earlier line"
            throw problem(name, section: "keys",
                          "\"\(keyName)\" is bound twice: to \(other.rawValue) (\(first)) and to \(name) (line \(line(name, "keys") ?? 0))",
                          fix: "give one of \(other.rawValue) and \(name) another key")
        }
        return (command, key)
    }

    func quickFilters() -> [QuickFilter] {
        guard let filters = table["filters"] else { return [] }
        guard let array = filters.array else {
            report(problem("filters", "filters must be an array of tables", fix: "write [[filters]] with name and query below it"))
            return []
        }
        // Each entry is said at its own [[filters]] line.
        let headers = text.components(separatedBy: "\n").enumerated()
            .filter { $0.element.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "").hasPrefix("[[filters]]") }.map { $0.offset + 1 }
        var quick: [QuickFilter] = []
        for (index, item) in array.enumerated() {
            let header = index < headers.count ? headers[index] : headers.last
            guard let t = item.table, let name = t["name"]?.string, let query = t["query"]?.string else {
                report(FileProblem(path: path, line: header, problem: "each [[filters]] needs name and query strings",
                                            fix: "write name = \"db\" and query = \"tag:db\""))
                continue
            }
            if let unknown = t.keys.first(where: { !["name", "query"].contains($0) }) {
                report(FileProblem(path: path, line: header, problem: "[[filters]] '\(name)' has an unknown setting '\(unknown)'",
                                            fix: "a filter takes name and query only"))
                continue
            }
            quick.append(QuickFilter(name: name, filter: .query(query)))
        }
        return quick
    }

    /// Filters past the number keys are said, not dropped without a word.
    func filtersWithoutKeys(_ filters: [QuickFilter]) -> [String] {
        let room = QuickFilter.keyCount - QuickFilter.defaults(me: nil).count
        return filters.dropFirst(room).map { filter in
            "\(path): [[filters]] '\(filter.name)' has no number key: \(QuickFilter.keyCount) quick filters fit on 1–\(QuickFilter.keyCount), "
                + "\(QuickFilter.defaults(me: nil).count) of them built in — keep at most \(room)"
        }
    }
}

extension AlertPriority {
    /// `P1`…`P5` (any case), or `nil`.
    static func parse(_ text: String) -> AlertPriority? {
        AlertPriority.all.first { $0.rawValue == text.uppercased() }
    }
}

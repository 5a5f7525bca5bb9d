import Foundation
import JSMOpsKit
import OperationsModel
import OpsgenieKit
import ServiceHTTP
import TOMLKit

/// One `[[sources]]` table: a named account, Opsgenie or JSM Operations, with its own secret file.
struct SourceConfig: Equatable {
    var name: String
    var backend: BackendKind
    /// The line of its `[[sources]]` header.
    var line: Int
    var region: String?
    var apiURL: String?
    var apiKeyFile: String?
    var site: String?
    var cloudId: String?
    var email: String?
    var apiTokenFile: String?
    var proxy: ProxySetting?
    var caFile: String?
    var customActions: [String]?
}

extension ConfigReader {
    /// Settings that choose one account; with `[[sources]]` they belong inside a source.
    static let accountKeys = ["backend", "site", "cloud_id", "email", "api_token_file", "region", "api_url", "api_key_file"]
    static let sourceKeys: Set<String> = ["name", "backend", "region", "api_url", "api_key_file", "site", "cloud_id", "email", "api_token_file",
                                          "proxy", "ca_file", "custom_actions"]
    static let opsgenieOnly: Set<String> = ["region", "api_key_file"]
    static let jsmOnly: Set<String> = ["site", "cloud_id", "email", "api_token_file"]

    /// The `[[sources]]` tables, each checked: a unique valid name, a known backend and what that
    /// backend needs, nothing of the other's; and no account settings left at the top.
    func sources() throws -> [SourceConfig] {
        guard let value = table["sources"] else { return [] }
        let headers = sourceHeaderLines()
        guard let array = value.array, array.count == headers.count else {
            throw FileProblem(path: path, line: line("sources") ?? headers.first, problem: "sources must be an array of tables",
                              fix: "write each source as a [[sources]] table with name and backend below it")
        }
        for mixed in Self.accountKeys where table[mixed] != nil {
            report(problem(mixed, "'\(mixed)' is set at the top while [[sources]] name the accounts",
                           fix: "move \(mixed) into the [[sources]] table it belongs to (each source has its own), or remove the [[sources]] tables"))
        }
        var sources: [SourceConfig] = []
        for (index, item) in array.enumerated() {
            // Each source is checked on its own: every source's mistakes are said in one run.
            guard let source = read({ try readSource(item.table, header: headers[index]) }) else { continue }
            if let first = sources.first(where: { $0.name == source.name }) {
                report(FileProblem(path: path, line: keyLine("name", header: headers[index]),
                                   problem: "source name '\(source.name)' is used twice (first at line \(first.line))",
                                   fix: "give each [[sources]] its own name: it tags the source's rows and scopes its journaled actions"))
                continue
            }
            sources.append(source)
        }
        return sources
    }

    private func readSource(_ table: TOMLTable?, header: Int) throws -> SourceConfig {
        guard let table else {
            throw FileProblem(path: path, line: header, problem: "[[sources]] must be a table", fix: "write name = \"…\" and backend = \"…\" below it")
        }
        func fail(_ key: String?, _ problem: String, fix: String) -> FileProblem {
            FileProblem(path: path, line: key.flatMap { keyLine($0, header: header) } ?? header, problem: problem, fix: fix)
        }
        for key in table.keys where !Self.sourceKeys.contains(key) {
            let hint = Suggestion.closest(to: key, in: Self.sourceKeys).map { "did you mean \($0)? " } ?? ""
            throw fail(key, "unknown source setting '\(key)'", fix: hint + "a source takes \(Self.sourceKeys.sorted().joined(separator: ", "))")
        }
        func string(_ key: String) throws -> String? {
            guard let value = table[key] else { return nil }
            guard let text = value.string else { throw fail(key, "\(key) must be a string", fix: "write \(key) = \"…\"") }
            return text
        }
        guard let name = try string("name") else {
            throw fail(nil, "this [[sources]] has no name", fix: "write name = \"og-eu\" (letters, digits, - _ .; at most 16): it tags the source's rows")
        }
        guard SourceScope.isValidName(name) else {
            throw fail("name", "source name '\(name)' cannot tag rows", fix: "use letters, digits, -, _ and . only, at most 16, e.g. name = \"og-eu\"")
        }
        guard let backendText = try string("backend") else {
            throw fail(nil, "source '\(name)' has no backend", fix: "write backend = \"opsgenie\" or backend = \"jsm\"")
        }
        guard let backend = BackendKind(rawValue: backendText) else {
            throw fail("backend", "source '\(name)': backend '\(backendText)' is not opsgenie or jsm", fix: "write backend = \"opsgenie\" or backend = \"jsm\"")
        }
        var source = SourceConfig(name: name, backend: backend, line: header)
        (source.proxy, source.caFile) = try transport(in: table, line: { self.keyLine($0, header: header) })
        source.customActions = try customActions(in: table, line: { self.keyLine($0, header: header) })
        source.apiURL = try string("api_url")
        if let url = source.apiURL, URL(string: url)?.host == nil {
            throw fail("api_url", "source '\(name)': api_url '\(url)' is not an absolute URL", fix: "write api_url = \"https://…\"")
        }
        let foreign = backend == .opsgenie ? Self.jsmOnly : Self.opsgenieOnly
        if let key = table.keys.sorted().first(where: foreign.contains) {
            throw fail(key, "source '\(name)' is \(backend.rawValue), and \(key) is a setting of the other backend",
                       fix: "remove \(key) from this source, or set backend to the service it belongs to")
        }
        switch backend {
        case .opsgenie:
            source.region = try string("region")
            if let region = source.region, !["us", "eu"].contains(region.lowercased()) {
                throw fail("region", "source '\(name)': region '\(region)' is not us or eu", fix: "write region = \"eu\", or api_url = \"https://…\"")
            }
            source.apiKeyFile = try string("api_key_file")
            guard source.apiKeyFile != nil else {
                throw fail(nil, "source '\(name)' has no api_key_file",
                           fix: "write api_key_file = \"~/.config/vigil/\(name).key\" (chmod 600); with several sources each key comes from its own file")
            }
        case .jsm:
            source.site = try string("site")
            guard let site = source.site else {
                throw fail(nil, "source '\(name)' (jsm) has no site", fix: "write site = \"acme.atlassian.net\" (its cloudId is looked up), and cloud_id = \"…\" to skip the look-up")
            }
            guard JSMConfiguration.site(parsing: site) != nil else {
                throw fail("site", "source '\(name)': site '\(site)' is not a host or URL", fix: "write site = \"acme.atlassian.net\"")
            }
            source.cloudId = try string("cloud_id")
            source.email = try string("email")
            guard source.email != nil else {
                throw fail(nil, "source '\(name)' (jsm) has no email", fix: "write email = \"you@example.com\": the account the API token belongs to")
            }
            source.apiTokenFile = try string("api_token_file")
            guard source.apiTokenFile != nil else {
                throw fail(nil, "source '\(name)' (jsm) has no api_token_file",
                           fix: "write api_token_file = \"~/.config/vigil/\(name).token\" (chmod 600); with several sources each token comes from its own file")
            }
        }
        return source
    }

    /// The 1-based line of each `[[sources]]` header, in order.
    func sourceHeaderLines() -> [Int] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "").hasPrefix("[[sources]]") ? index + 1 : nil
        }
    }

    /// The line where `key` is assigned in the source whose header is on line `header`.
    func keyLine(_ key: String, header: Int) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for index in header..<lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") { return nil }
            let name = line.split(separator: "=", maxSplits: 1).first?.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) ?? ""
            if name == key { return index + 1 }
        }
        return nil
    }
}

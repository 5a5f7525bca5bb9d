import Foundation
import Testing
@testable import vigil

/// `[[sources]]` in config.toml: each mistake names the file, the line and the fix.
@Suite("Config: several sources")
struct SourcesConfigTests {
    static let path = "/home/me/.config/vigil/config.toml"

    static let good = """
        user = "alice@example.com"

        [[sources]]
        name = "og-eu"
        backend = "opsgenie"
        region = "eu"
        api_key_file = "~/.config/vigil/og-eu.key"

        [[sources]]
        name = "jsm"
        backend = "jsm"
        site = "acme.atlassian.net"
        email = "me@example.com"
        api_token_file = "~/.config/vigil/jsm.token"
        """

    @Test func twoSourcesAreReadInOrder() throws {
        let config = try ConfigFile.parse(Self.good, path: Self.path)
        #expect(config.sources.map(\.name) == ["og-eu", "jsm"])
        #expect(config.sources.map(\.backend) == [.opsgenie, .jsm])
        #expect(config.sources.map(\.line) == [3, 9])
        #expect(config.sources[0].region == "eu" && config.sources[0].apiKeyFile == "~/.config/vigil/og-eu.key")
        #expect(config.sources[1].site == "acme.atlassian.net" && config.sources[1].email == "me@example.com")
        #expect(config.user == "alice@example.com")
    }

    /// A broken file, the line it must name, and words the message must hold (problem and fix).
    static let mistakes: [(name: String, text: String, line: Int, mentions: [String])] = [
        ("duplicate name", good.replacingOccurrences(of: "name = \"jsm\"", with: "name = \"og-eu\""), 10,
         ["'og-eu' is used twice (first at line 3)", "its own name"]),
        ("unknown backend", good.replacingOccurrences(of: "backend = \"jsm\"", with: "backend = \"pagerduty\""), 11,
         ["'pagerduty' is not opsgenie or jsm", "backend = \"jsm\""]),
        ("missing site", good.replacingOccurrences(of: "site = \"acme.atlassian.net\"\n", with: ""), 9,
         ["source 'jsm' (jsm) has no site", "site = \"acme.atlassian.net\""]),
        ("top-level account key with sources", "region = \"us\"\n" + good, 1,
         ["'region' is set at the top while [[sources]] name the accounts", "move region into the [[sources]]"]),
        ("missing key file", good.replacingOccurrences(of: "api_key_file = \"~/.config/vigil/og-eu.key\"\n", with: ""), 3,
         ["source 'og-eu' has no api_key_file", "api_key_file = \"~/.config/vigil/og-eu.key\""]),
        ("a JSM setting in an Opsgenie source", good.replacingOccurrences(of: "region = \"eu\"", with: "site = \"acme.atlassian.net\""), 6,
         ["source 'og-eu' is opsgenie, and site is a setting of the other backend", "remove site"]),
        ("a name that cannot tag rows", good.replacingOccurrences(of: "name = \"jsm\"", with: "name = \"jsm:eu\""), 10,
         ["'jsm:eu' cannot tag rows", "letters, digits"]),
        ("no name", good.replacingOccurrences(of: "name = \"jsm\"\n", with: ""), 9, ["has no name", "name = \"og-eu\""]),
        ("misspelt source setting", good.replacingOccurrences(of: "api_token_file =", with: "api_tokn_file ="), 14,
         ["unknown source setting 'api_tokn_file'", "did you mean api_token_file?"]),
        ("missing email", good.replacingOccurrences(of: "email = \"me@example.com\"\n", with: ""), 9, ["source 'jsm' (jsm) has no email"]),
        ("sources not tables", "sources = [\"og-eu\"]\n", 1, ["sources must be an array of tables", "[[sources]]"]),
    ]

    @Test(arguments: mistakes.map(\.name))
    func aMistakeNamesFileLineAndFix(_ name: String) throws {
        let mistake = try #require(Self.mistakes.first { $0.name == name })
        let error = try #require(throws: FileProblem.self) { try ConfigFile.parse(mistake.text, path: Self.path) }
        #expect(error.path == Self.path)
        #expect(error.line == mistake.line, "\(error.description)")
        for words in mistake.mentions { #expect(error.description.contains(words), "\(error.description)") }
    }

    @Test func eachSourceReadsItsOwnSecretFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-sources-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("og.key"), token = folder.appendingPathComponent("jsm.token")
        try "og-secret-key\n".write(to: key, atomically: true, encoding: .utf8)
        try "jsm-secret-token\n".write(to: token, atomically: true, encoding: .utf8)
        for file in [key, token] { try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path) }
        let text = Self.good.replacingOccurrences(of: "~/.config/vigil/og-eu.key", with: key.path)
            .replacingOccurrences(of: "~/.config/vigil/jsm.token", with: token.path)
        var warnings: [String] = []
        let accounts = try SourceAccounts.load(try ConfigFile.parse(text, path: Self.path).sources, configPath: Self.path, warnings: &warnings)
        #expect(accounts.accounts.map(\.name) == ["og-eu", "jsm"])
        #expect(warnings.isEmpty)
        #expect(accounts.journalHost == "sources-og-eu+jsm")
        let line = "sent og-secret-key and jsm-secret-token"
        let redacted = accounts.accounts.map(\.account.redactor).reduce(line) { $1($0) }
        #expect(!redacted.contains("og-secret-key") && !redacted.contains("jsm-secret-token"), "the log never holds either secret")

        try FileManager.default.removeItem(at: token)
        let error = try #require(throws: (any Error).self) {
            try SourceAccounts.load(try ConfigFile.parse(text, path: Self.path).sources, configPath: Self.path, warnings: &warnings)
        }
        #expect("\(error)".contains("source 'jsm'") && "\(error)".contains(token.path), "\(error)")
    }
}

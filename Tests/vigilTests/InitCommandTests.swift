import Foundation
import Testing
@testable import vigil

/// What `vigil init` writes reads back as the same settings, and its secrets stay private.
@Suite("vigil init")
struct InitCommandTests {
    func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "vigil-init-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func oneOpsgenieAccountReadsBack() throws {
        let plan = InitPlan(configPath: "/c/vigil/config.toml", accounts: [
            InitAccount(backend: .opsgenie, region: "eu", secret: "s", secretFile: "/c/vigil/key"),
        ])
        let config = try ConfigFile.parse(plan.configText, path: "config.toml")
        #expect(config.backend == .opsgenie && config.region == "eu" && config.apiKeyFile == "/c/vigil/key")
        #expect(!plan.configText.contains("\"s\""), "the secret goes to its file only")
    }

    @Test func jsmWithAnAPIURLAndAwkwardTextReadsBack() throws {
        let plan = InitPlan(configPath: "/c/config.toml", accounts: [
            InitAccount(backend: .jsm, apiURL: "http://127.0.0.1:8080", site: "acme.atlassian.net",
                        email: "o\"dd\\name@example.com", secret: "t", secretFile: "/c/my \"token\""),
        ])
        let config = try ConfigFile.parse(plan.configText, path: "config.toml")
        #expect(config.backend == .jsm && config.site == "acme.atlassian.net" && config.apiURL == "http://127.0.0.1:8080")
        #expect(config.email == "o\"dd\\name@example.com" && config.apiTokenFile == "/c/my \"token\"")
    }

    @Test func severalSourcesBecomeSourcesTables() throws {
        let plan = InitPlan(configPath: "/c/config.toml", accounts: [
            InitAccount(name: "og-eu", backend: .opsgenie, region: "eu", secret: "k",
                        secretFile: InitPlan.secretFile(configPath: "/c/config.toml", backend: .opsgenie, name: "og-eu")),
            InitAccount(name: "jsm", backend: .jsm, site: "acme.atlassian.net", email: "me@example.com", secret: "t",
                        secretFile: InitPlan.secretFile(configPath: "/c/config.toml", backend: .jsm, name: "jsm")),
        ])
        let config = try ConfigFile.parse(plan.configText, path: "config.toml")
        #expect(config.sources.map(\.name) == ["og-eu", "jsm"])
        #expect(config.sources.map(\.apiKeyFile) == ["/c/og-eu.key", nil])
        #expect(config.sources.map(\.apiTokenFile) == [nil, "/c/jsm.token"])
    }

    @Test func filesAreWrittenWithMode600AndReplacedWhole() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = InitPlan(configPath: folder + "/vigil/config.toml", accounts: [
            InitAccount(backend: .opsgenie, secret: "secret-key", secretFile: folder + "/vigil/key"),
        ])
        try plan.write()
        try plan.write()  // again over the first: renamed into place, no leftovers
        for file in [plan.configPath, folder + "/vigil/key"] {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
        #expect(try String(contentsOfFile: folder + "/vigil/key", encoding: .utf8) == "secret-key\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/vigil").sorted() == ["config.toml", "key"])
    }

    @Test func aTildeMeansTheHomeAndOtherPathsStayAsTheyAre() {
        #expect(HomeDirectory.expandingTilde("~/.config/vigil/key") == HomeDirectory.path + "/.config/vigil/key")
        #expect(HomeDirectory.expandingTilde("~") == HomeDirectory.path)
        #expect(HomeDirectory.expandingTilde("/etc/vigil/key") == "/etc/vigil/key")
        #expect(HomeDirectory.expandingTilde("~bob/key") == "~bob/key", "another user's home is not guessed")
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { #expect(HomeDirectory.path == home) }
    }

    @Test func anEmptyAnswerOrEndOfInputCancels() {
        var lines: [String?] = ["", nil]
        let prompt = InitPrompter(readLine: { lines.removeFirst() }, readSecret: { nil }, write: { _ in })
        #expect(throws: InitCancelled.self) { try prompt.ask("Site") }
        #expect(throws: InitCancelled.self) { try prompt.ask("Site") }
        #expect(throws: InitCancelled.self) { try prompt.askSecret("API key") }
    }

    @Test func aChoiceOutOfRangeIsAskedAgain() throws {
        var lines: [String?] = ["7", "x", "2"]
        var shown = ""
        let prompt = InitPrompter(readLine: { lines.removeFirst() }, readSecret: { nil }, write: { shown += $0 })
        #expect(try prompt.choose("Which?", ["a", "b", "c"]) == 1)
        #expect(shown.components(separatedBy: "Type a number from 1 to 3").count == 3)
    }
}

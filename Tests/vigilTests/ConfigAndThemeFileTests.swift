import Foundation
import Testing
import VigilCore
import VigilTerminal
@testable import vigil

/// Each invalid file in `fixtures/` must give a message naming the file, the line and the fix.
@Suite("Config and theme files")
struct ConfigAndThemeFileTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("fixtures")

    static let expectations: [(file: String, line: Int, mentions: String)] = [
        ("unclosed-string.toml", 2, "not valid TOML"),
        ("bad-region.toml", 1, "us or eu"),
        ("unknown-setting.toml", 2, "unknown setting 'colour'"),
        ("read-only-not-bool.toml", 1, "true or false"),
        ("poll-too-fast.toml", 2, "2 to 3600"),
        ("poll-unknown-kind.toml", 3, "unknown poll setting 'escalations'"),
        ("key-unknown.toml", 2, "is not a key"),
        ("key-unknown-command.toml", 2, "unknown command 'frobnicate'"),
        ("filter-missing-query.toml", 1, "name and query"),
        ("api-url-bad.toml", 1, "not an absolute URL"),
        ("action-max-age-bad.toml", 2, "not a duration from 1m to 24h"),
        ("misspelt-setting.toml", 1, "did you mean region?"),
        ("key-bound-twice.toml", 3, "\"a\" is bound twice: to acknowledge (line 2) and to snooze (line 3)"),
        ("proxy-bad.toml", 2, "proxy must be an http proxy URL"),
        ("ca-file-missing.toml", 3, "ca_file /nonexistent/corp-ca.pem cannot be read"),
        ("custom-actions-not-list.toml", 2, "custom_actions must be a list of action names"),
        ("source-proxy-bad.toml", 7, "proxy must be an http proxy URL"),
        ("setting-twice.toml", 2, "keep one of the two lines"),
    ]

    static let themeExpectations: [(file: String, line: Int, mentions: String)] = [
        ("theme-bad-colour.toml", 3, "'purplish' is not a colour"),
        ("theme-unknown-role.toml", 4, "unknown role 'urgent'"),
        ("theme-syntax.toml", 2, "not valid TOML"),
        ("theme-unknown-setting.toml", 3, "unknown setting 'blink'"),
        ("theme-bold-not-bool.toml", 3, "bold must be true or false"),
    ]

    @Test(arguments: expectations.map(\.file))
    func invalidConfigNamesFileLineAndFix(file: String) throws {
        let expected = try #require(Self.expectations.first { $0.file == file })
        let path = Self.fixtures.appendingPathComponent(file).path
        let error = try #require(throws: FileProblem.self) { try ConfigFile.load(path: path) }
        #expect(error.path == path)
        #expect(error.line == expected.line)
        #expect(error.description.contains(expected.mentions), "\(error)")
        #expect(error.description.hasPrefix("\(path):\(expected.line): "))
        #expect(!error.fix.isEmpty)
    }

    @Test(arguments: themeExpectations.map(\.file))
    func invalidThemeNamesFileLineAndFix(file: String) throws {
        let expected = try #require(Self.themeExpectations.first { $0.file == file })
        let path = Self.fixtures.appendingPathComponent(file).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let error = try #require(throws: FileProblem.self) { try ThemeLoader.parse(text, path: path) }
        #expect(error.line == expected.line)
        #expect(error.description.contains(expected.mentions), "\(error)")
        #expect(error.description.hasPrefix("\(path):\(expected.line): "))
    }

    @Test func shippedThemesLoadAndTheEmbeddedDefaultMatchesTheFile() throws {
        let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes")
        let loaded = try ThemeLoader.load(from: themes)
        #expect(Set(loaded.map(\.name)) == ["default", "light", "high-contrast", "colour-blind-safe", "monochrome"])
        for theme in loaded { #expect(theme.entries.count == ColorRole.allCases.count, "\(theme.name) sets every role") }
        let file = try String(contentsOf: themes.appendingPathComponent("default.toml"), encoding: .utf8)
        #expect(file == ThemeLoader.embeddedDefault)
        for (name, text) in ThemeLoader.embeddedOthers {
            let onDisk = try String(contentsOf: themes.appendingPathComponent(name), encoding: .utf8)
            #expect(onDisk.trimmingCharacters(in: .newlines) == text, "\(name) is built in as it is on disk")
        }
        // Away from the repository (no themes folder) every shipped theme is still there.
        #expect(Set(try ThemeLoader.load(from: nil).map(\.name)) == ["default", "light", "high-contrast", "colour-blind-safe", "monochrome"])
    }

    @Test func theLightThemeSetsItsOwnBackgroundSoItReadsOnADarkTerminal() throws {
        let light = try #require(try ThemeLoader.load(from: nil).first { $0.name == "light" })
        for role in ColorRole.allCases {
            let entry = try #require(light.entries[role])
            #expect(entry.background != .terminalDefault, "\(role.rawValue) has a background of its own")
            #expect(entry.background != entry.foreground, "\(role.rawValue) stays readable")
        }
    }

    @Test func aValidConfigSetsEverything() throws {
        let text = """
        region = "eu"
        user = "alice@example.com"
        read_only = true
        clock_seconds = true
        [poll]
        alerts = 15
        incidents = 45
        [keys]
        acknowledge = "A"
        [[filters]]
        name = "db"
        query = "tag:db"
        """
        let config = try ConfigFile.parse(text, path: "config.toml")
        #expect(config.region == "eu")
        #expect(config.readOnly == true)
        #expect(config.intervals[.alerts] == 15)
        #expect(config.intervals[.incidents] == 45)
        #expect(config.clockSeconds == true)
        #expect(config.keys.first?.0 == .acknowledge)
        #expect(config.keys.first?.1 == .character("A"))
        #expect(config.filters.first?.filter == .query("tag:db"))
    }

    @Test func aKeyTakenFromAnotherCommandIsAllowedAndSaid() throws {
        let config = try ConfigFile.parse("[keys]\nacknowledge = \"j\"\n", path: "config.toml")
        #expect(config.keys.first?.0 == .acknowledge)
        #expect(config.warnings.contains { $0.contains("acknowledge = \"j\" takes j from move-down, which keeps ↓") },
                "\(config.warnings)")
        let quiet = try ConfigFile.parse("[keys]\nacknowledge = \"A\"\n", path: "config.toml")
        #expect(!quiet.warnings.contains { $0.contains("[keys]") }, "a free key says nothing")
    }

    @Test func aConfigFileIsReadWholeAndEveryMistakeIsSaidInLineOrder() throws {
        let text = """
        region = "mars"
        colour = "blue"
        read_only = "yes"

        [poll]
        alerts = 1

        [keys]
        acknowledge = "a"
        snooze = "a"

        [[filters]]
        name = "db"

        [[filters]]
        name = "kafka"
        query = "tag:kafka"
        """
        let error = try #require(throws: FileProblem.self) { try ConfigFile.parse(text, path: "config.toml") }
        let lines = error.description.split(separator: "\n").map(String.init)
        try #require(lines.count == 6, "every mistake, one a line: \(error.description)")
        #expect(lines.map { $0.split(separator: ":")[1] } == ["1", "2", "3", "6", "10", "12"], "\(error.description)")
        #expect(lines[0].contains("us or eu") && lines[1].contains("unknown setting 'colour'") && lines[2].contains("true or false"))
        #expect(lines[3].contains("2 to 3600") && lines[4].contains("bound twice") && lines[5].contains("name and query"))
    }

    @Test func noFilterIsDroppedWithoutAWord() throws {
        let filters = (1...3).map { "[[filters]]\nname = \"f\($0)\"\nquery = \"tag:f\($0)\"\n" }.joined()
        let config = try ConfigFile.parse(filters, path: "config.toml")
        #expect(config.filters.count == 3)
        #expect(config.warnings.contains { $0.contains("[[filters]] 'f3' has no number key") }, "\(config.warnings)")
        let unknown = try #require(throws: FileProblem.self) {
            try ConfigFile.parse("[[filters]]\nname = \"db\"\nquery = \"tag:db\"\nkey = \"7\"\n", path: "config.toml")
        }
        #expect(unknown.line == 1 && unknown.problem.contains("unknown setting 'key'"))
    }

    /// A file holding `text` with `mode`, in a fresh temporary folder.
    static func file(_ name: String, _ text: String, mode: Int) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func aConfigFileWithoutSecretsDrawsNoModeWarning() throws {
        let path = try Self.file("config.toml", "region = \"eu\"\napi_key_file = \"~/.config/vigil/key\"\n", mode: 0o644)
        let config = try ConfigFile.load(path: path)
        #expect(!config.warnings.contains { $0.contains("readable by other users") }, "\(config.warnings)")
    }

    @Test func aKeyFileReadableByOthersDrawsAWarning() throws {
        let path = try Self.file("key", "secret-key-value\n", mode: 0o644)
        #expect(ConfigFile.permissionWarning(path)?.contains("chmod 600") == true)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(ConfigFile.permissionWarning(path) == nil)
    }
}



/// A bad poll interval's fix names that kind's own default.
@Suite("Config: poll intervals")
struct ConfigPollFixTests {
    @Test func aBadIntervalNamesItsOwnDefault() {
        do {
            _ = try ConfigFile.parse("[poll]\nheartbeats = 1\n", path: "config.toml")
            Issue.record("an interval of 1 s was taken")
        } catch {
            #expect("\(error)".contains("write heartbeats = 30 (the default)"), "\(error)")
        }
    }
}

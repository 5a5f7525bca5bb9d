import Foundation
import Logging
import OperationsModel
import Testing
import VigilRuntime
@testable import vigil

/// `merge_sources` in config.toml, and the demo's simulators sharing a share of their alerts.
@Suite("Config: merging one alert's rows from several sources")
struct MergeSourcesConfigTests {
    @Test func mergingIsOnUnlessTurnedOff() throws {
        #expect(try ConfigFile.parse("user = \"alice@example.com\"\n", path: "config.toml").mergesSources)
        let off = try ConfigFile.parse("merge_sources = false\n", path: "config.toml")
        #expect(off.mergeSources == false && !off.mergesSources)
    }

    @Test func theFlagTurnsMergingOffOverTheConfig() throws {
        let config = try ConfigFile.parse("merge_sources = true\n", path: "config.toml")
        #expect(try DisplayOptions.parse([]).mergesSources(config))
        #expect(try !DisplayOptions.parse(["--no-merge-sources"]).mergesSources(config))
        #expect(try !DisplayOptions.parse([]).mergesSources(ConfigFile.parse("merge_sources = false\n", path: "config.toml")))
    }

    @Test func aBadValueNamesTheFileTheLineAndTheFix() throws {
        let error = try #require(throws: FileProblem.self) {
            try ConfigFile.parse("user = \"alice@example.com\"\nmerge_sources = \"no\"\n", path: "/home/me/config.toml")
        }
        #expect(error.line == 2 && error.problem.contains("merge_sources must be true or false"), "\(error)")
        #expect(error.description.contains("/home/me/config.toml") && error.description.contains("merge_sources = false"), "\(error.description)")
    }

    /// `vigil demo --sources 2`'s simulators with the config's switch: merged rows by default,
    /// each copy its own row with `merge_sources = false`.
    @Test func theDemosSharedAlertsMergeUnlessTheConfigTurnsItOff() async throws {
        let logger = Logger(label: "vigil.test") { _ in SwiftLogNoOpLogHandler() }
        let demo = try await DemoSimulators.start(Demo.demoSources.prefix(2), scenario: "ops-room", speed: 0, seed: 42, start: Date(),
                                                  processingDelay: .zero, unlimited: true, sharedPercent: Demo.sharedPercent, logger: logger)
        do {
            try await Self.check(demo, logger: logger)
        } catch {
            await demo.stop()
            throw error
        }
        await demo.stop()
    }

    static func check(_ demo: DemoSimulators, logger: Logger) async throws {
        let aliases = demo.simulators.map { Set($0.allAlerts().filter { $0.status == .open }.compactMap(\.alias)) }
        let shared = aliases[0].intersection(aliases[1]).count
        #expect(shared > 0 && shared < aliases[0].count, "a share of the demo's alerts is in both: \(shared) of \(aliases[0].count)")
        for (text, merged) in [("", true), ("merge_sources = false\n", false)] {
            let config = try ConfigFile.parse(text, path: "config.toml")
            let merging = try DisplayOptions.parse([]).mergesSources(config)
            let rows = try await SourceAccounts(accounts: demo.accounts).withSourceSet(logger: logger, merging: merging) { set in
                try await set.alerts(AlertQuery(query: "status:open", limit: 100), maxPages: 1).alerts
            }
            let copies = rows.filter { ($0.copies?.count ?? 0) == 2 }.count
            #expect(copies == (merged ? shared : 0), "merged: \(merged)")
            #expect(rows.count == aliases[0].count + aliases[1].count - (merged ? shared : 0))
        }
    }
}

import ArgumentParser
import Foundation
import ServiceSimulator
import Testing
@testable import vigil

/// What the command line says when it refuses, and what `--help` promises.
@Suite("The command line")
struct CommandLineTests {
    /// What vigil prints for `error`, as `exit(withError:)` would.
    func printed(_ error: any Error) -> String { Vigil.fullMessage(for: error) }

    @Test func aConfigOrScenarioErrorIsSaidWithoutAStrayUsageLine() {
        let config = ValidationError("config.toml:1: region 'mars' is not us or eu — write region = \"us\" or \"eu\", or set api_url")
        let said = printed(ProgramEntry.runFailure(config))
        #expect(said.contains("region 'mars' is not us or eu") && !said.contains("Usage:"), "\(said)")
        #expect(!printed(ProgramEntry.runFailure(ValidationError("unknown scenario 'storm'"))).contains("Usage:"))
    }

    @Test func speedZeroOrNegativeIsRefusedWithAReason() throws {
        for speed in ["0", "-2"] {
            for command in [["demo"], ["simulate"]] {
                let error = try #require(throws: (any Error).self) { try Vigil.parseAsRoot(command + ["--speed=\(speed)"]) }
                #expect(printed(error).contains("give a speed above 0"), "\(command) --speed \(speed): \(printed(error))")
            }
        }
        #expect(throws: Never.self) { try Vigil.parseAsRoot(["demo", "--speed", "10"]) }
    }

    @Test func allowActionsWithoutTheWallIsRefused() throws {
        let error = try #require(throws: (any Error).self) { try Vigil.parseAsRoot(["demo", "--allow-actions"]) }
        #expect(printed(error).contains("add --wall"))
        #expect(throws: Never.self) { try Vigil.parseAsRoot(["demo", "--wall", "--allow-actions"]) }
    }

    @Test func helpNamesJSMAndIncidents() {
        let help = Vigil.helpMessage()
        #expect(help.contains("JSM") && help.contains("incidents"), "\(help)")
    }
}

extension CommandLineTests {
    @Test func aSimulatorOnAPortInUseSaysSoAndHowToPickAnother() async throws {
        try await Simulator.with(SimulatorConfiguration(scenario: "quiet")) { _, url in
            let port = try #require(url.port)
            let command = try #require(try Vigil.parseAsRoot(["simulate", "--port", "\(port)"]) as? Simulate)
            do {
                try await command.run()
                Issue.record("a second simulator started on a port in use")
            } catch {
                let said = printed(error)
                #expect(said.contains("port \(port) on 127.0.0.1 is in use") && said.contains("--port 0"), "\(said)")
                #expect(!said.contains("errno"), "the socket's own words are not the message: \(said)")
            }
        }
    }
}

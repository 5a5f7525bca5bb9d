import ArgumentParser
import Foundation

/// The `vigil` command.
struct Vigil: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigil",
        abstract: "A terminal dashboard for on-call teams: Opsgenie and JSM Operations alerts, incidents, on-call and heartbeats.",
        version: "0.1.0",
        subcommands: [Dashboard.self, Demo.self, Simulate.self, Snapshot.self, Check.self, Report.self, Init.self],
        defaultSubcommand: Dashboard.self)
}

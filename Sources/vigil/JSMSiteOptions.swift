import ArgumentParser
import ServiceSimulator

/// How the simulated JSM site is set up: its plan and the teams the demo account may not
/// read, so a plan without heartbeats or a team without access can be tried with no account.
struct JSMSiteOptions: ParsableArguments {
    @Option(help: "The simulated JSM site's plan: \(JSMPlan.allCases.map(\.rawValue).joined(separator: ", ")) (free and standard have no heartbeats).")
    var plan: String = JSMPlan.premium.rawValue

    @Option(name: .customLong("no-access-team"), help: "A team the simulated JSM account may not read (its heartbeats and escalations answer 403); repeatable.")
    var teamsWithoutAccess: [String] = []

    func validate() throws {
        guard JSMPlan(rawValue: plan.lowercased()) != nil else {
            throw ValidationError("--plan '\(plan)' is not a JSM plan: use \(JSMPlan.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// Sets the plan and the teams on a simulator configuration.
    func apply(to configuration: inout SimulatorConfiguration) {
        configuration.jsmPlan = JSMPlan(rawValue: plan.lowercased()) ?? .premium
        configuration.jsmTeamsWithoutAccess = Set(teamsWithoutAccess)
    }
}

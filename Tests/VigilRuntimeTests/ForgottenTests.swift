import Foundation
import OpsgenieKit
import ServiceSimulator
import Testing
import VigilCore
@testable import VigilRuntime
import VigilTesting

/// The acknowledged-and-forgotten view against the simulator: exactly the alerts acknowledged
/// before the cut-off and still open, by the service's own acknowledge times.
@Suite struct ForgottenTests {
    @Test func theViewListsExactlyTheAlertsAcknowledgedBeforeTheCutOffAndStillOpen() async throws {
        // `scale`: ten thousand open alerts over eight hours, the oldest fifth acknowledged.
        try await LiveDashboard.run(scenario: "scale") { simulator, engine in
            try await engine.pump("the first poll", within: 30) { $0.alertPane.list.total > 0 }
            engine.send(.key(.character("F")))
            try await engine.pump("the acknowledged alerts read", within: 60) { $0.alertPane.forgotten.list != nil }
            let now = engine.state.now
            let cutOff = now.addingTimeInterval(-engine.state.settings.staleAck)
            let expected = simulator.allAlerts().filter { alert in
                guard alert.status == .open, alert.acknowledged == true, let at = ForgottenAlerts.acknowledgedAt(alert) else { return false }
                return at < cutOff
            }
            let listed = try #require(engine.state.alertPane.forgotten.list).entries
            try #require(expected.count > 100, "the scenario has alerts acknowledged long ago: \(expected.count)")
            #expect(listed.count == expected.count)
            #expect(Set(listed.map(\.alert.id)) == Set(expected.map(\.id)))
            #expect(listed.map(\.acknowledgedAt) == listed.map(\.acknowledgedAt).sorted(), "oldest acknowledgement first")
            #expect(engine.state.render().line(1).contains("Acknowledged and forgotten: \(expected.count) acked over 4h ago, still open"))
        }
    }
}

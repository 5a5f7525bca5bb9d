import Foundation
import ServiceSimulator
import VigilCore
import VigilRuntime
import VigilTesting

/// Wall time from the end of an outage to every feed answering again, against the simulator
/// over HTTP with the fast test intervals (alerts every 0.3 s).
func recoveryBenchmark(trials: Int = 5) async throws {
    var samples: [Double] = []
    for _ in 0..<trials {
        try await LiveDashboard.run { simulator, engine in
            try await engine.pump("first alerts") { $0.feedStatus[.alerts]?.lastSuccess != nil }
            simulator.setFaults([FaultRule(route: "/v2", status: 503)])
            try await engine.pump("five failed alert polls") { ($0.feedStatus[.alerts]?.failures ?? 0) >= 5 }
            simulator.setFaults([])
            let ended = ContinuousClock.now
            try await engine.pump("every feed recovered") { state in DataKind.allCases.allSatisfy { state.feedStatus[$0]?.lastError == nil } }
            samples.append((ContinuousClock.now - ended).timeInterval * 1000)
        }
    }
    print("Vigil recovery — 503 outage of 5 alert polls, then every feed answering again (alerts interval 0.3 s)")
    report("outage end → every feed recovered", samples)
}

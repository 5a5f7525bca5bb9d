import Foundation
import OperationsModel
import OpsgenieSimulator
import Testing
import VigilCore
import VigilRuntime
import VigilTesting

/// Several sources on one screen, over real HTTP against an Opsgenie and a JSM simulator.
@Suite("Several sources: merged, each failing on its own, actions to their own source")
struct SourceSetTests {
    @Test func theMergedListHoldsBothSourcesTaggedWithTheirCountsAdded() async throws {
        try await TwoSources.run { two in
            let engine = two.engine()
            try await engine.pump("both sources' alerts") { Set($0.alerts.compactMap(\.origin)) == ["og-eu", "jsm"] }
            let expected = TwoSources.openCount(two.opsgenie) + TwoSources.openCount(two.jsm)
            try await engine.pump("the merged total") { $0.totalAlerts == expected }
            #expect(engine.state.alerts.allSatisfy { SourceScope.split($0.id)?.source == $0.origin }, "every id is scoped by its source")
            let screen = engine.state.render().text
            #expect(screen.contains("SRC"))
            #expect(screen.contains("og-eu ") && screen.contains("jsm "), "rows carry their source's tag")
            try await engine.settle()
        }
    }
}


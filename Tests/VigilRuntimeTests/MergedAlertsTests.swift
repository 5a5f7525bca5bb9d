import Foundation
import OperationsModel
import ServiceSimulator
import Testing
import VigilCore
import VigilRuntime
import VigilTesting

/// One alert seen by two sources is one row, counted once — over real HTTP against an
/// Opsgenie and a JSM simulator that raise 30 % of their alerts alike (a monitor sending to
/// both accounts during a move).
@Suite("Merged alerts: one alert in two sources is one row")
struct MergedAlertsTests {
    static let sharing = SharedAlerts(seed: 2026, percent: 30)

    /// The truth from the simulators' own stores: distinct open alerts (by alias) and those open in both.
    static func truth(_ two: TwoSources) -> (distinct: Int, shared: Int, sum: Int) {
        func aliases(_ simulator: Simulator) -> [String] { simulator.allAlerts().filter { $0.status == .open }.compactMap(\.alias) }
        let og = aliases(two.opsgenie), jsm = aliases(two.jsm)
        return (Set(og).union(jsm).count, Set(og).intersection(jsm).count, og.count + jsm.count)
    }

    @Test func twoSourcesSharing30PercentShowTheTrueNumberOfDistinctAlerts() async throws {
        // 150 open alerts each: more than one page, so the total comes from counts, not from rows.
        try await TwoSources.run(scenario: "quiet", shared: Self.sharing, initialAlerts: 150, mergesAlerts: true) { two in
            let truth = Self.truth(two)
            #expect(truth.shared >= 30 && truth.shared <= 60, "about 30 % of 150 shared: \(truth.shared)")
            #expect(truth.distinct == truth.sum - truth.shared)
            let engine = two.engine()
            try await engine.pump("the distinct total and the shared figure") {
                $0.totalAlerts == truth.distinct && $0.alertPane.list.shared == truth.shared
            }
            #expect(engine.state.alertPane.list.sharedIsExact)
            let screen = engine.state.render().text
            // The pane's title says it in full, or short of room as `· N shared`.
            #expect(screen.contains("Alerts \(truth.distinct) [")
                    && (screen.contains("· \(truth.shared) in two sources") || screen.contains("· \(truth.shared) shared")), "\(screen)")
            let merged = engine.state.alerts.filter { ($0.copies?.count ?? 0) == 2 }
            #expect(!merged.isEmpty && merged.allSatisfy { Set($0.copies!.map(\.source)) == ["og-eu", "jsm"] })
            #expect(screen.contains("og-eu+jsm"), "a merged row names both sources:\n\(screen)")
            let aliases = engine.state.alerts.compactMap(\.alias)
            #expect(aliases.count == Set(aliases).count, "no alert shows twice")
            // The set answers the same without the dashboard.
            let tally = try await two.set.tallyAlerts(AlertQuery(query: "status:open"))
            #expect(tally == AlertTally(distinct: truth.distinct, shared: truth.shared, exact: true))
            try await engine.settle()
        }
    }

    @Test func pastWhatVigilComparesTheSharedFigureIsALowerBoundAndSaysSo() async throws {
        // 150 alerts a source, about 30 a priority, 20 compared: some copies go unseen.
        try await TwoSources.run(scenario: "quiet", shared: Self.sharing, initialAlerts: 150, mergesAlerts: true, sharedAlertLimit: 20) { two in
            let truth = Self.truth(two)
            let tally = try await two.set.tallyAlerts(AlertQuery(query: "status:open AND priority:P3"))
            #expect(!tally.exact)
            let engine = two.engine()
            try await engine.pump("a shared figure marked as a lower bound") { $0.alertPane.list.shared > 0 && !$0.alertPane.list.sharedIsExact }
            let state = engine.state
            #expect(state.alertPane.list.shared < truth.shared && state.totalAlerts > truth.distinct && state.totalAlerts <= truth.sum,
                    "shared \(state.alertPane.list.shared) of \(truth.shared); total \(state.totalAlerts), distinct \(truth.distinct)")
            let screen = state.render().text
            #expect(screen.contains("· \(state.alertPane.list.shared)+ in two sources") || screen.contains("· \(state.alertPane.list.shared)+ shared"), "\(screen)")
            try await engine.settle()
        }
    }

    @Test func acknowledgingAMergedRowAcknowledgesItInBothSimulators() async throws {
        try await TwoSources.run(shared: Self.sharing, mergesAlerts: true) { two in
            let engine = two.engine()
            try await engine.pump("a merged row open in both") { state in
                state.alerts.contains { alert in (alert.copies?.count ?? 0) == 2 && alert.copies!.allSatisfy { $0.acknowledged != true && $0.status == .open } }
            }
            let target = try #require(engine.state.alerts.first { alert in
                (alert.copies?.count ?? 0) == 2 && alert.copies!.allSatisfy { $0.acknowledged != true && $0.status == .open }
            })
            let alias = try #require(target.alias)
            while engine.state.selectedAlert?.id != target.id { engine.send(.key(.character("j"))) }
            engine.send(.key(.character("a")))
            guard case .chooseSource(let choice)? = engine.state.prompt.overlay else { Issue.record("no source question"); return }
            #expect(choice.options[0].alertIds.count == 2, "both is the first answer")
            engine.send(.key(.enter))
            let ids = target.copies!.map(\.id)
            try await engine.pump("both acknowledges confirmed") { state in
                ids.allSatisfy { id in state.actionLog.records.last { $0.alertId == id }?.phase == .confirmed }
            }
            // Each simulator's own store says so.
            for simulator in [two.opsgenie, two.jsm] {
                let stored = simulator.allAlerts().filter { $0.alias == alias && $0.status == .open }
                #expect(stored.count == 1 && stored[0].acknowledged == true, "\(stored)")
            }
            try await engine.pump("the row shows it acknowledged") { state in
                state.alerts.first { $0.alias == alias }?.copies?.allSatisfy { $0.acknowledged == true } == true
            }
            try await engine.settle()
        }
    }

    @Test func mergingOffShowsBothRowsAgain() async throws {
        try await TwoSources.run(shared: Self.sharing, mergesAlerts: false) { two in
            let truth = Self.truth(two)
            #expect(truth.shared > 0)
            let engine = two.engine()
            try await engine.pump("every copy a row") { $0.totalAlerts == truth.sum }
            let aliases = engine.state.alerts.compactMap(\.alias)
            #expect(aliases.count - Set(aliases).count == truth.shared, "each shared alert shows once per source")
            #expect(engine.state.alerts.allSatisfy { $0.copies == nil })
            #expect(!engine.state.render().text.contains("in two sources"))
            try await engine.settle()
        }
    }
}

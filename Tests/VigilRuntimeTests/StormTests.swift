import Foundation
import Synchronization
import OpsgenieKit
import ServiceSimulator
import Testing
import VigilCore
@testable import VigilRuntime
import VigilTesting

/// The `scale` scenario: 10,000 open alerts. What the screen says must be the whole truth.
@Suite struct StormTests {
    @Test func theTitleAndCountsAreTheAccountsAndOldUrgentAlertsAreListed() async throws {
        try await LiveDashboard.run(scenario: "scale") { simulator, engine in
            try await engine.pump("the first storm poll", within: 30) { $0.alertPane.list.total > 0 }
            let open = simulator.allAlerts().filter { $0.status == .open }
            #expect(engine.state.alertPane.list.total == open.count)
            for (i, priority) in AlertPriority.all.enumerated() {
                #expect(engine.state.alertPane.list.counts[i] == open.filter { $0.priority == priority }.count, "\(priority.rawValue)")
            }
            let title = engine.state.render().text.split(separator: "\n")[1]
            #expect(title.contains("Alerts \(open.count) "), "\(title)")
            // The 200 newest alerts of any priority are minutes old; the P1s listed go back much further.
            let newest200 = open.sorted { ($0.createdAt ?? .distantPast) > ($1.createdAt ?? .distantPast) }.prefix(200)
            let cutoff = try #require(newest200.last?.createdAt)
            let oldP1 = engine.state.alerts.filter { $0.priority == .p1 && ($0.createdAt ?? .distantFuture) < cutoff }
            #expect(oldP1.count > 100, "P1s older than the newest 200 alerts are on the list: \(oldP1.count)")
        }
    }

    @Test func bottomReachesTheOldestAlert() async throws {
        try await LiveDashboard.run(scenario: "scale") { simulator, engine in
            try await engine.pump("the first storm poll", within: 30) { $0.alertPane.list.total > 0 }
            engine.send(.key(.character("G")))
            try await engine.pump("the last row loaded", within: 30) { $0.selectedAlert != nil }
            let oldestP5 = simulator.allAlerts().filter { $0.status == .open && $0.priority == .p5 }
                .min { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }
            #expect(engine.state.selectedAlert?.id == oldestP5?.id)
            #expect(engine.state.alertPane.cursor == engine.state.alertPane.list.total - 1)
        }
    }

    @Test func aStormPollSpendsAFewSearchCalls() async throws {
        try await LiveDashboard.run(scenario: "scale") { simulator, engine in
            try await engine.pump("storm mode", within: 30) { $0.alertPane.expectLarge && $0.feedStatus[.alerts]?.lastSuccess != nil }
            // Nothing under way when counting starts: a poll half done would lend its calls to the ten.
            try await engine.settle()
            let pollsBefore = engine.state.feedStatus[.alerts]?.polls ?? 0
            let searchBefore = simulator.requestsByDomain[.search] ?? 0
            try await engine.pump("ten more alert polls", within: 30) { ($0.feedStatus[.alerts]?.polls ?? 0) >= pollsBefore + 10 }
            try await engine.settle()
            let polls = (engine.state.feedStatus[.alerts]?.polls ?? 0) - pollsBefore
            let search = (simulator.requestsByDomain[.search] ?? 0) - searchBefore
            let perPoll = Double(search) / Double(polls)
            // Five counts and the two urgent pages: 7 Search calls a poll, 42 a minute at the
            // default 10 s — the figure in the README, well inside a 600-a-minute domain.
            #expect(perPoll <= 7.5, "\(search) Search calls over \(polls) polls")
            #expect(perPoll >= 6, "counts and urgent pages are really asked for: \(perPoll)")
        }
    }
}

/// An idle screen wakes for what it must and no more.
@Suite struct WakeUpTests {
    @Test func aPollsAnswerAndItsRateLimitStateWakeTheLoopOnce() async throws {
        let wakes = Atomic<Int>(0)
        try await LiveDashboard.withSimulator(scenario: "quiet") { live in
            let engine = live.engine { wakes.add(1, ordering: .relaxed) }
            var events = 0
            let deadline = ContinuousClock.now + .seconds(20)
            while !engine.state.feeds.polls.kinds.allSatisfy({ engine.state.feedStatus[$0]?.lastSuccess != nil }) || engine.workInFlight > 0 {
                guard ContinuousClock.now < deadline else { Issue.record("the first polls did not all answer"); return }
                let batch = engine.inbox.drain()
                events += batch.count
                for event in batch { engine.send(event) }
                try await Task.sleep(for: .milliseconds(10))
            }
            events += engine.inbox.drain().count
            let polls = engine.state.feeds.polls.kinds.count
            #expect(events >= 2 * polls, "each poll answers with its rate-limit state and its data: \(events) events")
            #expect(wakes.load(ordering: .relaxed) <= events - polls, "one wake-up per answer, not per event: \(wakes.load(ordering: .relaxed)) for \(events) events")
            try await engine.settle()
        }
    }
}

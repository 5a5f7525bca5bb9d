import Foundation
import OperationsModel
import ServiceSimulator
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
            let responders = engine.state.alerts.flatMap { alert in (alert.responders ?? []).map { (alert.origin, $0) } }
            #expect(!responders.isEmpty && responders.allSatisfy { origin, responder in
                responder.id.flatMap { SourceScope.split($0)?.source } == origin && responder.name?.contains(":") == false
            }, "responder ids are scoped like the alert's; names stay the service's")
            let screen = engine.state.render().text
            #expect(screen.contains("SRC"))
            #expect(screen.contains("og-eu ") && screen.contains("jsm "), "rows carry their source's tag")
            try await engine.settle()
        }
    }
}


/// One source failing while the other answers, and each source's back-off.
@Suite("Several sources: one failing, the other live")
struct FailingSourceTests {
    @Test func aFailingSourceIsNamedAndKeepsItsLastDataWhileTheOtherStaysLive() async throws {
        try await TwoSources.run { two in
            let engine = two.engine()
            try await engine.pump("both sources' alerts") { Set($0.alerts.compactMap(\.origin)) == ["og-eu", "jsm"] }
            let jsmRows = engine.state.alerts.filter { $0.origin == "jsm" }.map(\.id)

            two.jsm.setFaults([FaultRule(route: "/jsm", status: 503)])
            try await engine.pump("jsm named as failing") { $0.feeds.sources.first { $0.name == "jsm" }?.isFailing == true }
            let polls = engine.state.feedStatus[.alerts]?.polls ?? 0
            try await engine.pump("two more alert polls") { ($0.feedStatus[.alerts]?.polls ?? 0) >= polls + 2 && $0.feedStatus[.alerts]?.inFlight == false }
            let state = engine.state
            #expect(state.feeds.sources.first { $0.name == "og-eu" }?.isFailing == false, "og-eu stays live")
            #expect(state.feedStatus[.alerts]?.lastError == nil, "the merged poll succeeds: the dashboard is not stale as a whole")
            #expect(state.alerts.filter { $0.origin == "jsm" }.map(\.id) == jsmRows, "jsm's last good rows stay on screen")
            let status = state.render().text.split(separator: "\n").first.map(String.init) ?? ""
            #expect(!status.contains("STALE") && status.contains("jsm: stale"), "named, not a STALE banner (og-eu answers): \(status)")
            #expect(state.messages.contains { $0.text.contains("jsm: failing") && $0.text.contains("HTTP 503") }, "why, whole, in the messages")
            #expect(status.contains("live: og-eu"), "status line: \(status)")

            // The live source still takes actions while the other fails.
            let target = try #require(TwoSources.firstOpen(state.alerts, from: "og-eu"))
            while engine.state.selectedAlert?.id != target.id { engine.send(.key(.character("j"))) }
            engine.send(.key(.character("a")))
            try await engine.pump("og-eu's acknowledge confirmed") { $0.actionLog.records.last { $0.alertId == target.id }?.phase == .confirmed }
            #expect(two.opsgenie.alert(tinyId: target.tinyId ?? "")?.acknowledged == true)

            two.jsm.setFaults([])
            two.clock.advance(120)  // past jsm's back-off
            try await engine.pump("jsm answering again", within: 30) { $0.feeds.sources.allSatisfy { !$0.isFailing } }
            #expect(engine.state.staleSourcesText == nil)
            try await engine.pump("the STALE banner gone") { !$0.render().text.contains("STALE") }
            try await engine.settle()
        }
    }

    @Test func aSourceInBackOffIsNotAskedUntilDueAndOnlyNoAnswerAtAllFails() async throws {
        try await TwoSources.run(backoff: SourceBackoff(base: 30, maximum: 60)) { two in
            let query = AlertQuery(query: "status:open")
            let both = TwoSources.openCount(two.opsgenie) + TwoSources.openCount(two.jsm)
            #expect(try await two.set.countAlerts(query) == both)

            two.jsm.setFaults([FaultRule(route: "/jsm", status: 503)])
            #expect(try await two.set.countAlerts(query) == both, "jsm's last count stands in")
            let jsm = try #require(two.set.health()?.last)
            #expect(jsm.name == "jsm" && jsm.isFailing && jsm.failures == 1)
            #expect(jsm.retryAt == two.clock.now.addingTimeInterval(30))
            let asked = two.jsm.requestsServed
            let ogAsked = two.opsgenie.requestsServed

            #expect(try await two.set.countAlerts(query) == both)
            two.clock.advance(29)
            #expect(try await two.set.countAlerts(query) == both)
            #expect(two.jsm.requestsServed == asked, "jsm is not asked during its back-off")
            #expect(two.opsgenie.requestsServed == ogAsked + 2, "og-eu is asked every time")

            two.clock.advance(2)
            #expect(try await two.set.countAlerts(query) == both)
            #expect(two.jsm.requestsServed > asked, "asked again once due")
            #expect(two.set.health()?.last?.failures == 2)
            #expect(two.set.health()?.last?.retryAt == two.clock.now.addingTimeInterval(60), "the back-off doubled")

            two.opsgenie.setFaults([FaultRule(route: "/v2", status: 500)])
            await #expect(throws: OperationsError.self, "no source answered") { try await two.set.countAlerts(query) }
        }
    }
}

/// Actions go to their alert's own source: single, bulk over marked rows from both, and journaled.
@Suite("Several sources: actions to their own source")
struct SourceActionTests {
    @Test func anActionReachesOnlyTheRowsOwnSimulator() async throws {
        try await TwoSources.run { two in
            let engine = two.engine()
            try await engine.pump("both sources' alerts") { Set($0.alerts.compactMap(\.origin)) == ["og-eu", "jsm"] }
            let target = try #require(TwoSources.firstOpen(engine.state.alerts, from: "jsm"))
            let tiny = try #require(target.tinyId)
            #expect(two.opsgenie.alert(tinyId: tiny)?.acknowledged != true, "the same alert is open in both simulators")
            while engine.state.selectedAlert?.id != target.id { engine.send(.key(.character("j"))) }
            engine.send(.key(.character("a")))
            try await engine.pump("the acknowledge confirmed") { $0.actionLog.records.last { $0.alertId == target.id }?.phase == .confirmed }
            #expect(two.jsm.alert(tinyId: tiny)?.acknowledged == true, "jsm's simulator has it")
            #expect(two.opsgenie.alert(tinyId: tiny)?.acknowledged != true, "og-eu's simulator does not")
            let detail = engine.state.render().text
            #expect(detail.contains("[jsm] #\(tiny)"), "the detail names the source")
            try await engine.settle()
        }
    }

    @Test func aBulkCloseOverBothSourcesSendsEachToItsOwn() async throws {
        try await TwoSources.run { two in
            let engine = two.engine()
            try await engine.pump("both sources' alerts") { Set($0.alerts.compactMap(\.origin)) == ["og-eu", "jsm"] }
            let open = engine.state.alerts.filter { $0.status == .open && $0.acknowledged != true }
            let og = try #require(TwoSources.firstOpen(open, from: "og-eu"))
            let jsm = try #require(TwoSources.firstOpen(open, from: "jsm", besides: og.tinyId))
            for target in [og, jsm] {
                while engine.state.selectedAlert?.id != target.id { engine.send(.key(.character("j"))) }
                engine.send(.key(.character(" ")))
                engine.send(.key(.character("g")))
            }
            engine.send(.key(.character("c")))
            engine.send(.key(.character("y")))
            try await engine.pump("both closes confirmed") { state in
                [og.id, jsm.id].allSatisfy { id in state.actionLog.records.last { $0.alertId == id }?.phase == .confirmed }
            }
            #expect(two.opsgenie.alert(tinyId: og.tinyId!)?.status == .closed)
            #expect(two.jsm.alert(tinyId: jsm.tinyId!)?.status == .closed)
            #expect(two.jsm.alert(tinyId: og.tinyId!)?.status == .open, "og-eu's alert was not closed in jsm")
            #expect(two.opsgenie.alert(tinyId: jsm.tinyId!)?.status == .open, "jsm's alert was not closed in og-eu")
            try await engine.settle()
        }
    }
}

/// The journal keeps each source's actions apart: a queued action is journaled under its
/// source's scoped id and resumes, after a restart, to that source only.
@Suite("Several sources: the journal")
struct SourceJournalTests {
    @Test func aQueuedActionIsJournaledUnderItsSourceAndResumesThere() async throws {
        try await TwoSources.run { two in
            let journal = try ActionJournal(directory: temporaryDirectory(), host: "sources-og-eu+jsm")
            let engine = two.engine(journal: journal)
            try await engine.pump("both sources' alerts") { Set($0.alerts.compactMap(\.origin)) == ["og-eu", "jsm"] }
            let target = try #require(TwoSources.firstOpen(engine.state.alerts, from: "jsm"))
            let tiny = try #require(target.tinyId)
            two.jsm.setFaults([FaultRule(route: "/jsm", status: 503)])
            while engine.state.selectedAlert?.id != target.id { engine.send(.key(.character("j"))) }
            engine.send(.key(.character("a")))
            try await engine.pump("the acknowledge queued") { state in
                if case .queued = state.actionLog.records.last(where: { $0.alertId == target.id })?.phase { return true }
                return false
            }
            try await engine.settle()
            engine.flushJournal()
            let records = try journaledActions(in: journal)
            #expect(records.map(\.alertId) == [target.id])
            #expect(records.first.flatMap { SourceScope.split($0.targetId)?.source } == "jsm", "journaled under its source")

            two.jsm.setFaults([])
            two.clock.advance(120)  // past jsm's back-off
            let restarted = two.engine(journal: journal)
            try await restarted.pump("the resumed acknowledge confirmed") { $0.actionLog.records.last { $0.alertId == target.id }?.phase == .confirmed }
            #expect(two.jsm.alert(tinyId: tiny)?.acknowledged == true, "it reached jsm")
            #expect(two.opsgenie.alert(tinyId: tiny)?.acknowledged != true, "and not og-eu, which has an alert with the same tiny id")
            try await restarted.settle()
        }
    }
}

import Foundation
import OpsgenieKit
import ServiceSimulator
import Testing
import VigilCore
@testable import VigilRuntime
import VigilTesting

/// One way the API goes wrong, and the fault class the status line must name for it.
struct FaultCase: Sendable, CustomTestStringConvertible {
    var name: String
    var rule: FaultRule
    /// `nil`: the dashboard rides it out without a fault (slow answers inside the timeout).
    var shows: Set<OperationsError.FaultClass>?
    var testDescription: String { name }

    static let all: [FaultCase] = [
        FaultCase(name: "429 with rate-limit headers", rule: FaultRule(route: "/v2", status: 429), shows: [.rateLimit]),
        FaultCase(name: "500", rule: FaultRule(route: "/v2", status: 500), shows: [.server]),
        FaultCase(name: "502", rule: FaultRule(route: "/v2", status: 502), shows: [.server]),
        FaultCase(name: "503", rule: FaultRule(route: "/v2", status: 503), shows: [.server]),
        FaultCase(name: "timeout", rule: FaultRule(route: "/v2", stall: true), shows: [.network]),
        FaultCase(name: "connection reset", rule: FaultRule(route: "/v2", drop: true), shows: [.network]),
        FaultCase(name: "malformed JSON", rule: FaultRule(route: "/v2", body: .malformed), shows: [.badResponse]),
        FaultCase(name: "truncated body", rule: FaultRule(route: "/v2", body: .truncated), shows: [.badResponse, .network]),
        FaultCase(name: "wrong types", rule: FaultRule(route: "/v2", body: .wrongTypes), shows: [.badResponse]),
        FaultCase(name: "10 MB body", rule: FaultRule(route: "/v2", body: .huge), shows: [.badResponse]),
        FaultCase(name: "slow responses", rule: FaultRule(route: "/v2", latencyMs: 400), shows: nil),
    ]
}

/// The fault suite: for each fault the dashboard stays up, names the fault, keeps its last
/// data, recovers by itself once the fault ends, and an acknowledge pressed during the fault
/// ends confirmed after it — against the simulator's fault injection over real HTTP.
@Suite struct FaultSuiteTests {
    @Test(arguments: FaultCase.all)
    func dashboardRidesOutTheFault(_ fault: FaultCase) async throws {
        try await LiveDashboard.run { simulator, engine in
            try await engine.pump("first alerts") { !$0.alerts.isEmpty && $0.feedStatus[.alerts]?.lastSuccess != nil }
            let target = try engine.selectUnacknowledged()

            simulator.setFaults([fault.rule])
            if let shows = fault.shows {
                try await engine.pump("the fault on the status line") { state in
                    state.feedStatus[.alerts]?.lastError.map { shows.contains($0.faultClass) } ?? false
                }
                let kept = engine.state.alerts.map(\.id)
                let failuresSoFar = engine.state.feedStatus[.alerts]?.failures ?? 0
                try await engine.pump("another failed poll") { ($0.feedStatus[.alerts]?.failures ?? 0) > failuresSoFar }
                #expect(!kept.isEmpty)
                #expect(engine.state.alerts.map(\.id) == kept, "the last good alerts stay on screen")
                let screen = engine.state.render().text
                #expect(screen.contains("STALE"))
                #expect(shows.contains { screen.contains($0.rawValue) }, "the status line names the fault class")
            }

            engine.send(.key(.character("a")))
            #expect(engine.action(on: target.id)?.phase.isOpen == true, "the row shows the pending action at once")
            if fault.shows != nil {
                try await engine.pump("the acknowledge to be queued") { state in
                    if case .queued = state.actionLog.records.last(where: { $0.alertId == target.id })?.phase { return true }
                    return false
                }
            }

            simulator.setFaults([])
            try await engine.pump("recovery and the acknowledge confirmed", within: 30) { state in
                state.feedStatus[.alerts]?.lastError == nil && state.actionLog.records.last(where: { $0.alertId == target.id })?.phase == .confirmed
            }
            #expect(simulator.alert(tinyId: target.tinyId ?? "")?.acknowledged == true, "the simulator agrees")
            // Heartbeats and on-call come back too (after a rate limit, on their own backoff).
            try await engine.pump("every feed recovered and the STALE banner gone", within: 30) { state in
                DataKind.allCases.allSatisfy { state.feedStatus[$0]?.lastError == nil && state.feedStatus[$0]?.lastSuccess != nil }
                    && !state.render().text.contains("STALE")
            }
        }
    }

    @Test func recoveryIsSeenWithinOneIntervalAfterALongOutage() async throws {
        try await LiveDashboard.run { simulator, engine in
            try await engine.pump("first alerts") { $0.feedStatus[.alerts]?.lastSuccess != nil }
            simulator.setFaults([FaultRule(route: "/v2", status: 503)])
            try await engine.pump("five failed alert polls") { ($0.feedStatus[.alerts]?.failures ?? 0) >= 5 }
            #expect(engine.state.feedStatus[.heartbeats]?.lastError?.faultClass == .server)
            simulator.setFaults([])
            // Counting starts with no alerts poll under way: one started in the outage may still
            // be failing its retries (on a loaded machine its answers come late).
            try await engine.pump("the alerts poll of the outage over") { $0.feedStatus[.alerts]?.inFlight == false }
            let pollsAtEnd = DataKind.allCases.map { engine.state.feedStatus[$0]?.polls ?? 0 }
            try await engine.pump("every feed recovered") { state in DataKind.allCases.allSatisfy { state.feedStatus[$0]?.lastError == nil } }
            // The alerts poll in flight when the outage ended, then at most one more: recovery is
            // seen within one alerts interval, and the backed-off kinds poll as soon as it is.
            // (The wall time is measured by `vigil-bench recovery`.)
            let pollsToRecover = zip(DataKind.allCases.map { engine.state.feedStatus[$0]?.polls ?? 0 }, pollsAtEnd).map { $0 - $1 }
            #expect(pollsToRecover.allSatisfy { $0 <= 4 }, "polls per kind until recovered: \(pollsToRecover)")
        }
    }

    @Test func aNoteSentIntoAConnectionResetIsNotPostedTwice() async throws {
        try await LiveDashboard.run { simulator, engine in
            try await engine.pump("first alerts") { !$0.alerts.isEmpty }
            let target = try #require(engine.state.selectedAlert)
            let before = simulator.notes(alertId: target.id).count
            simulator.setFaults([FaultRule(route: "/v2/alerts/\(target.id)/notes", method: "POST", dropAfterHandling: true)])
            engine.send(.key(.character("n")))
            for c in "checking the db" { engine.send(.key(.character(c))) }
            engine.send(.key(.enter))
            // The note reaches the API and is applied, then the connection resets before the answer.
            try await engine.pump("the note to end") { !($0.actionLog.records.last?.phase.isOpen ?? true) }
            guard case .failed(let reason) = engine.state.actionLog.records.last?.phase else {
                Issue.record("a note whose answer was lost must fail visibly, not be resent")
                return
            }
            #expect(reason.contains("check the notes"))
            simulator.setFaults([])
            let polls = engine.state.feedStatus[.alerts]?.lastSuccess ?? .distantPast
            try await engine.pump("polls after the fault") { ($0.feedStatus[.alerts]?.lastSuccess ?? .distantPast) > polls.addingTimeInterval(1) }
            #expect(engine.state.actionLog.records.last?.attempts == 1, "the note was sent once")
            try await engine.pump("the note the API took to show") { _ in simulator.notes(alertId: target.id).count > before }
            #expect(simulator.notes(alertId: target.id).count == before + 1, "posted exactly once: the reset did not lose it, and it was not sent again")
        }
    }
}

@Suite struct CustomActionLiveTests {
    @Test func aCustomActionEndsConfirmedOrFailedWithTheChannelsReason() async throws {
        try await LiveDashboard.run { simulator, engine in
            try await engine.pump("first alerts") { !$0.alerts.isEmpty }
            let target = try #require(engine.state.selectedAlert)
            engine.send(.key(.character("x")))
            try await engine.pump("the actions listed") { $0.pickerOptions(.customAction(alertId: target.id), filter: "").count == 3 }
            engine.send(.key(.enter))   // Restart service
            engine.send(.key(.character("y")))
            try await engine.pump("the action confirmed") { $0.actionLog.records.last?.phase == .confirmed }
            #expect(engine.state.actionLog.records.last?.alertAction == .customAction("Restart service"))
            engine.send(.key(.character("x")))
            try await engine.pump("the actions listed again") { $0.pickerOptions(.customAction(alertId: target.id), filter: "").count == 3 }
            for c in "fail" { engine.send(.key(.character(c))) }
            engine.send(.key(.enter))
            engine.send(.key(.character("y")))
            try await engine.pump("the failing action failed") { state in
                if case .failed = state.actionLog.records.last?.phase { true } else { false }
            }
            guard case .failed(let reason) = engine.state.actionLog.records.last?.phase else { return }
            #expect(reason.contains("no healthy standby"))
            #expect(simulator.alert(tinyId: target.tinyId ?? "")?.status == .open, "a failed action leaves the alert as it was")
        }
    }
}

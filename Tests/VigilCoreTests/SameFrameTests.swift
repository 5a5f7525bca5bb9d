import Foundation
import OperationsModel
import Testing
@testable import VigilCore

/// An answer that changes nothing on screen is not rendered (`drawsSameFrame`); these check
/// that such answers really draw the same frame, and that every visible change is seen.
@Suite struct SameFrameTests {
    /// The fixture ten seconds on, every feed polled again and answered as before.
    func polledAgain(_ state: DashboardState, alerts: [Alert] = sampleAlerts) -> DashboardState {
        var state = state
        _ = state.update(.tick(fixedNow.addingTimeInterval(11)))
        _ = state.update(.rateLimitChanged(domain: .search, status: RateLimitStatus(state: .ok, observedAt: fixedNow.addingTimeInterval(11))))
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: alerts, nextOffset: nil, pagesFetched: 1))))
        _ = state.update(.heartbeatsLoaded(.success(sampleHeartbeats)))
        _ = state.update(.incidentsLoaded(.success(IncidentPage(incidents: sampleIncidents))))
        return state
    }

    /// The fixture as drawn at 11:06:44, with a rate-limit reading.
    func drawnState() -> DashboardState {
        var state = loadedState(width: 120, height: 40)
        _ = state.update(.tick(fixedNow.addingTimeInterval(4)))
        _ = state.update(.rateLimitChanged(domain: .search, status: RateLimitStatus(state: .ok, observedAt: fixedNow.addingTimeInterval(4))))
        return state
    }

    @Test func theSameAnswersAgainDrawTheSameFrameAndTheFeedsStayFresh() {
        let drawn = drawnState()
        var ticked = drawn
        _ = ticked.update(.tick(fixedNow.addingTimeInterval(11)))
        #expect(ticked.feeds.polls.feeds[.alerts]?.inFlight == true, "the tick started the polls")
        #expect(ticked.drawsSameFrame(as: drawn), "a poll under way shows nothing")
        let again = polledAgain(drawn)
        #expect(again.feeds.polls.feeds[.alerts]?.lastSuccess == fixedNow.addingTimeInterval(11), "the answer was taken")
        #expect(again.drawsSameFrame(as: drawn))
        #expect(again.render().text == drawn.render().text, "and the frame really is the same")
        #expect(again.nextVisibleChange >= drawn.nextVisibleChange, "a fresher feed turns late no sooner")
    }

    @Test func everyChangeOnScreenIsSeen() {
        let drawn = drawnState()
        var acknowledged = sampleAlerts
        acknowledged[0].acknowledged = !(acknowledged[0].acknowledged ?? false)
        var changed: [(String, DashboardState)] = [("an alert acknowledged elsewhere", polledAgain(drawn, alerts: acknowledged)),
                                                   ("an alert gone", polledAgain(drawn, alerts: Array(sampleAlerts.dropFirst())))]
        var failed = polledAgain(drawn)
        _ = failed.update(.heartbeatsLoaded(.failure(.transport("connection refused"))))
        changed.append(("a feed failing", failed))
        var throttled = polledAgain(drawn)
        _ = throttled.update(.rateLimitChanged(domain: .search, status: RateLimitStatus(state: .throttled, periodSeconds: 30, observedAt: fixedNow)))
        changed.append(("throttled", throttled))
        var keyed = drawn
        _ = keyed.update(.key(.character("j")))
        changed.append(("the selection moved", keyed))
        var noticed = drawn
        _ = noticed.update(.notice("journal not written", .error))
        changed.append(("a message", noticed))
        var resized = drawn
        _ = resized.update(.resize(width: 100, height: 30))
        changed.append(("a resize", resized))
        for (what, state) in changed {
            #expect(!state.drawsSameFrame(as: drawn), "\(what) is on screen")
            #expect(state.render().text != drawn.render().text, "\(what): the frame differs, as it should")
        }
    }
}

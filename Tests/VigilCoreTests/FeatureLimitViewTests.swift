import Foundation
import OperationsModel
import Testing
@testable import VigilCore

/// What an account cannot read (a plan without heartbeats, a team without access) is said
/// in its pane in the service's words, and is not an outage.
@Suite("Plans and rights in the panes")
struct FeatureLimitViewTests {
    static let plan = FeatureLimit(feature: "heartbeats", reason: .plan, text: "heartbeats need JSM Premium or Enterprise")

    @Test func aPlanWithoutHeartbeatsIsSaidInThePaneWithNoStaleBannerAndNoBackOff() {
        var state = loadedState()
        _ = state.update(.heartbeatsLoaded(.success([]), limits: [Self.plan]))
        let screen = state.render()
        #expect(screen.text.contains("heartbeats need JSM Premium or"), "\(screen.text)")
        #expect(!screen.text.contains("no heartbeats") && !screen.text.contains("Heartbeats 0"), "not a pane that looks empty")
        #expect(!screen.line(0).contains("STALE"), "\(screen.line(0))")
        #expect(screen.line(0).contains("hb n/a"), "not ok for what Vigil cannot see, not stale either: \(screen.line(0))")
        #expect(state.feedStatus[.heartbeats]?.failures == 0 && state.feedStatus[.heartbeats]?.lastError == nil, "no back-off")
        _ = state.update(.key(.character("W")))
        let wall = state.render().text
        #expect(wall.contains("heartbeats n/a") && wall.contains("heartbeats need JSM Premium") && !wall.contains(" all ok"), "\(wall)")
    }

    @Test func aTeamWithoutAccessIsNamedBelowTheOtherTeamsHeartbeats() {
        var state = loadedState()
        let team = FeatureLimit(feature: "heartbeats", scope: "team platform-ops", reason: .rights, text: "team platform-ops: no access")
        _ = state.update(.heartbeatsLoaded(.success(sampleHeartbeats), limits: [team]))
        let text = state.render().text
        #expect(text.contains("team platform-ops: no access"))
        for beat in sampleHeartbeats { #expect(text.contains(beat.name.prefix(10)), "\(beat.name) still shows") }
        #expect(text.contains("Heartbeats 3 (1 expired)"))
    }

    @Test func theLimitGoesWhenTheNextAnswerHasNone() {
        var state = loadedState()
        _ = state.update(.heartbeatsLoaded(.success([]), limits: [Self.plan]))
        _ = state.update(.heartbeatsLoaded(.success(sampleHeartbeats)))
        #expect(!state.render().text.contains("Premium"))
    }

    @Test func onCallLimitsAreSaidUnderTheSchedulesThatCouldBeRead() {
        var state = loadedState(width: 200, height: 60)
        let names = FeatureLimit(feature: "names", reason: .rights, text: "names: the site's user directory did not answer (HTTP 403); showing account ids")
        _ = state.update(.onCallLoaded(.success(sampleOnCall), limits: [names]))
        let text = state.render().text
        #expect(text.contains("platform_schedule") && text.contains("showing account ids"), "\(text)")
    }
}

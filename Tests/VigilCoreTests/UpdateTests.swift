import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("update: keys and events")
struct UpdateTests {
    @Test func firstTickPollsEveryKindOnceAndNeverTwiceInFlight() {
        var state = DashboardState(settings: DashboardSettings(host: "h"), now: fixedNow, width: 120, height: 40)
        let first = state.update(.tick(fixedNow))
        #expect(first.count == 4, "alerts, heartbeats, on-call and incidents")
        #expect(first.contains(.poll(.incidents)))
        #expect(state.update(.tick(fixedNow.addingTimeInterval(1))).isEmpty, "a poll already in flight is not started again")
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: [], nextOffset: nil, pagesFetched: 1))))
        #expect(state.update(.tick(fixedNow.addingTimeInterval(5))).isEmpty, "not due before the interval")
        let due = state.update(.tick(fixedNow.addingTimeInterval(12)))
        #expect(due == [alertPoll(state, .query("status:open"))])
    }

    @Test func alertsAreOrderedByPriorityThenRecency() {
        let state = loadedState()
        #expect(state.alerts.map(\.tinyId) == ["2", "4", "3", "1", "6", "5"])
        #expect(state.alertPane.selectedId == "id-2")
    }

    @Test func selectionFollowsTheAlertNotTheRow() {
        var state = loadedState()
        _ = state.update(.key(.character("j")))
        _ = state.update(.key(.character("j")))
        #expect(state.selectedAlert?.tinyId == "3")
        // a new P1 arrives on top: the same alert stays selected
        let newer = sampleAlerts + [alert(7, .p1, minutesAgo: 1)]
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: newer, nextOffset: nil, pagesFetched: 1))))
        #expect(state.selectedAlert?.tinyId == "3")
        #expect(state.alerts.first?.tinyId == "7")
    }

    @Test func newAlertsAreMarkedUntilSeen() {
        var state = loadedState()
        // Raised after Vigil's first look at the list: new until selected.
        let newer = sampleAlerts + [alert(7, .p1, minutesAgo: -0.5)]
        _ = state.update(.tick(fixedNow.addingTimeInterval(40)))
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: newer, nextOffset: nil, pagesFetched: 1))))
        #expect(state.render().text.contains("● #7"))
        #expect(!state.render().text.contains("● #1 "), "alerts that were there at the first look are not news")
        _ = state.update(.key(.character("g")))
        #expect(!state.render().text.contains("● #7"))
    }

    @Test func movementKeys() {
        var state = loadedState()
        _ = state.update(.key(.character("G")))
        #expect(state.selectedAlert?.tinyId == "5")
        _ = state.update(.key(.character("k")))
        #expect(state.selectedAlert?.tinyId == "6")
        _ = state.update(.key(.up))
        _ = state.update(.key(.down))
        #expect(state.selectedAlert?.tinyId == "6")
        _ = state.update(.key(.character("g")))
        #expect(state.selectedAlert?.tinyId == "2")
        _ = state.update(.key(.pageDown))
        #expect(state.selectedAlert?.tinyId == "5")
        _ = state.update(.key(.pageUp))
        #expect(state.selectedAlert?.tinyId == "2")
    }

    @Test func acknowledgeShowsPendingThenConfirmed() {
        var state = loadedState()
        let effects = state.update(.key(.character("a")))
        #expect(effects == [.perform(actionId: 1, action: .acknowledge, alertId: "id-2")])
        #expect(state.pendingAction(on: "id-2")?.phase == .sending)
        #expect(state.render().text.contains("ack…"))
        let confirm = state.update(.actionAccepted(actionId: 1, receipt: ActionReceipt(requestId: "r1")))
        #expect(confirm == [.confirm(actionId: 1, receipt: ActionReceipt(requestId: "r1"))])
        _ = state.update(.actionFinished(actionId: 1, .success(RequestStatus(action: "Acknowledge", processedAt: fixedNow, isSuccess: true,
                                                                              status: "Acknowledged", alertId: "id-2", alias: nil))))
        #expect(state.pendingActions.isEmpty)
        #expect(state.alerts.first { $0.id == "id-2" }?.acknowledged == true)
        #expect(state.render().text.contains("ack #2: confirmed"))
    }

    @Test func aFailedActionShowsTheReason() {
        var state = loadedState()
        _ = state.update(.key(.character("a")))
        _ = state.update(.actionFinished(actionId: 1, .failure(.requestFailed(reason: "Alert is closed", requestId: "r"))))
        #expect(state.actionLog.records.first?.phase == .failed(reason: "Alert is closed"))
        let screen = state.render().text
        #expect(screen.contains("ack #2 failed"))
        #expect(screen.contains("Alert is closed"))
        #expect(screen.contains("! #2"))
    }

    @Test func anActionDuringAnOutageIsQueuedAndResentWhenTheAPIAnswers() {
        var state = loadedState()
        _ = state.update(.key(.character("a")))
        _ = state.update(.actionFinished(actionId: 1, .failure(.transport("connection refused"))))
        #expect(state.actionLog.records.first?.phase == .queued(reason: "network"))
        #expect(state.render().text.contains("pending 1 (1 queued)"))
        // polling fails: still queued
        _ = state.update(.alertsLoaded(.failure(.transport("down"))))
        #expect(state.update(.tick(fixedNow.addingTimeInterval(1))).allSatisfy { if case .perform = $0 { false } else { true } })
        // polling recovers: it is sent again once its wait (5 s after the first attempt) is over
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: sampleAlerts, nextOffset: nil, pagesFetched: 1))))
        #expect(!state.update(.tick(fixedNow.addingTimeInterval(2))).contains(.perform(actionId: 1, action: .acknowledge, alertId: "id-2")))
        let resent = state.update(.tick(fixedNow.addingTimeInterval(6)))
        #expect(resent.contains(.perform(actionId: 1, action: .acknowledge, alertId: "id-2")))
        #expect(state.actionLog.records.first?.attempts == 2)
    }

    @Test func closeAsksFirstNamingTheAlertAndNDoesNothing() {
        var state = loadedState()
        #expect(state.update(.key(.character("c"))).isEmpty)
        let screen = state.render().text
        #expect(screen.contains("Close #2 [svc-2] something is wrong 2? y/N"))
        #expect(state.update(.key(.character("n"))).isEmpty)
        #expect(state.prompt.overlay == nil)
        #expect(state.actionLog.records.isEmpty)
        _ = state.update(.key(.character("c")))
        #expect(state.update(.key(.character("y"))) == [.perform(actionId: 1, action: .close, alertId: "id-2")])
    }

    @Test func markedAlertsAreActedOnTogether() {
        var state = loadedState()
        _ = state.update(.key(.character(" ")))
        _ = state.update(.key(.character(" ")))
        #expect(state.alertPane.marked == ["id-2", "id-4"])
        #expect(state.update(.key(.character("a"))).isEmpty, "over marks, a asks first")
        let effects = state.update(.key(.character("y")))
        #expect(effects.count == 2)
        #expect(state.alertPane.marked.isEmpty)
    }

    @Test func marksAreInSightAndEscClearsThem() {
        var state = loadedState()
        _ = state.update(.key(.character(" ")))
        _ = state.update(.key(.character(" ")))
        #expect(state.render().line(1).contains("· 2 marked (Esc clears)"), "the title says the next action acts on two")
        _ = state.update(.key(.escape))
        #expect(state.alertPane.marked.isEmpty)
        #expect(state.render().text.contains("2 marks cleared"))
        #expect(!state.render().line(1).contains("marked"))
        #expect(state.update(.key(.character("a"))) == [.perform(actionId: 1, action: .acknowledge, alertId: state.alertPane.selectedId!)],
                "a acts on the selected alert again")
    }

    @Test func snoozeOffersPresetsAndTypedDurations() {
        var state = loadedState()
        _ = state.update(.key(.character("s")))
        #expect(state.render().text.contains("15 minutes"))
        for c in "90m" { _ = state.update(.key(.character(c))) }
        let effects = state.update(.key(.enter))
        #expect(effects == [.perform(actionId: 1, action: .snooze(until: fixedNow.addingTimeInterval(5400)), alertId: "id-2")])
        #expect(DurationText.parse("1h30m") == 5400)
        #expect(DurationText.parse("soon") == nil)
    }

    @Test func assignPicksAUserByTyping() {
        var state = loadedState()
        #expect(state.update(.key(.character("o"))) == [.loadUsers])
        _ = state.update(.usersLoaded(.success([User(id: "u1", username: "alice@example.com", fullName: "Alice"),
                                                 User(id: "u2", username: "bob@example.com", fullName: "Bob")])))
        for c in "bo" { _ = state.update(.key(.character(c))) }
        #expect(state.update(.key(.enter)) == [.perform(actionId: 1, action: .assign(.username("bob@example.com")), alertId: "id-2")])
    }

    @Test func noteTakesEveryKeyAsTextAndEscCancels() {
        var state = loadedState()
        _ = state.update(.key(.character("n")))
        for c in "q a c?" { _ = state.update(.key(.character(c))) }
        #expect(!state.quitting, "q typed into a text field is text")
        #expect(state.actionLog.records.isEmpty)
        #expect(state.update(.key(.enter)) == [.perform(actionId: 1, action: .addNote("q a c?"), alertId: "id-2")])
        _ = state.update(.key(.character("n")))
        _ = state.update(.key(.character("x")))
        #expect(state.update(.key(.escape)).isEmpty)
        #expect(state.prompt.overlay == nil)
        #expect(state.actionLog.records.count == 1)
    }

    @Test func escalateAsksFirst() {
        var state = loadedState()
        _ = state.update(.key(.character("e")))
        #expect(state.render().text.contains("loading…"))
        _ = state.update(.escalationsLoaded(.success([Escalation(id: "e1", name: "platform_escalation")])))
        #expect(state.update(.key(.enter)).isEmpty)
        #expect(state.render().text.contains("Escalate #2 to platform_escalation? y/N"))
        #expect(state.update(.key(.character("y"))) == [.perform(actionId: 1, action: .escalate(.id("e1")), alertId: "id-2")])
    }

    @Test func filterSendsTheQueryToTheAPI() {
        var state = loadedState()
        _ = state.update(.tick(fixedNow.addingTimeInterval(1)))
        _ = state.update(.key(.character("/")))
        for _ in 0..<20 { _ = state.update(.key(.backspace)) }
        for c in "priority:P1" { _ = state.update(.key(.character(c))) }
        let effects = state.update(.key(.enter))
        #expect(state.alertPane.filters.current == .query("priority:P1"))
        #expect(effects == [alertPoll(state, .query("priority:P1"))])
        // quick filter 4 ("all") while the priority:P1 poll is in flight: no second poll now…
        #expect(state.update(.key(.character("4"))).isEmpty)
        #expect(state.alertPane.filters.current == .query(""))
        // …the P1 answer is discarded and the new filter polled at once
        let next = state.update(.alertsLoaded(.success(AlertPage(alerts: [], nextOffset: nil, pagesFetched: 1)), filter: .query("priority:P1")))
        #expect(next == [alertPoll(state, .query(""))])
        #expect(state.alerts.count == 6, "the discarded answer did not replace the list")
    }

    @Test func aQueryTheServiceRefusesIsSaidAndTheListKeepsItsFilterNotAnOutage() {
        var state = loadedState()
        _ = state.update(.tick(fixedNow.addingTimeInterval(1)))
        _ = state.update(.key(.character("/")))
        for _ in 0..<20 { _ = state.update(.key(.backspace)) }
        for c in "priority:P1 AND (status:open" { _ = state.update(.key(.character(c))) }
        _ = state.update(.key(.enter))
        let typo = AlertFilter.query("priority:P1 AND (status:open")
        #expect(state.alertPane.filters.current == typo)
        let refused = OperationsError.http(status: 422, message: "Invalid query: missing ')'", requestId: nil, internalCode: nil, rateLimit: nil)
        let effects = state.update(.alertsLoaded(.failure(refused), filter: typo))
        #expect(state.alertPane.filters.current == .query("status:open"), "back to the filter whose alerts are on screen")
        #expect(effects == [alertPoll(state, .query("status:open"))], "and polled again at once")
        let screen = state.render().text
        #expect(screen.contains("refused: HTTP 422: Invalid query: missing ')'"), "the service's reason is on screen")
        #expect(!screen.contains("STALE"), "a typo is not an outage")
        #expect(state.feedStatus[.alerts]?.lastError == nil)
        #expect(state.alerts.count == 6)
        // `/` opens with the refused query, to fix, not with nothing to retype.
        _ = state.update(.key(.character("/")))
        #expect(state.prompt.overlay == .input(.filter, text: TextField("priority:P1 AND (status:open")))
        _ = state.update(.key(.escape))
        // A network failure under a new filter is an outage as ever.
        _ = state.update(.key(.character("2")))
        _ = state.update(.alertsLoaded(.failure(.transport("connection refused")), filter: state.alertPane.filters.current))
        #expect(state.alertPane.filters.current == .query("status:open AND acknowledged:false"))
        #expect(state.feedStatus[.alerts]?.lastError != nil)
    }

    @Test func actionsWithNothingSelectedOrReadOnlySayWhy() {
        var empty = DashboardState(settings: DashboardSettings(host: "h"), now: fixedNow, width: 120, height: 40)
        #expect(empty.update(.key(.character("a"))).isEmpty)
        #expect(empty.messages.last?.text == "acknowledge: no alert selected")
        var readOnly = loadedState(readOnly: true)
        #expect(readOnly.update(.key(.character("c"))).isEmpty)
        #expect(readOnly.prompt.overlay == nil)
        #expect(readOnly.messages.last?.text == "close: read-only mode")
        #expect(readOnly.render().text.contains("READ-ONLY"))
    }

    @Test func quitAsksWhenActionsArePending() {
        var state = loadedState()
        #expect(state.update(.key(.character("q"))) == [.quit])
        var busy = loadedState()
        _ = busy.update(.key(.character("a")))
        #expect(busy.update(.key(.character("q"))).isEmpty)
        #expect(busy.render().text.contains("1 action not confirmed yet"))
        #expect(busy.update(.key(.character("y"))) == [.quit])
    }

    @Test func staleDataIsPlainAndKeptAfterAFailure() {
        var state = loadedState()
        _ = state.update(.tick(fixedNow.addingTimeInterval(15)))
        _ = state.update(.alertsLoaded(.failure(.http(status: 503, message: "busy", requestId: nil, internalCode: nil, rateLimit: nil))))
        let screen = state.render().text
        #expect(screen.contains("STALE"))
        #expect(screen.contains("alerts 15s server"))
        #expect(state.alerts.count == 6, "last good data stays on screen")
        // no failure but old: stale after three intervals
        var old = loadedState()
        _ = old.update(.tick(fixedNow.addingTimeInterval(29)))
        #expect(!old.isStale(.alerts))
        _ = old.update(.tick(fixedNow.addingTimeInterval(31)))
        #expect(old.isStale(.alerts))
    }

    @Test func helpIsGeneratedFromTheKeymapAndRebindingShowsThere() {
        var settings = DashboardSettings(host: "h")
        settings.keymap.rebind(.acknowledge, to: .character("A"))
        var state = DashboardState(settings: settings, now: fixedNow, width: 120, height: 40)
        _ = state.update(.key(.character("?")))
        let help = state.render().text
        #expect(help.contains("A      acknowledge"))
        #expect(help.contains("c      close (asks first)"))
        #expect(state.update(.key(.character("a"))).isEmpty)
        #expect(state.prompt.overlay == nil, "any key closes help")
    }

    @Test func resizeRelaysOutAndTooSmallSaysSo() {
        var state = loadedState(width: 120, height: 40)
        _ = state.update(.resize(width: 60, height: 20))
        #expect(state.render().text.contains("terminal too small: 60×20, need 80×24"))
        _ = state.update(.resize(width: 80, height: 24))
        #expect(state.render().text.contains("Alerts 6"))
    }
}

@Suite("update: polling stays healthy around actions and filters")
struct PollingHealthTests {
    /// When the next poll of `kind` is due, in seconds after `fixedNow`.
    func nextDue(_ state: DashboardState, _ kind: DataKind) -> TimeInterval {
        (state.feedStatus[kind]?.nextDue ?? .distantPast).timeIntervalSince(fixedNow)
    }

    @Test func alertsKeepTheirIntervalThroughAnOutageWhileTheOthersBackOffAndAllReturnTogether() {
        var state = loadedState()
        let down = OperationsError.http(status: 502, message: "bad gateway", requestId: nil, internalCode: nil, rateLimit: nil)
        for _ in 0..<3 {
            #expect(state.update(.key(.character("r"))).contains(.poll(.heartbeats)))
            _ = state.update(.alertsLoaded(.failure(down)))
            _ = state.update(.heartbeatsLoaded(.failure(down)))
        }
        #expect((10...11).contains(nextDue(state, .alerts)), "the alerts poll is the probe: one interval, \(nextDue(state, .alerts))")
        #expect((120...132).contains(nextDue(state, .heartbeats)), "heartbeats back off to 4× their 30 s, \(nextDue(state, .heartbeats))")
        #expect(state.update(.tick(fixedNow.addingTimeInterval(11))) == [alertPoll(state, .query("status:open"))])
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: sampleAlerts, nextOffset: nil, pagesFetched: 1))))
        #expect(nextDue(state, .heartbeats) == 11, "the API is back: heartbeats poll at once")
        #expect(state.update(.tick(fixedNow.addingTimeInterval(11))).contains(.poll(.heartbeats)))
    }

    @Test func rateLimitsSlowEveryKindAndHonourThePeriod() {
        var state = loadedState()
        let limited = OperationsError.http(status: 429, message: "slow down", requestId: nil, internalCode: nil, rateLimit: nil)
        _ = state.update(.rateLimitChanged(domain: .search, status: RateLimitStatus(state: .throttled, reason: "ACCOUNT", periodSeconds: 90, observedAt: fixedNow)))
        _ = state.update(.key(.character("r")))
        _ = state.update(.alertsLoaded(.failure(limited)))
        #expect(nextDue(state, .alerts) >= 90, "never sooner than X-RateLimit-Period-In-Sec")
        _ = state.update(.rateLimitChanged(domain: .search, status: RateLimitStatus(state: .burst, observedAt: fixedNow)))
        #expect(state.feedStatus[.heartbeats]?.inFlight == true, "the refresh polls heartbeats too")
        _ = state.update(.heartbeatsLoaded(.success(sampleHeartbeats)))
        #expect((60...66).contains(nextDue(state, .heartbeats)), "BURST: twice the interval, \(nextDue(state, .heartbeats))")
    }

    @Test func jitterIsUnderATenthAndDiffersBetweenScreens() {
        var delays: Set<TimeInterval> = []
        for seed in UInt64(1)...20 {
            var settings = DashboardSettings(host: "h")
            settings.jitterSeed = seed
            let state = DashboardState(settings: settings, now: fixedNow, width: 120, height: 40)
            let delay = state.feeds.polls.pollDelay(.alerts, failures: 0, throttled: false)
            #expect(delay >= 10 && delay < 11)
            delays.insert(delay)
        }
        #expect(delays.count > 10, "screens started together spread out")
    }

    @Test func aConfirmedActionRefreshesAlertsWithoutStallingOtherFeeds() {
        var state = loadedState()
        _ = state.update(.key(.character("a")))
        _ = state.update(.tick(fixedNow.addingTimeInterval(31)))   // heartbeats due
        _ = state.update(.heartbeatsLoaded(.success(sampleHeartbeats)))
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: sampleAlerts, nextOffset: nil, pagesFetched: 1))))
        let after = state.update(.actionFinished(actionId: 1, .success(RequestStatus(action: nil, processedAt: nil, isSuccess: true, status: nil, alertId: "id-2", alias: nil))))
        #expect(after.contains(alertPoll(state, .query("status:open"))))
        #expect(state.feedStatus[.heartbeats]?.inFlight == false)
        _ = state.update(.onCallLoaded(.success(sampleOnCall)))
        let later = state.update(.tick(fixedNow.addingTimeInterval(200)))
        #expect(later.contains { if case .poll(.heartbeats) = $0 { true } else { false } }, "heartbeats keep polling")
    }

    @Test func aNoteIsNotResentAfterAnAmbiguousFailure() {
        var state = loadedState()
        _ = state.update(.key(.character("n")))
        _ = state.update(.key(.character("x")))
        _ = state.update(.key(.enter))
        _ = state.update(.actionFinished(actionId: 1, .failure(.transport("connection reset"))))
        guard case .failed(let reason) = state.actionLog.records.first?.phase else { Issue.record("note should fail visibly"); return }
        #expect(reason.contains("may have been posted"))
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: sampleAlerts, nextOffset: nil, pagesFetched: 1))))
        #expect(!state.update(.tick(fixedNow.addingTimeInterval(1))).contains { if case .perform = $0 { true } else { false } })
        // but a note refused with 429 was certainly not posted, so it is queued and resent
        _ = state.update(.key(.character("n")))
        _ = state.update(.key(.character("y")))
        _ = state.update(.key(.enter))
        _ = state.update(.actionFinished(actionId: 2, .failure(.http(status: 429, message: "slow", requestId: nil, internalCode: nil, rateLimit: nil))))
        #expect(state.actionLog.records.last?.phase == .queued(reason: "rate limit"))
    }

    @Test func quitAsksWhileActionsArePendingAndSaysWhetherTheyAreJournaled() {
        for journaling in [true, false] {
            var state = loadedState(journaling: journaling)
            _ = state.update(.key(.character("a")))
            #expect(state.update(.key(.character("q"))).isEmpty)
            #expect(state.prompt.overlay == .confirmQuit)
            let screen = state.render().text
            #expect(screen.contains("1 action not confirmed yet"))
            #expect(screen.contains(journaling ? "resume at the next start" : "quitting drops them"))
            _ = state.update(.key(.character("n")))
            #expect(!state.quitting && state.prompt.overlay == nil)
            _ = state.update(.key(.character("q")))
            #expect(state.update(.key(.character("y"))) == [.quit])
            #expect(state.quitting)
        }
    }

    @Test func anAnswerForAFilterChangedInFlightIsDiscardedAndTheNewFilterPolled() {
        var state = loadedState()
        _ = state.update(.tick(fixedNow.addingTimeInterval(11)))  // an alerts poll for status:open is in flight
        #expect(state.feedStatus[.alerts]?.inFlight == true)
        _ = state.update(.key(.character("/")))
        for _ in state.alertPane.filters.current.queryText ?? "" { _ = state.update(.key(.backspace)) }
        for c in "priority:P1" { _ = state.update(.key(.character(c))) }
        #expect(state.update(.key(.enter)).isEmpty, "never two alert polls in flight")
        let stale = AlertPage(alerts: sampleAlerts, nextOffset: nil, pagesFetched: 1)
        let next = state.update(.alertsLoaded(.success(stale), filter: .query("status:open")))
        #expect(next == [alertPoll(state, .query("priority:P1"))])
        #expect(state.feedStatus[.alerts]?.lastError == nil)
    }
}

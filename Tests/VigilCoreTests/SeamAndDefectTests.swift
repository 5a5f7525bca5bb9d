import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("update: quick filters, pickers and key overrides")
struct QuickFilterAndPickerTests {
    @Test func configFiltersSurviveTheAccountsSavedSearches() {
        var state = loadedState { $0.quickFilters = [QuickFilter(name: "db", filter: .query("tag:db AND status:open"))] }
        #expect(state.quickFilters.map(\.name) == ["open", "unacked", "mine", "all", "db"])
        _ = state.update(.savedSearchesLoaded(.success([SavedSearchMeta(id: "s1", name: "payments"), SavedSearchMeta(id: "s2", name: "edge")])))
        #expect(state.quickFilters.map(\.name) == ["open", "unacked", "mine", "all", "db", "payments"])
        #expect(state.update(.key(.character("5"))) == [alertPoll(state, .query("tag:db AND status:open"))])
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: sampleAlerts, nextOffset: nil, pagesFetched: 1)), filter: .query("tag:db AND status:open")))
        #expect(state.update(.key(.character("6"))) == [alertPoll(state, .savedSearch(id: "s1", name: "payments"))])
        #expect(state.render().text.contains("saved: payments"))
    }

    @Test func savedSearchesThatFailToLoadKeepTheFiltersThereAre() {
        var state = loadedState { $0.quickFilters = [QuickFilter(name: "db", filter: .query("tag:db"))] }
        _ = state.update(.savedSearchesLoaded(.failure(.http(status: 403, message: "no", requestId: nil, internalCode: 40301, rateLimit: nil))))
        #expect(state.quickFilters.map(\.name) == ["open", "unacked", "mine", "all", "db"])
    }

    @Test func aPickerWhoseDataFailedToLoadSaysSoAndLoadsAgainOnTheNextOpen() {
        var state = loadedState()
        #expect(state.update(.key(.character("o"))) == [.loadUsers])
        #expect(state.render().text.contains("loading…"))
        _ = state.update(.usersLoaded(.failure(.transport("connection refused by 127.0.0.1:9"))))
        let screen = state.render().text
        #expect(screen.contains("could not load users"))
        #expect(!screen.contains("loading…"))
        _ = state.update(.key(.escape))
        #expect(state.update(.key(.character("o"))) == [.loadUsers], "opening it again retries")
        _ = state.update(.usersLoaded(.success([User(id: "u1", username: "alice@example.com", fullName: "Alice")])))
        #expect(state.render().text.contains("Alice <alice@example.com>"))
        _ = state.update(.key(.escape))
        #expect(state.update(.key(.character("o"))).isEmpty, "loaded once: not loaded again")
    }

    @Test func escalationsThatFailToLoadSaySoInThePicker() {
        var state = loadedState()
        #expect(state.update(.key(.character("e"))) == [.loadEscalations])
        _ = state.update(.escalationsLoaded(.failure(.http(status: 403, message: "forbidden", requestId: nil, internalCode: 40301, rateLimit: nil))))
        #expect(state.render().text.contains("could not load escalations"))
        #expect(state.update(.key(.enter)).isEmpty)
        #expect(state.messages.last?.text.contains("could not load escalations") == true)
    }

    @Test func rebindingACommandKeepsItsOtherKeys() {
        var keymap = Keymap.standard
        keymap.rebind(.moveDown, to: .character("J"))
        #expect(keymap.keys(for: .moveDown) == [.character("J"), .down])
        #expect(keymap.binding(for: .character("j")) == nil, "the old letter is free")
        keymap.rebind(.acknowledge, to: .character("x"))
        #expect(keymap.binding(for: .character("x"))?.command == .acknowledge)
        #expect(keymap.binding(for: .character("a")) == nil)
    }

    @Test func rebindingToAKeyInUseTakesItFromTheOtherCommand() {
        var keymap = Keymap.standard
        keymap.rebind(.refresh, to: .character("g"))
        #expect(keymap.binding(for: .character("g"))?.command == .refresh)
        #expect(keymap.keys(for: .top).isEmpty)
        var state = loadedState { $0.keymap = keymap }
        _ = state.update(.key(.down))
        #expect(state.selectedAlert?.tinyId == "4", "↓ still moves down")
        _ = state.update(.key(.character("g")))
        #expect(state.selectedAlert?.tinyId == "4", "g refreshes now; it no longer jumps to the top")
    }

    @Test func commandsReadAndWriteTheirConfigNames() {
        for command in Command.allCases { #expect(Command(rawValue: command.rawValue) == command) }
        #expect(Command(rawValue: "quick-filter-3") == .quickFilter(3))
        #expect(Command(rawValue: "quick-filter-7") == nil)
        #expect(Command.allCases.count == 33)
        #expect(Keymap.standard.binding(for: .control("l"))?.command == .redraw)
        #expect(Command(rawValue: "resolve") == .resolve)
    }
}

@Suite("update: effects the terminal and journal carry out")
struct TerminalAndJournalEffectTests {
    @Test func startAppliesTheInitialThemeAndNextThemeAsksForTheNext() {
        var state = DashboardState(settings: {
            var s = DashboardSettings(host: "h", themeNames: ["default", "light", "monochrome"])
            s.initialTheme = "light"
            return s
        }(), now: fixedNow, width: 120, height: 40)
        let started = state.update(.started)
        #expect(started.first == .applyTheme("light"))
        #expect(started.contains(.loadSavedSearches))
        #expect(state.update(.key(.character("t"))) == [.applyTheme("monochrome")])
    }

    @Test func openActionsArePersistedWhenTheyChangeAndOnlyWhenJournaling() {
        var journaled = loadedState(journaling: true)
        let pressed = journaled.update(.key(.character("a")))
        guard case .persistActions(let open) = pressed.last else { Issue.record("no persist effect: \(pressed)"); return }
        #expect(open.map(\.alertId) == ["id-2"])
        #expect(!journaled.update(.tick(fixedNow.addingTimeInterval(1))).contains { if case .persistActions = $0 { true } else { false } },
                "nothing changed: nothing written")
        let accepted = journaled.update(.actionAccepted(actionId: 1, receipt: ActionReceipt(requestId: "r1")))
        #expect(accepted.contains(.persistActions([journaled.actions[0]])))
        let done = journaled.update(.actionFinished(actionId: 1, .success(RequestStatus(action: nil, processedAt: nil, isSuccess: true,
                                                                                          status: nil, alertId: "id-2", alias: nil))))
        #expect(done.contains(.persistActions([])))
        var plain = loadedState(journaling: false)
        #expect(!plain.update(.key(.character("a"))).contains { if case .persistActions = $0 { true } else { false } })
    }

    @Test func quitIsAnEffect() {
        var state = loadedState()
        #expect(state.update(.key(.control("c"))) == [.quit])
        #expect(state.quitting)
    }
}

@Suite("update: snooze presets in the configured time zone")
struct SnoozePresetTests {
    @Test func nextMorningIsNineInTheInjectedTimeZone() throws {
        // fixedNow is 2026-11-18 22:13:20 UTC
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        let inTokyo = try #require(SnoozePreset.nextMorning.end(from: fixedNow, timeZone: tokyo))
        let inNewYork = try #require(SnoozePreset.nextMorning.end(from: fixedNow, timeZone: newYork))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = tokyo
        #expect(calendar.component(.hour, from: inTokyo) == 9)
        #expect(inTokyo > fixedNow && inTokyo.timeIntervalSince(fixedNow) <= 86400)
        #expect(inNewYork > fixedNow && inNewYork.timeIntervalSince(fixedNow) <= 86400)
        #expect(inTokyo != inNewYork)
    }

    @Test func thePickerUsesTheDashboardsTimeZone() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Tokyo"))
        var state = loadedState { $0.timeZone = zone }
        _ = state.update(.key(.character("s")))
        for _ in 0..<3 { _ = state.update(.key(.down)) }
        let effects = state.update(.key(.enter))
        let expected = try #require(SnoozePreset.nextMorning.end(from: fixedNow, timeZone: zone))
        #expect(effects == [.perform(actionId: 1, action: .snooze(until: expected), alertId: "id-2")])
    }
}

@Suite("PollScheduler")
struct PollSchedulerTests {
    let intervals: [DataKind: TimeInterval] = [.alerts: 10, .heartbeats: 30, .onCall: 60]

    @Test func startsEachKindOnceAndSaysWhenTheNextIsDue() {
        var scheduler = PollScheduler(intervals: intervals, jitterSeed: 7)
        #expect(scheduler.startDue(at: fixedNow) == [.alerts, .heartbeats, .onCall])
        #expect(scheduler.startDue(at: fixedNow).isEmpty)
        #expect(scheduler.nextDue == nil, "everything is in flight")
        scheduler.finish(.alerts, error: nil, at: fixedNow, rateLimit: nil)
        let due = scheduler.nextDue?.timeIntervalSince(fixedNow) ?? -1
        #expect(due >= 1 && due <= 11, "on this screen's beat: a tenth of a beat on at least, an interval and a tenth at most: \(due)")
        #expect(scheduler.startDue(at: fixedNow.addingTimeInterval(0.9)).isEmpty)
        #expect(scheduler.startDue(at: fixedNow.addingTimeInterval(11)) == [.alerts])
    }

    @Test func healthyKindsPollTogetherOnTheirScreensBeat() {
        var phases: Set<TimeInterval> = []
        for seed in UInt64(1)...20 {
            var scheduler = PollScheduler(intervals: [.alerts: 10, .heartbeats: 30, .onCall: 60, .incidents: 30], jitterSeed: seed)
            var now = fixedNow.addingTimeInterval(0.37)  // launched between beats
            var starts: [DataKind: [TimeInterval]] = [:]
            // Five simulated minutes, every answer 80 ms after its start.
            while now < fixedNow.addingTimeInterval(300) {
                let started = scheduler.startDue(at: now)
                for kind in started { starts[kind, default: []].append(now.timeIntervalSince1970) }
                for kind in started { scheduler.finish(kind, error: nil, at: now.addingTimeInterval(0.08), rateLimit: nil) }
                guard let next = scheduler.nextDue else { break }
                now = next
            }
            let alerts = Set(starts[.alerts]!.dropFirst(2))
            for kind in [DataKind.heartbeats, .incidents, .onCall] {
                let later = starts[kind]!.dropFirst()
                #expect(later.allSatisfy(alerts.contains), "seed \(seed): \(kind) polls with the alerts")
                let gaps = zip(later.dropFirst(), later).map { $0 - $1 }
                #expect(gaps.allSatisfy { abs($0 - scheduler.interval(kind)) < 1e-6 }, "seed \(seed): \(kind) every interval: \(gaps)")
            }
            let alertGaps = zip(starts[.alerts]!.dropFirst(), starts[.alerts]!).map { $0 - $1 }
            #expect(alertGaps.allSatisfy { $0 <= 11 + 1e-6 && $0 >= 1 }, "seed \(seed): \(alertGaps)")
            #expect(alertGaps.dropFirst().allSatisfy { abs($0 - 10) < 1e-6 }, "seed \(seed): on the beat, alerts every 10 s: \(alertGaps)")
            #expect(starts[.alerts]!.count >= 29)
            phases.insert(starts[.alerts]!.last!.truncatingRemainder(dividingBy: 10).rounded(.down))
        }
        #expect(phases.count >= 5, "screens started together poll at different moments: \(phases)")
    }

    @Test func aRequestDuringAPollRepollsAsSoonAsItAnswers() {
        var scheduler = PollScheduler(intervals: intervals, jitterSeed: 7)
        _ = scheduler.startDue(at: fixedNow)
        scheduler.requestNow(.alerts)
        #expect(scheduler.startDue(at: fixedNow).isEmpty)
        scheduler.finish(.alerts, error: nil, at: fixedNow.addingTimeInterval(1), rateLimit: nil)
        #expect(scheduler.startDue(at: fixedNow.addingTimeInterval(1)) == [.alerts])
    }

    @Test func staleAfterAFailureOrThreeIntervals() {
        var scheduler = PollScheduler(intervals: intervals, jitterSeed: 7)
        _ = scheduler.startDue(at: fixedNow)
        scheduler.finish(.alerts, error: nil, at: fixedNow, rateLimit: nil)
        #expect(!scheduler.isStale(.alerts, at: fixedNow.addingTimeInterval(30)))
        #expect(scheduler.isStale(.alerts, at: fixedNow.addingTimeInterval(31)))
        _ = scheduler.startDue(at: fixedNow.addingTimeInterval(11))
        scheduler.finish(.alerts, error: .transport("down"), at: fixedNow.addingTimeInterval(12), rateLimit: nil)
        #expect(scheduler.isStale(.alerts, at: fixedNow.addingTimeInterval(12)))
    }
}

@Suite("update: custom actions")
struct CustomActionTests {
    @Test func xPicksAnActionOfTheSelectedAlertAndAsksFirst() {
        var state = loadedState()
        #expect(state.update(.key(.character("x"))) == [.loadDetail(alertId: "id-2")])
        #expect(state.render().text.contains("loading…"))
        var full = sampleAlerts[1]
        full.actions = ["Restart service", "Fail over"]
        _ = state.update(.detailLoaded(alertId: "id-2", .success(AlertDetail(alert: full, notes: [], logs: [], error: nil, loadedAt: fixedNow))))
        #expect(state.render().text.contains("Fail over"))
        _ = state.update(.key(.down))
        #expect(state.update(.key(.enter)).isEmpty, "asks first")
        #expect(state.render().text.contains("Run 'Fail over' on #2"))
        #expect(state.update(.key(.character("y"))) == [.perform(actionId: 1, action: .customAction("Fail over"), alertId: "id-2")])
    }

    @Test func anAlertWithoutActionsSaysSoAndReadOnlyRefuses() {
        var state = loadedState()
        _ = state.update(.detailLoaded(alertId: "id-2", .success(AlertDetail(alert: sampleAlerts[1], notes: [], logs: [], error: nil, loadedAt: fixedNow))))
        #expect(state.update(.key(.character("x"))).isEmpty)
        #expect(state.render().text.contains("this alert has no custom actions"))
        var readOnly = loadedState(readOnly: true)
        #expect(readOnly.update(.key(.character("x"))).isEmpty)
        #expect(readOnly.messages.last?.text == "custom action: read-only mode")
    }

    @Test func aCustomActionIsNeverResentAfterAnAmbiguousFailure() {
        #expect(!AlertAction.customAction("Restart service").isRepeatSafe)
    }
}

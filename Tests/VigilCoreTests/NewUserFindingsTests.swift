import Foundation
import OperationsModel
import Testing
@testable import VigilCore

/// What a first run as a new user found, each kept fixed by a test.
@Suite("Found by trying it as a new user")
struct NewUserFindingsTests {
    @Test func theIncidentsKeysInItsDetailActOnTheIncidentNotAnAlert() {
        var state = loadedState()
        _ = state.update(.key(.tab))   // the incidents pane
        _ = state.update(.key(.enter)) // its detail
        #expect(state.focus == .detail && state.detailSubject == .incident)
        let alert = state.selectedAlertId
        _ = state.update(.key(.character("n")))
        #expect(state.overlay == .input(.incidentNote(incidentId: "incident-2"), text: ""), "n notes the incident shown")
        _ = state.update(.key(.escape))
        _ = state.update(.key(.character("c")))
        guard case .confirmIncident(_, .close, "incident-2") = state.overlay else {
            Issue.record("c must ask to close the incident shown, not an alert: \(String(describing: state.overlay))"); return
        }
        _ = state.update(.key(.escape))
        _ = state.update(.key(.character("j")))
        #expect(state.selectedAlertId == alert, "j in the incident's detail does not move the hidden alert selection")
        #expect(state.update(.key(.character("a"))).isEmpty)
        #expect(state.actions.isEmpty)
    }

    @Test func dataThatNeverCameIsNeverShownAsZeroOrAsLastGoodData() {
        var settings = DashboardSettings(host: "h")
        settings.wall = true
        var state = DashboardState(settings: settings, now: fixedNow, width: 120, height: 40)
        _ = state.update(.tick(fixedNow))
        _ = state.update(.alertsLoaded(.failure(.transport("connection refused by 127.0.0.1:9"))))
        let wall = state.render().text
        #expect(!wall.contains("none open"))
        #expect(wall.contains("no alerts loaded: "))
        #expect(wall.contains("■ STALE ■ no data yet"))
        _ = state.update(.key(.character("W")))
        let status = state.render().line(0)
        #expect(status.contains("no data yet") && !status.contains("last good data"), "\(status)")
        let dashboard = state.render().text
        #expect(dashboard.contains("┌─ Alerts … status:open"), "no count in the title until one came")
        #expect(!dashboard.contains("Alerts 0") && !dashboard.contains("P1:0"), "nor in the incidents' title")
        #expect(dashboard.contains("could not load alerts: "))
        _ = state.update(.heartbeatsLoaded(.failure(.transport("connection refused by 127.0.0.1:9"))))
        _ = state.update(.onCallLoaded(.failure(.transport("connection refused by 127.0.0.1:9"))))
        let panes = state.render().text
        #expect(panes.contains("could not load on-call:") && panes.contains("could not load heartbeats:"), "not loading… for ever")
        #expect(!panes.contains("loading…"))
    }

    @Test func atEightyColumnsTheStaleLineSaysWhatAndWhyBeforeTheIncident() {
        var state = loadedState(width: 80, height: 24)
        _ = state.update(.tick(fixedNow.addingTimeInterval(45)))
        _ = state.update(.alertsLoaded(.failure(.transport("connection refused"))))
        _ = state.update(.key(.character("a")))
        let line = state.render().line(0)
        #expect(line.contains("■ STALE ■ alerts 45s network"), "\(line)")
        #expect(line.contains("pending 1"), "queued and pending actions stay counted while stale: \(line)")
        #expect(line.contains("▲ P2 INCIDENT"))
    }

    @Test func aFailingSourceKeepsTheIncidentBannerAndTheWallNamesTheSource() {
        var state = twoSourceState(jsmFailing: true)
        _ = state.update(.incidentsLoaded(.success(IncidentPage(incidents: sampleIncidents))))
        let line = state.render().line(0)
        #expect(line.contains("jsm: stale") && line.contains("▲ P2 INCIDENT #2"), "\(line)")
        _ = state.update(.key(.character("W")))
        let wall = state.render().text
        #expect(wall.contains("■ STALE ■ jsm: stale"), "the wall names the failing source first")
    }

    @Test func helpOnTheWallIsDrawnAndAnyKeyClosesIt() {
        var state = loadedState { $0.wall = true }
        _ = state.update(.key(.character("?")))
        #expect(state.render().text.contains("Help — keys"))
        _ = state.update(.key(.character("x")))
        #expect(state.overlay == nil && state.wall)
        _ = state.update(.key(.character("W")))
        #expect(!state.wall, "the next W leaves the wall")
    }

    @Test func theQuitQuestionGoesOnceNothingIsPending() {
        var state = loadedState()
        _ = state.update(.key(.character("a")))
        _ = state.update(.key(.character("q")))
        #expect(state.overlay == .confirmQuit)
        let id = state.actions.last!.id
        _ = state.update(.actionAccepted(actionId: id, receipt: ActionReceipt(requestId: "r")))
        _ = state.update(.actionFinished(actionId: id, .success(RequestStatus(action: "Acknowledge", processedAt: fixedNow, isSuccess: true,
                                                                             status: "ok", alertId: nil, alias: nil))))
        #expect(state.overlay == .confirmQuitSettled, "the question stays, so the answer typed for it is not taken as a command")
        #expect(state.messages.last?.text == "every action confirmed")
        #expect(state.render().text.contains("Every action is confirmed now."))
        #expect(state.update(.key(.character("n"))).isEmpty)
        #expect(state.overlay == nil, "n answered the question: no note was started")
        #expect(state.update(.key(.character("q"))) == [.quit], "nothing pending: q quits at once")
    }

    @Test func ctrlUClearsAFieldAndCtrlWItsLastWord() {
        var state = loadedState()
        _ = state.update(.key(.character("/")))
        #expect(state.overlay == .input(.filter, text: TextField("status:open", selected: true)))
        _ = state.update(.key(.control("w")))
        #expect(state.overlay == .input(.filter, text: ""))
        for c in "tag:kafka env:prod" { _ = state.update(.key(.character(c))) }
        _ = state.update(.key(.control("w")))
        #expect(state.overlay == .input(.filter, text: "tag:kafka "))
        _ = state.update(.key(.control("u")))
        #expect(state.overlay == .input(.filter, text: ""))
    }

    @Test func theWallsDigitsAndMarksHaveAnASCIIForm() {
        var state = loadedState { $0.wall = true; $0.asciiOnly = true }
        _ = state.update(.tick(fixedNow))
        let text = state.render().text
        #expect(text.contains("##"), "block digits become #")
        #expect(!text.contains("?"), "no cell falls back to ?: \(text)")
    }
}

@Suite("Help at 80×24")
struct SmallHelpTests {
    @Test func everyKeyIsOnTheHelpEvenAt80x24() {
        var state = loadedState(width: 80, height: 24)
        _ = state.update(.key(.character("?")))
        let text = state.render().text
        for needle in ["acknowledge", "wall view (across the room)", "quit", "Quick filters: 1 open", "any key closes"] {
            #expect(text.contains(needle), "\(needle) is on the help at 80×24")
        }
    }
}

@Suite("Narrow terminals: one slot for the secondary panes")
struct NarrowPaneTests {
    @Test func tabGivesEveryPaneItsTurnAndTheAlertsGetTheirDetailBack() {
        var state = loadedState(width: 80, height: 24)
        var seen: [Pane] = []
        for _ in 0..<5 {
            _ = state.update(.key(.tab))
            seen.append(state.focus)
            if state.focus != .alerts { #expect(state.secondaryPane == state.focus, "the slot shows the focused pane") }
        }
        #expect(seen == [.detail, .incidents, .onCall, .heartbeats, .alerts], "one Tab per pane")
        #expect(state.secondaryPane == .detail && state.detailSubject == .alert)
    }

    @Test func theDetailScrollsSoNothingIsCutOffSilently() {
        var state = loadedState(width: 80, height: 24)
        let notes = (1...12).map { AlertNote(note: "note number \($0)", owner: "alice", createdAt: fixedNow.addingTimeInterval(Double(-$0 * 60))) }
        _ = state.update(.detailLoaded(alertId: "id-2", .success(AlertDetail(alert: nil, notes: notes, logs: [], error: nil, loadedAt: fixedNow))))
        _ = state.update(.key(.tab))
        #expect(state.focus == .detail)
        let first = state.render().text
        #expect(first.contains("j/k scroll"), "the border says there is more and how to see it")
        #expect(!first.contains("note number 5"))
        for _ in 0..<4 { _ = state.update(.key(.character("j"))) }
        let scrolled = state.render().text
        #expect(scrolled.contains("note number 5") && !scrolled.contains("#2 P1 [svc-2]"), "j scrolls the detail, not the alerts")
        #expect(state.selectedAlertId == "id-2")
        _ = state.update(.key(.character("G")))
        #expect(state.render().text.contains("note number 5"), "G reaches the end")
        _ = state.update(.key(.character("g")))
        #expect(state.render().text.contains("#2 P1 [svc-2]"))
    }
}

@Suite("The wall says what does not fit")
struct WallOverflowTests {
    @Test func p1AndP2RowsThatDoNotFitAreCounted() {
        var state = DashboardState(settings: { var s = DashboardSettings(host: "h"); s.wall = true; return s }(), now: fixedNow, width: 80, height: 24)
        _ = state.update(.tick(fixedNow))
        let urgent = (1...10).map { alert($0, .p1, minutesAgo: Double($0)) }
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: urgent, nextOffset: nil, pagesFetched: 1))))
        let text = state.render().text
        let listed = (1...10).filter { text.contains("#\($0) ") }.count
        #expect(listed < 10, "80×24 cannot hold ten large rows")
        #expect(text.contains("… and \(10 - listed) more open P1/P2"), "the rest are counted: \(text)")
    }
}

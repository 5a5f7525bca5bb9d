import Foundation
import OperationsModel
import Testing
@testable import VigilCore

/// Issue 21: what a new user's trial found, each item kept fixed by a test named for the
/// behaviour (ITEM-TESTS.md maps item numbers to these names).
@Suite("Every key safe, every word true")
struct TrialFindingsTests {
    @Test func aTerminalTooSmallToDrawTakesNoKeyButQuitHelpAndRedraw() {
        var state = loadedState(width: 120, height: 40)
        _ = state.update(.resize(width: 70, height: 20))
        let screen = state.render().text
        #expect(screen.contains("70×20") && screen.contains("need 80×24"), "the current size and the size needed: \(screen)")
        #expect(state.update(.key(.character("a"))).isEmpty)
        _ = state.update(.key(.character("c")))
        #expect(state.overlay == nil, "no confirm box that cannot be drawn")
        #expect(state.update(.key(.character("y"))).isEmpty)
        #expect(state.actions.isEmpty, "nothing acknowledged or closed unseen")
        #expect(state.update(.key(.control("l"))) == [.redraw])
        _ = state.update(.key(.character("?")))
        #expect(state.overlay == .help)
        _ = state.update(.key(.character("x")))
        #expect(state.overlay == nil)
        #expect(state.messages.last?.text == "terminal too small (70×20, need 80×24): key ignored")
        _ = state.update(.resize(width: 80, height: 24))
        #expect(state.messages.last?.text == "terminal 80×24: keys act again")
        _ = state.update(.resize(width: 70, height: 20))
        #expect(state.update(.key(.character("q"))) == [.quit])
    }

    @Test func pickersOfferOnlyWhatTheRowsSourceAccepts() {
        var state = twoSourceState(jsmFailing: false)
        #expect(state.selectedAlertId == "og-eu:id-2")
        _ = state.update(.usersLoaded(.success([
            User(id: "og-eu:u1", username: "alice@example.com", fullName: "Alice"),
            User(id: "jsm:acc1", username: "bob@example.com", fullName: "Bob"),
            User(id: "jsm:acc2", username: "alice@example.com", fullName: "Alice"),
        ])))
        _ = state.update(.escalationsLoaded(.success([Escalation(id: "og-eu:e1", name: "og-eu: platform"),
                                                     Escalation(id: "jsm:e2", name: "jsm: esc-platform")])))
        let one = state.pickerOptions(.assign(alertIds: ["og-eu:id-2"]), filter: "")
        #expect(one.map(\.choice) == [.user(.id("og-eu:u1"))], "og-eu's people only, by og-eu's id")
        #expect(state.pickerOptions(.escalate(alertIds: ["og-eu:id-2"]), filter: "").map(\.label) == ["og-eu: platform"])
        _ = state.update(.key(.character(" ")))
        _ = state.update(.key(.character(" ")))
        #expect(state.marked == ["og-eu:id-2", "jsm:id-4"])
        let both = state.pickerOptions(.assign(alertIds: ["og-eu:id-2", "jsm:id-4"]), filter: "")
        #expect(both.map(\.choice) == [.user(.username("alice@example.com"))], "only someone both sources know, once")
        _ = state.update(.key(.character("e")))
        #expect(state.render().text.contains("Escalate 2 marked alerts (og-eu 1, jsm 1) to"))
        for c in "jsm" { _ = state.update(.key(.character(c))) }
        _ = state.update(.key(.enter))
        guard case .confirm(let prompt, .escalate(.id("jsm:e2")), let ids) = state.overlay else {
            Issue.record("escalating asks first: \(String(describing: state.overlay))"); return
        }
        #expect(ids == ["jsm:id-4"], "an escalation goes to its own source's alerts only")
        #expect(prompt == "Escalate jsm #4 to jsm: esc-platform; not og-eu 1 (another source's escalation)? y/N")
        _ = state.update(.key(.character("y")))
        #expect(state.actions.map(\.targetId) == ["jsm:id-4"])
        #expect(state.marked == ["og-eu:id-2"], "the mark the escalation left out stays, for og-eu's own escalation next")
    }

    @Test func everyActionOverMarksAsksFirstCountingPerSourceAndTheResultCountsThem() {
        var state = twoSourceState(jsmFailing: false)
        for _ in 0..<3 { _ = state.update(.key(.character(" "))) }
        _ = state.update(.key(.character("x")))
        #expect(state.overlay == nil, "a custom action is one alert's: not run on the selected row while others are marked")
        #expect(state.messages.last?.text.contains("one alert at a time") == true)
        let effects = state.update(.key(.character("a")))
        #expect(effects.isEmpty && state.actions.isEmpty, "marks ask first")
        guard case .confirm(let prompt, .acknowledge, let ids) = state.overlay else {
            Issue.record("a over marks asks: \(String(describing: state.overlay))"); return
        }
        #expect(prompt == "Acknowledge 3 marked alerts (og-eu 2, jsm 1)? y/N")
        #expect(Set(ids) == ["og-eu:id-2", "jsm:id-4", "og-eu:id-3"])
        _ = state.update(.key(.character("y")))
        #expect(state.actions.count == 3 && state.marked.isEmpty)
        for record in state.actions {
            _ = state.update(.actionAccepted(actionId: record.id, receipt: ActionReceipt(requestId: "r\(record.id)")))
        }
        for (i, record) in state.actions.enumerated() {
            let result: Result<RequestStatus, OperationsError> = i == 1
                ? .failure(.requestFailed(reason: "no such alert", requestId: "r"))
                : .success(RequestStatus(action: "Acknowledge", processedAt: fixedNow, isSuccess: true, status: "ok", alertId: nil, alias: nil))
            _ = state.update(.actionFinished(actionId: record.id, result))
        }
        #expect(state.messages.last?.text == "ack 3 marked alerts (og-eu 2, jsm 1): 2 confirmed, 1 failed (ack jsm #4)")
        // A note over marks asks too, naming them.
        _ = state.update(.key(.character(" ")))
        _ = state.update(.key(.character(" ")))
        _ = state.update(.key(.character("n")))
        for c in "on it" { _ = state.update(.key(.character(c))) }
        _ = state.update(.key(.enter))
        guard case .confirm(let notePrompt, .addNote("on it"), _) = state.overlay else {
            Issue.record("a note over marks asks: \(String(describing: state.overlay))"); return
        }
        #expect(notePrompt.hasPrefix("Add the note to 2 marked alerts ("))
    }

    @Test func actionResultsNameTheSourceWhenSeveralShareTheScreen() {
        var state = twoSourceState(jsmFailing: false)
        _ = state.update(.key(.character("a")))
        #expect(state.messages.last?.text == "ack → og-eu #2: sending")
        let id = state.actions.last!.id
        _ = state.update(.actionAccepted(actionId: id, receipt: ActionReceipt(requestId: "r")))
        _ = state.update(.actionFinished(actionId: id, .success(RequestStatus(action: "Acknowledge", processedAt: fixedNow, isSuccess: true,
                                                                             status: "ok", alertId: nil, alias: nil))))
        #expect(state.messages.last?.text == "ack og-eu #2: confirmed")
    }

    @Test func theWallShowsSnoozedAlertsAsSnoozedAndDoesNotCountThemUnacknowledged() {
        var state = DashboardState(settings: { var s = DashboardSettings(host: "h"); s.wall = true; return s }(), now: fixedNow, width: 120, height: 40)
        _ = state.update(.tick(fixedNow))
        var snoozed = alert(2, .p1, minutesAgo: 3, message: "disk filling, snoozed")
        snoozed.snoozed = true
        snoozed.snoozedUntil = fixedNow.addingTimeInterval(3600)
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: [alert(1, .p1, minutesAgo: 1), snoozed], nextOffset: nil, pagesFetched: 1))))
        let wall = state.render().text
        let row = wall.split(separator: "\n").first { $0.contains("disk filling, snoozed") }.map(String.init) ?? ""
        #expect(row.contains("snoozed") && !row.contains("OPEN"), "\(row)")
        #expect(wall.contains("1 unacked") && !wall.contains("2 unacked"), "a snoozed alert is not waiting for someone")
    }

    @Test func afterUnacknowledgeTheDetailNoLongerSaysAcked() {
        var state = loadedState()
        _ = state.update(.key(.character("j")))
        _ = state.update(.key(.character("j")))
        #expect(state.selectedAlertId == "id-3")
        var full = state.selectedAlert!
        full.report = AlertReport(ackTime: 28 * 60_000, acknowledgedBy: "vigil")
        _ = state.update(.detailLoaded(alertId: "id-3", .success(AlertDetail(alert: full, notes: [], logs: [], error: nil, loadedAt: fixedNow))))
        #expect(state.render().text.contains("acked after 28m by vigil"))
        _ = state.update(.key(.character("u")))
        let id = state.actions.last!.id
        _ = state.update(.actionAccepted(actionId: id, receipt: ActionReceipt(requestId: "r")))
        _ = state.update(.actionFinished(actionId: id, .success(RequestStatus(action: "Unacknowledge", processedAt: fixedNow, isSuccess: true,
                                                                             status: "ok", alertId: nil, alias: nil))))
        // Opsgenie answers the reload with acknowledged false, and the report still holds the old ack time.
        full.acknowledged = false
        _ = state.update(.detailLoaded(alertId: "id-3", .success(AlertDetail(alert: full, notes: [], logs: [], error: nil, loadedAt: fixedNow))))
        let text = state.render().text
        #expect(!text.contains("acked after"), "the detail no longer says it is acknowledged")
        #expect(text.contains("state open"))
    }

    @Test func newMarkersSurviveTheWallAndTheKeyThatStopsItsFlash() {
        var state = loadedState()
        _ = state.update(.tick(fixedNow.addingTimeInterval(60)))
        let arrived = sampleAlerts + [alert(7, .p1, minutesAgo: -0.5, message: "fresh P1"), alert(8, .p3, minutesAgo: -0.5, message: "fresh P3")]
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: arrived, nextOffset: nil, pagesFetched: 1))))
        func newRows() -> [String] { state.render().text.split(separator: "\n").map(String.init).filter { $0.contains("●") } }
        #expect(newRows().count == 2)
        _ = state.update(.key(.character("W")))
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: arrived, nextOffset: nil, pagesFetched: 1))))
        #expect(state.wallAlarm == ["id-7"], "the new P1 flashes")
        _ = state.update(.key(.character("x")))
        #expect(state.wallAlarm.isEmpty, "a key stops the flash")
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: arrived, nextOffset: nil, pagesFetched: 1))))
        #expect(state.wallAlarm.isEmpty, "and it does not start again for the same alert")
        _ = state.update(.key(.character("W")))
        _ = state.update(.key(.character("W")))
        _ = state.update(.key(.character("W")))
        #expect(!state.wall)
        let rows = newRows()
        #expect(rows.count == 2 && rows.contains { $0.contains("fresh P1") } && rows.contains { $0.contains("fresh P3") },
                "both stay new until selected: \(rows)")
    }

    /// The role of the cell where `needle` starts on row `y`.
    func role(of needle: String, in canvas: Canvas, row y: Int) -> ColorRole? {
        guard let range = canvas.line(y).range(of: needle) else { return nil }
        return canvas[canvas.line(y).distance(from: canvas.line(y).startIndex, to: range.lowerBound), y].style.role
    }

    @Test func oneFailingSourceIsNamedInItsColourAndTheRestOfTheStatusLineStays() {
        var state = twoSourceState(jsmFailing: true)
        let canvas = state.render()
        let line = canvas.line(0)
        #expect(!line.contains("STALE"), "og-eu answers: no STALE banner: \(line)")
        #expect(line.contains("jsm: stale 2m, retry in 20s · live: og-eu") && line.contains("alerts ok") && line.contains("on-call ok"), "\(line)")
        #expect(line.contains("og-eu 127") || line.contains("og-eu + jsm"), "the host stays where there is room: \(line)")
        #expect(role(of: "jsm: stale", in: canvas, row: 0) == .stale, "the failing source in its own colour")
        #expect(role(of: "alerts ok", in: canvas, row: 0) == .statusLine, "the rest of the line as ever")
        var late = state
        _ = late.update(.tick(fixedNow.addingTimeInterval(400)))
        let stale = late.render().line(0)
        #expect(stale.contains("■ STALE ■ jsm: stale") && stale.contains("also stale: alerts"), "stale everywhere: the banner still names jsm: \(stale)")
        _ = state.update(.sourcesChanged(state.sources.map { var s = $0; s.lastError = .transport("down"); return s }))
        #expect(state.render().line(0).contains("■ STALE ■"), "no source answers: the whole line is the banner")
    }

    @Test func theStatusLineShortensTheHostBeforeTheIncidentAndFreshnessAndKeepsThePendingCount() {
        for width in [80, 100, 120] {
            var state = loadedState(width: width, height: width == 120 ? 40 : 24) {
                $0.host = "og-eu api.eu.opsgenie.com + jsm api.atlassian.com/jsm/ops/api/0f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b"
            }
            _ = state.update(.key(.character("a")))
            let line = state.render().line(0)
            #expect(line.contains("pending 1"), "\(width): \(line)")
            #expect(line.contains("P2 INCIDENT #2 Checkout degraded"), "\(width): the incident's title before the host: \(line)")
            #expect(line.contains("all fresh") || (line.contains("alerts ok") && line.contains("inc ok")), "\(width): freshness before the host: \(line)")
        }
    }

    @Test func newAlertsThatArriveAboveTheViewAreCountedOnTheAlertsPane() {
        var state = DashboardState(settings: DashboardSettings(host: "h"), now: fixedNow, width: 80, height: 24)
        _ = state.update(.tick(fixedNow))
        let old = (1...40).map { alert($0, .p3, minutesAgo: Double(60 + $0)) }
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: old, nextOffset: nil, pagesFetched: 1))))
        _ = state.update(.key(.character("G")))
        #expect(!state.render().text.contains("new above"))
        _ = state.update(.tick(fixedNow.addingTimeInterval(60)))
        let storm = (101...108).map { alert($0, .p1, minutesAgo: -0.5, message: "storm \($0)") }
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: old + storm, nextOffset: nil, pagesFetched: 1))))
        let text = state.render().text
        #expect(!text.contains("storm 10"), "the P1s are above the view")
        #expect(text.contains("↑ 8 new above"), "\(text)")
        _ = state.update(.key(.character("g")))
        #expect(!state.render().text.contains("new above"))
    }

    @Test func aManualEscalationsStepsCountFromWhenItWasEscalatedAndAnIdOnlyResponderIsNamed() {
        var state = loadedState()
        let escalation = platformEscalation(id: "esc-platform")
        _ = state.update(.escalationsLoaded(.success([escalation])))
        // Created two hours ago, escalated by hand five minutes ago; JSM names the responder by id only.
        var full = alert(2, .p1, minutesAgo: 120)
        full.responders = [Responder(type: .escalation, id: "esc-platform")]
        let log = AlertLog(log: "Alert escalated to platform_escalation", type: "system", owner: "bob@example.com",
                           createdAt: fixedNow.addingTimeInterval(-5 * 60))
        _ = state.update(.detailLoaded(alertId: "id-2", .success(AlertDetail(alert: full, notes: [], logs: [log], error: nil, loadedAt: fixedNow))))
        let text = state.render().text
        #expect(text.contains("next: notify platform_schedule (grace) in 10m if not acked"), "\(text)")
        #expect(text.contains("escalated 1h after the alert was created"), "the steps say where they count from")
        #expect(text.contains("escalation:platform_escalation") && !text.contains("escalation:esc-platform"), "the responder by the timeline's name")
        // With several sources an id-only responder arrives with its id as its name.
        var sources = twoSourceState(jsmFailing: false)
        _ = sources.update(.escalationsLoaded(.success([Escalation(id: "jsm:esc-platform", name: "jsm: platform_escalation")])))
        var jsmAlert = sources.selectedAlert!
        jsmAlert.responders = [Responder(type: .escalation, id: "jsm:esc-platform", name: "esc-platform")]
        _ = sources.update(.detailLoaded(alertId: jsmAlert.id, .success(AlertDetail(alert: jsmAlert, notes: [], logs: [], error: nil, loadedAt: fixedNow))))
        #expect(sources.render().text.contains("escalation:jsm: platform_escalation"))
    }

    @Test func theDetailWrapsDescriptionsNotesAndShowsALongURLWhole() {
        var state = loadedState()
        let url = "https://runbooks.example.com/platform/payments/checkout-latency-high-p99-over-two-seconds-for-ten-minutes#mitigation-steps"
        var full = state.selectedAlert!
        full.description = "Checkout latency is high. Runbook: \(url) then tell the payments channel what you did and when you did it."
        let note = AlertNote(note: "rolled back the deploy of payments-api to the previous build; watching the p99 for the next half hour before closing",
                             owner: "alice", createdAt: fixedNow)
        _ = state.update(.detailLoaded(alertId: "id-2", .success(AlertDetail(alert: full, notes: [note], logs: [], error: nil, loadedAt: fixedNow))))
        _ = state.update(.key(.enter))
        var seen = ""
        for _ in 0..<12 {
            // The detail's rows, borders off, run together: every word is there, scrolled or not.
            let canvas = state.render()
            let detail = state.layout!.detail!
            for y in (detail.y + 1)..<(detail.y + detail.height - 1) {
                seen += String(canvas.line(y).dropFirst(detail.x + 2).prefix(detail.width - 4)).trimmingCharacters(in: .whitespaces)
            }
            _ = state.update(.key(.character("j")))
        }
        let squeezed = seen.filter { $0 != " " }
        #expect(squeezed.contains(url), "the URL whole, broken only at the line's end")
        #expect(squeezed.contains("whenyoudidit."), "the description's end")
        #expect(squeezed.contains("beforeclosing"), "the note's end")
    }

    @Test func theWallSingleSpacesItsRowsScalesItsDigitsAndCountsWhatDidNotFit() {
        func wall(_ width: Int, _ height: Int) -> String {
            var state = DashboardState(settings: { var s = DashboardSettings(host: "h"); s.wall = true; return s }(), now: fixedNow, width: width, height: height)
            _ = state.update(.tick(fixedNow))
            let urgent = (1...79).map { alert($0, $0 % 3 == 0 ? .p2 : .p1, minutesAgo: Double($0)) }
            _ = state.update(.alertsLoaded(.success(AlertPage(alerts: urgent, nextOffset: nil, pagesFetched: 1))))
            return state.render().text
        }
        let text = wall(120, 40)
        let rows = text.split(separator: "\n").filter { $0.contains("something is wrong") }.count
        #expect(rows >= 12, "one alert a row, not one every other row: \(rows)")
        #expect(text.contains("… and \(79 - rows) more open P1/P2"), "\(text)")
        let big = wall(200, 60).split(separator: "\n").filter { $0.contains("█") }.count
        #expect(big >= 15, "digits grow with the screen: \(big) rows of them at 200×60")
    }

    @Test func aFailureLongerThanTheMessageLineCanBeReadWhole() {
        var state = loadedState(width: 80, height: 24)
        _ = state.update(.key(.character("a")))
        let reason = "the integration that owns this alert is disabled; ask an admin of the payments team to enable the API integration, then retry"
        _ = state.update(.actionFinished(actionId: state.actions.last!.id, .failure(.requestFailed(reason: reason, requestId: "r"))))
        let line = state.render().line(22)
        #expect(line.contains("(m: whole)"), "the line says where the rest is: \(line)")
        _ = state.update(.key(.character("m")))
        #expect(state.overlay == .messages)
        // The popup's inside (80 wide: from column 4 to 75), rows run together.
        let canvas = state.render()
        let inside = (0..<canvas.height).map { String(canvas.line($0).dropFirst(4).prefix(72)) }.joined().filter { $0 != " " }
        #expect(inside.contains(reason.filter { $0 != " " }), "the whole reason")
        _ = state.update(.key(.character("x")))
        #expect(state.overlay == nil && state.actions.count == 1)
    }

    /// The inside of the help popup at 80 columns (columns 4 to 75), rows run together without spaces.
    func helpInside(_ state: DashboardState) -> String {
        let canvas = state.render()
        return (1..<(canvas.height - 1)).map { String(canvas.line($0).dropFirst(4).prefix(72)) }.joined().filter { $0 != " " }
    }

    @Test func everyHelpEntryIsWholeAt80x24WhereverTheFocusIs() {
        var state = loadedState(width: 80, height: 24)
        for _ in 0..<3 {
            _ = state.update(.key(.character("?")))
            let text = state.render().text
            let entries = state.settings.keymap.bindings.filter { state.helpApplies($0.command) }
            #expect(!entries.isEmpty)
            for binding in entries {
                #expect(text.contains(state.helpDescription(binding)), "\(state.focus): \(state.helpDescription(binding)) whole")
            }
            _ = state.update(.key(.escape))
            _ = state.update(.key(.tab))
        }
    }

    @Test func helpsLastLineShowsAt80x24WithEveryQuickFilterKeyTaken() {
        var state = loadedState(width: 80, height: 24) {
            $0.quickFilters = [QuickFilter(name: "og-eu: open P1", filter: .query("priority:P1")),
                               QuickFilter(name: "og-eu: payments critical", filter: .query("tag:payments"))]
        }
        _ = state.update(.key(.character("?")))
        let inside = helpInside(state)
        #expect(inside.contains("6og-eu:paymentscritical") && inside.contains("Rowmarkers:"), "\(inside)")
    }

    @Test func helpShowsOnlyWhatWorksWhereTheFocusIsAndExplainsEscAndTheRowMarkers() {
        var state = loadedState(width: 80, height: 24)
        _ = state.update(.key(.character("?")))
        let list = state.render().text
        #expect(list.contains("Help — keys on the alert list"))
        #expect(!list.contains("resolve incident") && !list.contains("disabled"), "nothing that does not work here")
        for entry in ["W      wall view (across the room)", "x      custom action (asks first)", "e      escalate (asks first)"] {
            #expect(list.contains(entry), "\(entry) whole at 80×24")
        }
        let inside = helpInside(state)
        for note in ["Esc:closesapromptorpickerwithoutacting;onthelistitclearsthemarks.",
                     "…actionpending!lastactionfailed●newsinceVigilstarted(untilselected)*marked›theselectedincident"] {
            #expect(inside.contains(note), "\(note)")
        }
        _ = state.update(.key(.escape))
        _ = state.update(.key(.tab))
        _ = state.update(.key(.tab))
        #expect(state.focus == .incidents)
        _ = state.update(.key(.character("?")))
        let incidents = state.render().text
        #expect(incidents.contains("on the incidents pane") && incidents.contains("resolve incident (asks first)"), "\(incidents)")
        #expect(!incidents.contains("acknowledge") && !incidents.contains("snooze"), "alert actions do not act here")
        var readOnly = loadedState(width: 80, height: 24, readOnly: true)
        _ = readOnly.update(.key(.character("?")))
        #expect(readOnly.render().text.contains("(read-only)"))
        let ro = helpInside(readOnly)
        #expect(ro.contains("Read-only:") && ro.contains("qquit"), "\(ro)")
        #expect(!ro.contains("aacknowledge") && !ro.contains("uunacknowledge") && !ro.contains("eescalate"), "no write key: \(ro)")
        var wall = loadedState(width: 80, height: 24) { $0.wall = true }
        _ = wall.update(.key(.character("?")))
        let onWall = wall.render().text
        #expect(onWall.contains("on the wall") && onWall.contains("quit") && !onWall.contains("filter (alert query)"))
    }

    @Test func pickerFieldsEditLikeEveryFieldSnoozeSaysWhatItReadsAndTheFilterOpensSelected() {
        var state = loadedState()
        _ = state.update(.key(.character("s")))
        for c in "4 hours" { _ = state.update(.key(.character(c))) }
        _ = state.update(.key(.control("w")))
        #expect(state.overlay == .picker(.snooze(alertIds: ["id-2"]), filter: "4 ", selected: 0), "^W deletes the last word")
        _ = state.update(.key(.control("u")))
        #expect(state.overlay == .picker(.snooze(alertIds: ["id-2"]), filter: "", selected: 0), "^U clears")
        for c in "abc" { _ = state.update(.key(.character(c))) }
        #expect(state.render().text.contains("not a duration (try 45m, 2h, 09:00)"))
        _ = state.update(.key(.enter))
        #expect(state.messages.last?.text == "not a duration (try 45m, 2h, 09:00)" && state.actions.isEmpty)
        _ = state.update(.key(.character("s")))
        for c in "09:00" { _ = state.update(.key(.character(c))) }
        _ = state.update(.key(.enter))
        let nine = DurationText.nextTime("09:00", after: fixedNow, timeZone: .gmt)
        #expect(nine != nil && state.actions.last?.alertAction == .snooze(until: nine!), "09:00 snoozes until the next 09:00")
        _ = state.update(.key(.character("/")))
        #expect(state.render().text.contains("typing replaces it"))
        for c in "tag:db" { _ = state.update(.key(.character(c))) }
        #expect(state.overlay == .input(.filter, text: "tag:db"), "typing replaced the selected filter")
    }
}

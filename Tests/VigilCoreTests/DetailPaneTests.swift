import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("The detail pane")
struct DetailPaneTests {
    @Test func afterUnacknowledgeTheDetailNoLongerSaysAcked() {
        var state = loadedState()
        _ = state.update(.key(.character("j")))
        _ = state.update(.key(.character("j")))
        #expect(state.alertPane.selectedId == "id-3")
        var full = state.selectedAlert!
        full.report = AlertReport(ackTime: 28 * 60_000, acknowledgedBy: "vigil")
        _ = state.update(.detailLoaded(alertId: "id-3", .success(AlertDetail(alert: full, notes: [], logs: [], error: nil, loadedAt: fixedNow))))
        #expect(state.render().text.contains("acked after 28m by vigil"))
        _ = state.update(.key(.character("u")))
        let id = state.actionLog.records.last!.id
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

    @Test func tabGivesEveryPaneItsTurnAndTheAlertsGetTheirDetailBack() {
        var state = loadedState(width: 80, height: 24)
        var seen: [Pane] = []
        for _ in 0..<5 {
            _ = state.update(.key(.tab))
            seen.append(state.panes.focus)
            if state.panes.focus != .alerts { #expect(state.panes.secondary == state.panes.focus, "the slot shows the focused pane") }
        }
        #expect(seen == [.detail, .incidents, .onCall, .heartbeats, .alerts], "one Tab per pane")
        #expect(state.panes.secondary == .detail && state.panes.detailSubject == .alert)
    }

    @Test func theDetailScrollsSoNothingIsCutOffSilently() {
        var state = loadedState(width: 80, height: 24)
        let notes = (1...12).map { AlertNote(note: "note number \($0)", owner: "alice", createdAt: fixedNow.addingTimeInterval(Double(-$0 * 60))) }
        _ = state.update(.detailLoaded(alertId: "id-2", .success(AlertDetail(alert: nil, notes: notes, logs: [], error: nil, loadedAt: fixedNow))))
        _ = state.update(.key(.tab))
        #expect(state.panes.focus == .detail)
        let first = state.render().text
        #expect(first.contains("j/k scroll"), "the border says there is more and how to see it")
        #expect(!first.contains("note number 5"))
        for _ in 0..<4 { _ = state.update(.key(.character("j"))) }
        let scrolled = state.render().text
        #expect(scrolled.contains("note number 5") && !scrolled.contains("#2 P1 [svc-2]"), "j scrolls the detail, not the alerts")
        #expect(state.alertPane.selectedId == "id-2")
        _ = state.update(.key(.character("G")))
        #expect(state.render().text.contains("note number 5"), "G reaches the end")
        _ = state.update(.key(.character("g")))
        #expect(state.render().text.contains("#2 P1 [svc-2]"))
    }

    @Test func backOnTheAlertsTheDetailFollowsTheSelectedAlertNotTheIncident() {
        for width in [80, 120] {
            var state = loadedState(width: width, height: width == 80 ? 24 : 40)
            var guardCount = 0
            while state.panes.focus != .incidents, guardCount < 8 { _ = state.update(.key(.tab)); guardCount += 1 }
            _ = state.update(.key(.enter))
            #expect(state.panes.detailSubject == .incident)
            guardCount = 0
            while state.panes.focus != .alerts, guardCount < 8 { _ = state.update(.key(.tab)); guardCount += 1 }
            _ = state.update(.key(.character("j")))
            _ = state.update(.key(.character("j")))
            let text = state.render().text
            #expect(state.panes.detailSubject == .alert, "\(width): the detail is about the selected alert")
            #expect(!text.contains("Detail — incident"), "\(width):\n\(text)")
        }
    }
}


@Suite("Where the focus is shows on the hint line")
struct FocusHintTests {
    @Test func withTheDetailFocusedTheHintLineSaysJKScrollIt() {
        var state = loadedState()
        _ = state.update(.key(.enter))
        #expect(state.panes.focus == .detail)
        let hints = state.render().line(state.height - 1)
        #expect(hints.contains("j scroll the detail") && hints.contains("Tab next pane"), "\(hints)")
        _ = state.update(.key(.tab))
        while state.panes.focus != .alerts { _ = state.update(.key(.tab)) }
        #expect(!state.render().line(state.height - 1).contains("scroll the detail"))
    }
}

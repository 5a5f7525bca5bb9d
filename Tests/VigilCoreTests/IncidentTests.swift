import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("Incidents pane")
struct IncidentTests {
    /// The state with the incidents pane focused (Tab from the alert list).
    func focusedOnIncidents(_ configure: (inout DashboardSettings) -> Void = { _ in }) -> DashboardState {
        var state = loadedState(configure: configure)
        let effects = state.update(.key(.tab))
        #expect(state.panes.focus == .incidents)
        #expect(effects == [.loadIncidentDetail(incidentId: "incident-2")], "the detail shows the selected incident and loads it")
        return state
    }

    @Test func mostUrgentFirstAndTheSelectionFollowsItsIncident() {
        var state = loadedState()
        #expect(state.incidentPane.incidents.map(\.tinyId) == ["2", "1"])
        #expect(state.incidentPane.selectedId == "incident-2")
        _ = state.update(.tick(fixedNow.addingTimeInterval(31)))
        let newer = incident(3, .p1, minutesAgo: 1, message: "Login down")
        _ = state.update(.incidentsLoaded(.success(IncidentPage(incidents: sampleIncidents + [newer]))))
        #expect(state.incidentPane.incidents.map(\.tinyId) == ["3", "2", "1"])
        #expect(state.incidentPane.selectedId == "incident-2", "a new incident above does not move the selection")
        let text = state.render().text
        #expect(text.contains("Incidents 3 open [P1:1 P2:1]"))
        #expect(text.contains("Login down"))
    }

    @Test func resolveAsksNamingTheIncidentThenRunsTheLifecycle() {
        var state = focusedOnIncidents()
        _ = state.update(.key(.character("R")))
        guard case .confirmIncident(let prompt, .resolve, "incident-2") = state.prompt.overlay else {
            Issue.record("R did not ask first: \(String(describing: state.prompt.overlay))"); return
        }
        #expect(prompt.contains("Resolve incident #2 Checkout degraded in eu-west"))
        #expect(state.update(.key(.character("n"))).isEmpty, "anything but y cancels")
        #expect(state.prompt.overlay == nil && state.messages.last?.text == "resolve cancelled")
        _ = state.update(.key(.character("R")))
        let sent = state.update(.key(.character("y")))
        guard let record = state.actionLog.records.last else { Issue.record("no action recorded"); return }
        #expect(sent.contains(.performIncident(actionId: record.id, action: .resolve, incidentId: "incident-2")))
        #expect(state.render().text.contains("resolve…"), "the row shows the action pending at once")
        let confirming = state.update(.actionAccepted(actionId: record.id, receipt: ActionReceipt(requestId: "req-9")))
        #expect(confirming == [.confirmIncident(actionId: record.id, receipt: ActionReceipt(requestId: "req-9"))])
        let done = state.update(.actionFinished(actionId: record.id, .success(RequestStatus(action: "Resolve", processedAt: fixedNow, isSuccess: true,
                                                                                           status: "Resolved", alertId: nil, alias: nil))))
        #expect(done.contains(.poll(.incidents)), "a confirmed action polls incidents at once")
        #expect(state.messages.last?.text == "resolve incident #2: confirmed")
        #expect(state.selectedIncident?.status == "resolved")
        #expect(state.incidentBanner == nil, "a resolved P2 no longer raises the banner")
    }

    @Test func closeAndNoteActOnTheIncidentAndAlertKeysSayWhereTheyWork() {
        var state = focusedOnIncidents()
        _ = state.update(.key(.character("c")))
        guard case .confirmIncident(let prompt, .close, "incident-2") = state.prompt.overlay else {
            Issue.record("c did not ask to close the incident"); return
        }
        #expect(prompt.hasPrefix("Close incident #2"))
        _ = state.update(.key(.escape))
        #expect(state.actionLog.records.isEmpty)
        _ = state.update(.key(.character("n")))
        for c in "rolled back" { _ = state.update(.key(.character(c))) }
        let sent = state.update(.key(.enter))
        #expect(sent == [.performIncident(actionId: 1, action: .addNote("rolled back"), incidentId: "incident-2")])
        #expect(state.update(.key(.character("a"))).isEmpty)
        #expect(state.messages.last?.text == "acknowledge: acts on alerts: Tab to the alert list")
        #expect(!state.actionLog.records.contains { $0.alertId != nil }, "no alert was acknowledged from the incidents pane")
    }

    @Test func withoutServicesOrRespondersTheMessageKeepsTheirColumns() {
        var state = loadedState()
        let long = "Checkout degraded in eu-west for card payments"
        let bare = Incident(id: "incident-9", tinyId: "9", message: long, status: "open", createdAt: fixedNow, priority: .p3)
        _ = state.update(.incidentsLoaded(.success(IncidentPage(incidents: [bare]))))
        let text = state.render().text
        #expect(!text.contains("SERVICES"))
        #expect(text.contains(long), "the whole message shows when no column needs the room")
    }

    @Test func theHintLineShowsTheIncidentKeysOnAnIncident() {
        var state = focusedOnIncidents()
        let hints = state.render().text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(hints.contains("R resolve incident") && hints.contains("c close incident") && hints.contains("n note on incident"), "\(hints)")
        #expect(!hints.contains("a acknowledge"))
        _ = state.update(.key(.backTab))
        #expect(state.render().text.split(separator: "\n").last.map(String.init)?.contains("a acknowledge") == true)
    }

    @Test func jAndKMoveTheIncidentSelectionNotTheAlerts() {
        var state = focusedOnIncidents()
        let alert = state.alertPane.selectedId
        let effects = state.update(.key(.character("j")))
        #expect(state.incidentPane.selectedId == "incident-1")
        #expect(state.alertPane.selectedId == alert)
        #expect(effects == [.loadIncidentDetail(incidentId: "incident-1")])
        _ = state.update(.key(.character("k")))
        #expect(state.incidentPane.selectedId == "incident-2")
    }

    @Test func aFailedIncidentActionShowsTheServicesReason() {
        var state = focusedOnIncidents()
        _ = state.update(.incidentDetailLoaded(incidentId: "incident-2", .success(IncidentDetail(incident: sampleIncidents[1],
            notes: [AlertNote(note: "war room open", owner: "alice", createdAt: fixedNow.addingTimeInterval(-60))]))))
        _ = state.update(.key(.character("R")))
        _ = state.update(.key(.character("y")))
        let id = state.actionLog.records.last!.id
        _ = state.update(.actionAccepted(actionId: id, receipt: ActionReceipt(requestId: "r1")))
        _ = state.update(.actionFinished(actionId: id, .failure(.requestFailed(reason: "Incident is already closed", requestId: "r1"))))
        let text = state.render().text
        #expect(text.contains("resolve: FAILED — Incident is already closed"))
        #expect(text.contains("note 1m alice: war room open"))
        #expect(text.contains("impacted services: checkout, payments-api"))
    }

    @Test func anOpenP1OrP2IncidentIsOnTheStatusLineEvenWhenStale() {
        var state = loadedState()
        #expect(state.render().line(0).contains("P2 INCIDENT #2 Checkout degraded"))
        _ = state.update(.tick(fixedNow.addingTimeInterval(45)))
        _ = state.update(.alertsLoaded(.failure(.transport("connection refused"))))
        let stale = state.render().line(0)
        #expect(stale.contains("STALE") && stale.contains("P2 INCIDENT #2"))
        _ = state.update(.incidentsLoaded(.success(IncidentPage(incidents: [sampleIncidents[0]]))))
        #expect(!state.render().line(0).contains("INCIDENT"), "only P1 and P2 raise the banner")
    }

    @Test func withSeveralSourcesThoseWhoseIncidentsAreNotListedAreNamed() {
        let note = "jsm (JSM incidents are Jira work items: see https://acme.atlassian.net/jira/servicedesk)"
        var state = loadedState(width: 200, height: 60) { $0.incidentsNotListed = note }
        let screen = state.render().text
        #expect(screen.contains("not listed: jsm (JSM incidents are Jira work items"), "the pane names the source and where its incidents are")
        #expect(screen.contains("#2") && screen.contains("Checkout degraded"), "and still lists the others")
        _ = state.update(.incidentsLoaded(.success(IncidentPage(incidents: []))))
        let empty = state.render().text
        #expect(empty.contains("no open incidents") && empty.contains("not listed: jsm"), "also when none is open")
    }

    @Test func aServiceWithoutIncidentsSaysWhereTheyLiveAndDoesNotPoll() {
        let elsewhere = "JSM incidents are Jira work items: see https://acme.atlassian.net/jira/servicedesk"
        var state = DashboardState(settings: { var s = DashboardSettings(host: "jsm"); s.incidentsElsewhere = elsewhere; return s }(),
                                   now: fixedNow, width: 120, height: 40)
        let first = state.update(.tick(fixedNow))
        #expect(!first.contains(.poll(.incidents)))
        #expect(!state.isStale(.incidents))
        #expect(state.render().text.contains("JSM incidents are Jira work items"))
        _ = state.update(.key(.tab))
        #expect(state.panes.focus == .incidents)
        let hints = state.render().line(state.height - 1)
        #expect(hints.contains("next pane") && !hints.contains("acknowledge"), "only what works here is offered: \(hints)")
        var narrow = state
        _ = narrow.update(.resize(width: 80, height: 24))  // the incidents pane has the focus and the slot
        let lines = narrow.render().text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("https://acme.atlassian.net/jira/servicedesk") }, "at 80 columns the whole address is on screen, wrapped")
        _ = state.update(.key(.character("R")))
        #expect(state.prompt.overlay == nil)
        #expect(state.messages.last?.text.contains("Jira work items") == true)
    }

    @Test func incidentActionsJournalApartFromAlertActionsAndOldJournalsStillRead() throws {
        let incidentRecord = ActionRecord(id: 1, request: .incident(.close), targetId: "incident-2", tinyId: "2", createdAt: fixedNow,
                                          phase: .accepted(requestId: "r"), attempts: 1)
        let alertRecord = ActionRecord(id: 2, action: .acknowledge, alertId: "id-4", tinyId: "4", createdAt: fixedNow, phase: .sending, attempts: 1)
        let data = try JSONEncoder().encode([incidentRecord, alertRecord])
        #expect(try JSONDecoder().decode([ActionRecord].self, from: data) == [incidentRecord, alertRecord])
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"incidentId\":\"incident-2\"") && json.contains("\"alertId\":\"id-4\""))
        // A journal written before incidents existed.
        let old = #"[{"id":3,"action":{"acknowledge":{}},"alertId":"id-1","tinyId":"1","createdAt":0,"phase":{"sending":{}},"attempts":1}]"#
        let decoded = try JSONDecoder().decode([ActionRecord].self, from: Data(old.utf8))
        #expect(decoded.first?.alertAction == .acknowledge && decoded.first?.alertId == "id-1")
        // A resumed accepted incident action is confirmed through the incident request status.
        var state = loadedState(journaling: true)
        let effects = state.update(.journalRestored([incidentRecord]))
        #expect(effects.contains { if case .confirmIncident = $0 { true } else { false } })
    }
}

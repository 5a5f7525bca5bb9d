import Foundation
import OperationsModel
import SnapshotTesting
import Testing
@testable import VigilCore

/// Two sources on one screen where og-eu's #2 and jsm's #41 are one alert (one monitor sending
/// to both accounts): one row carrying both copies, as the runtime merges them.
func mergedRowState(width: Int = 80, height: Int = 24) -> DashboardState {
    var state = DashboardState(settings: DashboardSettings(host: "og-eu + jsm"), now: fixedNow, width: width, height: height)
    _ = state.update(.tick(fixedNow))
    _ = state.update(.sourcesChanged([SourceHealth(name: "og-eu", lastSuccess: fixedNow), SourceHealth(name: "jsm", lastSuccess: fixedNow)]))
    func scoped(_ alert: Alert, _ source: String) -> Alert {
        var alert = alert
        alert.id = source + ":" + alert.id
        alert.origin = source
        return alert
    }
    let og = sampleAlerts.prefix(3).map { scoped($0, "og-eu") }
    let jsm = sampleAlerts.suffix(3).map { scoped($0, "jsm") }
    // jsm's copy of og-eu's #2: its own id and tiny id, acknowledged there by bob a minute later.
    var copy = scoped(sampleAlerts[1], "jsm")
    copy.id = "jsm:id-41"
    copy.tinyId = "41"
    copy.acknowledged = true
    copy.owner = "bob@example.com"
    copy.createdAt = sampleAlerts[1].createdAt?.addingTimeInterval(60)
    var merged = og[1]
    merged.copies = [AlertCopy(og[1]), AlertCopy(copy)]
    let rows = [og[0], merged, og[2]] + jsm
    _ = state.update(.alertsLoaded(.success(AlertPage(alerts: rows, nextOffset: nil, pagesFetched: 2))))
    _ = state.update(.heartbeatsLoaded(.success(sampleHeartbeats.map { var beat = $0; beat.origin = "og-eu"; return beat })))
    _ = state.update(.onCallLoaded(.success(sampleOnCall.map { var summary = $0; summary.origin = "og-eu"; return summary })))
    return state
}

@Suite("A merged row: one alert seen by two sources")
struct MergedRowTests {
    static let done = RequestStatus(action: "Acknowledge", processedAt: fixedNow, isSuccess: true, status: "ok", alertId: nil, alias: nil)

    @Test func theRowNamesBothSourcesAndCountsOnce() {
        let state = mergedRowState(width: 120, height: 40)
        #expect(state.totalAlerts == 6, "seven copies, six alerts")
        let text = state.render().text
        #expect(text.contains("Alerts 6 [") && text.contains("· 1 in two sources"), "\(text)")
        #expect(text.contains("og-eu+jsm #2"), "the row names both sources:\n\(text)")
    }

    @Test func goldenMergedRowWithItsDetailAt80x24() {
        var state = mergedRowState()
        #expect(state.alertPane.selectedId == "og-eu:id-2", "the P1 is selected")
        _ = state.update(.key(.enter))
        let canvas = state.render()
        #expect(canvas.text.contains("og-eu #2 P1 open") && canvas.text.contains("jsm #41 P1 acked · owner bob@example.com"), "each source's state:\n\(canvas.text)")
        assertSnapshot(of: canvas.text, as: .lines, named: "merged-row-80x24")
        assertSnapshot(of: canvas.roleMap, as: .lines, named: "merged-row-roles-80x24")
    }

    @Test func goldenSourceQuestionAt80x24() {
        var state = mergedRowState()
        _ = state.update(.key(.character("a")))
        assertSnapshot(of: state.render().text, as: .lines, named: "merged-choice-80x24")
    }

    @Test func anActionAsksWhichSourceAndBothIsTheDefaultEachItsOwnAction() throws {
        var state = mergedRowState()
        #expect(state.update(.key(.character("a"))).isEmpty, "nothing is sent before the answer")
        guard case .chooseSource(let choice)? = state.prompt.overlay else { Issue.record("no source question: \(String(describing: state.prompt.overlay))"); return }
        #expect(choice.options.map(\.alertIds) == [["og-eu:id-2", "jsm:id-41"], ["og-eu:id-2"], ["jsm:id-41"]])
        let effects = state.update(.key(.enter))
        let sent = effects.compactMap { effect -> String? in if case .perform(_, .acknowledge, let id) = effect { id } else { nil } }
        #expect(sent == ["og-eu:id-2", "jsm:id-41"], "one acknowledge per copy")
        let records = state.actionLog.records.filter { sent.contains($0.alertId ?? "") }
        #expect(records.count == 2 && Set(records.map(\.id)).count == 2, "each copy its own action and lifecycle")
        #expect(state.pendingAction(on: "jsm:id-41")?.tinyId == "41", "jsm's copy is named by its own tiny id")
    }

    @Test func oneSourceOnlyActsOnThatCopy() {
        var state = mergedRowState()
        _ = state.update(.key(.character("a")))
        let effects = state.update(.key(.character("3")))
        let sent = effects.compactMap { effect -> String? in if case .perform(_, _, let id) = effect { id } else { nil } }
        #expect(sent == ["jsm:id-41"])
    }

    @Test func closingBothStillAsksFirst() {
        var state = mergedRowState()
        _ = state.update(.key(.character("c")))
        #expect(state.update(.key(.enter)).isEmpty, "close on both copies asks y/N first")
        guard case .confirm(let prompt, .close, let ids)? = state.prompt.overlay else { Issue.record("no confirm: \(String(describing: state.prompt.overlay))"); return }
        #expect(ids == ["og-eu:id-2", "jsm:id-41"] && prompt.contains("og-eu") && prompt.contains("jsm"), "\(prompt)")
        let effects = state.update(.key(.character("y")))
        #expect(effects.filter { if case .perform(_, .close, _) = $0 { true } else { false } }.count == 2)
    }

    @Test func escapeSendsNothing() {
        var state = mergedRowState()
        _ = state.update(.key(.character("a")))
        #expect(state.update(.key(.escape)).isEmpty)
        #expect(state.prompt.overlay == nil && state.actionLog.records.isEmpty)
    }

    @Test func bothIsNamedAsTwoCopiesOfOneAlertNotAsMarks() {
        var state = mergedRowState()
        _ = state.update(.key(.character("a")))
        _ = state.update(.key(.enter))
        #expect(state.messages.last?.text == "ack → og-eu #2 + jsm #41: sending", "\(state.messages.last?.text ?? "")")
    }

    @Test func actingOnMarksReachesEveryCopyOfAMarkedMergedRow() {
        var state = mergedRowState()
        _ = state.update(.key(.character(" ")))  // marks the merged P1 and moves on to jsm #4
        _ = state.update(.key(.character(" ")))
        #expect(state.update(.key(.character("a"))).isEmpty)
        guard case .confirm(let prompt, .acknowledge, let ids)? = state.prompt.overlay else { Issue.record("no confirm: \(String(describing: state.prompt.overlay))"); return }
        #expect(Set(ids) == ["og-eu:id-2", "jsm:id-41", "jsm:id-4"], "\(ids)")
        #expect(prompt.hasPrefix("Acknowledge 2 marked alerts (og-eu 1, jsm 2)"), "rows are counted, copies per source: \(prompt)")
        let effects = state.update(.key(.character("y")))
        let sent = effects.compactMap { if case .perform(let id, .acknowledge, _) = $0 { id } else { nil } }
        #expect(sent.count == 3)
        #expect(prompt.contains(": og-eu+jsm #2, jsm #4?"), "each row once, named as its SRC column names it: \(prompt)")
        #expect(state.alertPane.marked.isEmpty, "acted on, the marks go")
        // The result counts the rows the question counted; the copies are actions of their own.
        for id in sent {
            _ = state.update(.actionAccepted(actionId: id, receipt: ActionReceipt(requestId: "r\(id)")))
            _ = state.update(.actionFinished(actionId: id, .success(Self.done)))
        }
        #expect(state.messages.contains { $0.text == "ack 2 marked alerts (og-eu 1, jsm 2): 3 actions confirmed" },
                "\(state.messages.map(\.text))")
    }

    @Test func aFigurePastWhatVigilComparesIsALowerBound() {
        var state = mergedRowState(width: 120, height: 40)
        var snapshot = AlertListSnapshot(counts: [2, 1, 1, 1, 1, 0], pages: [:])
        snapshot.shared = 38
        snapshot.sharedIsExact = false
        _ = state.update(.alertListLoaded(.success(snapshot)))
        #expect(state.render().text.contains("· 38+ in two sources"))
    }

    @Test func theWallNamesBothSources() {
        var state = mergedRowState(width: 120, height: 40)
        _ = state.update(.key(.character("W")))
        let text = state.render().text
        #expect(text.contains("P1 og-eu+jsm #2 "), "\(text)")
        #expect(text.contains("· 1 in two sources · W: dashboard"), "the room reads the shared figure too:\n\(text)")
    }

    @Test func aConfirmedActionShowsOnItsOwnCopyAndTheRowKeepsTheWorstState() throws {
        var state = mergedRowState()
        _ = state.update(.key(.character("a")))
        _ = state.update(.key(.character("2")))  // og-eu's copy only; jsm's was acked already
        let record = try #require(state.actionLog.records.last)
        _ = state.update(.actionAccepted(actionId: record.id, receipt: ActionReceipt(requestId: "r1")))
        _ = state.update(.actionFinished(actionId: record.id, .success(Self.done)))
        var row = try #require(state.loadedAlert("og-eu:id-2"))
        #expect(row.copies?.map(\.acknowledged) == [true, true] && row.acknowledged == true, "both copies acked: the row is")
        _ = state.update(.key(.character("u")))
        _ = state.update(.key(.character("3")))  // unacknowledge jsm's copy only
        let undo = try #require(state.actionLog.records.last)
        _ = state.update(.actionAccepted(actionId: undo.id, receipt: ActionReceipt(requestId: "r2")))
        _ = state.update(.actionFinished(actionId: undo.id, .success(Self.done)))
        row = try #require(state.loadedAlert("og-eu:id-2"))
        #expect(row.copies?.map(\.acknowledged) == [true, false] && row.acknowledged == false, "one copy open: the row shows open")
        _ = state.update(.key(.enter))
        #expect(state.render().text.contains("jsm #41 P1 open"))
    }

    @Test func aFailureOnOneCopyIsShownOnTheRowAndOnItsSourcesLine() throws {
        var state = mergedRowState()
        _ = state.update(.key(.character("a")))
        _ = state.update(.key(.enter))
        let jsm = try #require(state.actionLog.records.last { $0.alertId == "jsm:id-41" })
        _ = state.update(.actionFinished(actionId: jsm.id, .failure(.requestFailed(reason: "not allowed on this team", requestId: "r9", service: .jsm))))
        let og = try #require(state.actionLog.records.last { $0.alertId == "og-eu:id-2" })
        _ = state.update(.actionFinished(actionId: og.id, .success(Self.done)))
        _ = state.update(.key(.enter))
        let text = state.render().text
        #expect(text.contains("jsm #41 P1 acked · owner bob@example.com · created 4m ago · ack FAILED"), "\(text)")
        #expect(text.contains("│! og-eu+jsm #2"), "the row says a copy's action failed:\n\(text)")
    }

    @Test func theShiftReportCountsAMergedAlertOnceAndInEachOfItsSources() {
        let alerts = mergedRowState().alerts
        let report = ShiftReport.build(since: fixedNow.addingTimeInterval(-12 * 3600), until: fixedNow, sources: ["og-eu", "jsm"], alerts: alerts,
                                       incidents: [], onCallAtStart: [], onCallAtEnd: [], caveats: [])
        #expect(report.total.raised == 6)
        #expect(report.bySource["og-eu"]?.raised == 3 && report.bySource["jsm"]?.raised == 4)
        #expect(report.urgent.first { $0.tinyId == "2" }?.source == "og-eu+jsm", "a merged P1 names both sources")
        // The og-eu copy closed, the jsm copy still open: each source says its own.
        var closedInOne = alerts
        let index = closedInOne.firstIndex { ($0.copies?.count ?? 0) == 2 }!
        closedInOne[index].copies![0].status = .closed
        let split = ShiftReport.build(since: fixedNow.addingTimeInterval(-12 * 3600), until: fixedNow, sources: ["og-eu", "jsm"], alerts: closedInOne,
                                      incidents: [], onCallAtStart: [], onCallAtEnd: [], caveats: [])
        #expect(split.bySource["og-eu"]!.closed == report.bySource["og-eu"]!.closed + 1)
        #expect(split.bySource["jsm"]!.closed == report.bySource["jsm"]!.closed)
        #expect(split.total.stillOpen == report.total.stillOpen, "open while any copy is")
    }

    @Test func aCustomActionAsksWhichCopyItsSourceOffersActionsFor() {
        var state = mergedRowState()
        _ = state.update(.key(.character("x")))
        guard case .chooseSource(let choice)? = state.prompt.overlay else { Issue.record("no source question: \(String(describing: state.prompt.overlay))"); return }
        #expect(choice.options.map(\.alertIds) == [["og-eu:id-2"], ["jsm:id-41"]], "one copy: no both")
        let effects = state.update(.key(.character("2")))
        #expect(state.prompt.overlay == .picker(.customAction(alertId: "jsm:id-41"), PickerField()))
        #expect(effects == [.loadDetail(alertId: "jsm:id-41")])
    }
}

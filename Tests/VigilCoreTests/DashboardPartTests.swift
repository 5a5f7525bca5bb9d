import Foundation
import OperationsModel
import Testing
@testable import VigilCore

/// Each part of the dashboard takes its own events in its own `update`, and changes nothing
/// else: these drive the parts alone, as a newcomer changing one would.
@Suite("Dashboard parts, each on its own")
struct DashboardPartTests {
    let settings = DashboardSettings(host: "api.opsgenie.com")

    @Test func feedsSayWhenASourceStartsFailingAndWhenItAnswersAgain() {
        var feeds = Feeds(settings: settings)
        #expect(feeds.update(.sourcesChanged([SourceHealth(name: "og"), SourceHealth(name: "jsm")]), at: fixedNow).isEmpty,
                "the first reading says nothing")
        let down = feeds.update(.sourcesChanged([SourceHealth(name: "og"),
                                                 SourceHealth(name: "jsm", lastError: .invalidConfiguration("refused"), failures: 1)]), at: fixedNow)
        #expect(down.count == 1 && down[0].0.hasPrefix("jsm: failing, showing its last good data") && down[0].1 == .warning)
        let back = feeds.update(.sourcesChanged([SourceHealth(name: "og"), SourceHealth(name: "jsm")]), at: fixedNow)
        #expect(back.map(\.0) == ["jsm: answering again"])
        #expect(feeds.sources.map(\.name) == ["og", "jsm"])
    }

    @Test func feedsKeepHeartbeatsExpiredFirstAndSayWhatThePlanLeavesOut() {
        var feeds = Feeds(settings: settings)
        let limit = FeatureLimit(feature: "heartbeats", reason: .plan, text: "heartbeats need JSM Premium or Enterprise")
        _ = feeds.update(.heartbeatsLoaded(.success(sampleHeartbeats), limits: [limit]), at: fixedNow)
        #expect(feeds.heartbeats.first?.expired == true)
        #expect(feeds.limits[.heartbeats] == [limit])
        #expect(feeds.polls.feeds[.heartbeats]?.lastSuccess == fixedNow, "the poll is recorded as answered")
    }

    @Test func theShiftSummaryGoesOnlyIntoTheSummaryStillOpen() {
        var prompt = Prompt()
        let report = ShiftReport.build(since: fixedNow.addingTimeInterval(-3600), until: fixedNow, sources: [], alerts: sampleAlerts,
                                       incidents: [], onCallAtStart: [], onCallAtEnd: [], caveats: [])
        _ = prompt.update(.shiftReportLoaded(report))
        #expect(prompt.overlay == nil, "closed before it answered: nothing opens")
        prompt.overlay = .shiftReport(nil)
        _ = prompt.update(.shiftReportLoaded(report))
        #expect(prompt.overlay == .shiftReport(report))
    }

    @Test func escalationsAreLoadedOnceWhenWanted() {
        var prompt = Prompt()
        #expect(prompt.wantEscalations() == [.loadEscalations])
        #expect(prompt.wantEscalations().isEmpty, "already loading")
        _ = prompt.update(.escalationsLoaded(.failure(.invalidConfiguration("nope"))))
        guard case .failed(let why) = prompt.escalations else { Issue.record("a failure is kept to show"); return }
        #expect(why.hasPrefix("could not load escalations"))
    }

    @Test func theForgottenListIsAskedForAtMostOnceAMinuteAndOnlyWhileShown() {
        var forgotten = ForgottenFeed()
        #expect(forgotten.refresh(at: fixedNow, wall: false).isEmpty, "not shown: not read")
        #expect(forgotten.toggle(at: fixedNow) == [.loadForgotten])
        #expect(forgotten.refresh(at: fixedNow.addingTimeInterval(30), wall: false).isEmpty)
        #expect(forgotten.refresh(at: fixedNow.addingTimeInterval(61), wall: false) == [.loadForgotten])
        #expect(forgotten.toggle(at: fixedNow.addingTimeInterval(62)).isEmpty, "F again goes back to the alerts")
        #expect(!forgotten.showing)
    }

    @Test func theJournalIsWrittenOnlyWhenTheOpenActionsChange() {
        var log = ActionLog()
        #expect(log.journal().isEmpty)
        log.records.append(ActionRecord(id: 1, action: .acknowledge, alertId: "a1", tinyId: "1", createdAt: fixedNow, phase: .sending, attempts: 1))
        #expect(log.journal() == [.persistActions(log.records)])
        #expect(log.journal().isEmpty, "unchanged: not written again")
    }

    @Test func anIncidentDetailThatFailedSaysWhy() {
        var pane = IncidentPane()
        _ = pane.update(.incidentDetailLoaded(incidentId: "i1", .failure(.invalidConfiguration("gone"))))
        #expect(pane.details["i1"]?.detail == nil && pane.details["i1"]?.error?.contains("gone") == true)
    }
}

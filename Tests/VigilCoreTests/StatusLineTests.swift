import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("The status line and the message line")
struct StatusLineTests {
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
        #expect(line.contains("■ STALE ■ pending 1 0s · alerts 45s network"), "the person's actions first, then what is stale and why: \(line)")
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
        _ = state.update(.sourcesChanged(state.feeds.sources.map { var s = $0; s.lastError = .transport("down"); return s }))
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

    @Test func aFailureLongerThanTheMessageLineCanBeReadWhole() {
        var state = loadedState(width: 80, height: 24)
        _ = state.update(.key(.character("a")))
        let reason = "the integration that owns this alert is disabled; ask an admin of the payments team to enable the API integration, then retry"
        _ = state.update(.actionFinished(actionId: state.actionLog.records.last!.id, .failure(.requestFailed(reason: reason, requestId: "r"))))
        let line = state.render().line(22)
        #expect(line.contains("(m: whole)"), "the line says where the rest is: \(line)")
        _ = state.update(.key(.character("m")))
        #expect(state.prompt.overlay == .messages)
        // The popup's inside (80 wide: from column 4 to 75), rows run together.
        let canvas = state.render()
        let inside = (0..<canvas.height).map { String(canvas.line($0).dropFirst(4).prefix(72)) }.joined().filter { $0 != " " }
        #expect(inside.contains(reason.filter { $0 != " " }), "the whole reason")
        _ = state.update(.key(.character("x")))
        #expect(state.prompt.overlay == nil && state.actionLog.records.count == 1)
    }

    @Test func aHungAPISaysWhatIsAwaitedThenWhyAndWhenItRetries() {
        var state = DashboardState(settings: DashboardSettings(host: "api.opsgenie.com"), now: fixedNow, width: 120, height: 40)
        _ = state.update(.tick(fixedNow))
        #expect(state.feedStatus[.alerts]?.inFlight == true)
        #expect(state.render().text.contains("loading alerts…"), "at first: loading")
        _ = state.update(.tick(fixedNow.addingTimeInterval(8)))
        let waiting = state.render().text
        #expect(waiting.contains("waiting for alerts: no answer for 8s (api.opsgenie.com)"), "a hung API is not loading… for ever:\n\(waiting)")
        _ = state.update(.tick(fixedNow.addingTimeInterval(15)))
        _ = state.update(.alertsLoaded(.failure(.timeout("no answer from api.opsgenie.com:443 within 15.0 seconds"))))
        let line = state.render().line(0)
        #expect(line.contains("alerts never — no answer from api.opsgenie.com:443 within 15.0 seconds, retry in "), "\(line)")
        #expect(state.render().text.contains("could not load alerts: ") && state.render().text.contains(", retry in "))
    }

    @Test func aPaneWaitingForItsFirstAnswerCountsTheSeconds() {
        var state = DashboardState(settings: DashboardSettings(host: "api.opsgenie.com"), now: fixedNow, width: 120, height: 40)
        _ = state.update(.tick(fixedNow.addingTimeInterval(8)))
        #expect(state.nextVisibleChange <= state.now.addingTimeInterval(1), "the wait is counted on screen, not frozen")
    }

    @Test func readOnlyOffersNoWriteKeysOnTheHintLine() {
        let state = loadedState(readOnly: true)
        let hints = state.render().line(state.height - 1)
        #expect(!hints.contains("acknowledge") && !hints.contains("close") && hints.contains("? help"), "\(hints)")
    }
}


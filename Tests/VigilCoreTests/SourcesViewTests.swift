import Foundation
import OperationsModel
import SnapshotTesting
import Testing
@testable import VigilCore

/// Two sources on one screen, as the runtime's ``SourceHealth`` and tagged values describe them.
func twoSourceState(jsmFailing: Bool, width: Int = 120, height: Int = 40) -> DashboardState {
    var state = DashboardState(settings: DashboardSettings(host: "og-eu + jsm"), now: fixedNow, width: width, height: height)
    _ = state.update(.tick(fixedNow))
    _ = state.update(.sourcesChanged([SourceHealth(name: "og-eu", lastSuccess: fixedNow), SourceHealth(name: "jsm", lastSuccess: fixedNow)]))
    func tagged<T>(_ values: [T], _ source: String, _ change: (inout T) -> Void) -> [T] {
        values.map { value in var value = value; change(&value); return value }
    }
    let og = tagged(Array(sampleAlerts.prefix(3)), "og-eu") { $0.id = "og-eu:" + $0.id; $0.origin = "og-eu" }
    let jsm = tagged(Array(sampleAlerts.suffix(3)), "jsm") { $0.id = "jsm:" + $0.id; $0.origin = "jsm" }
    _ = state.update(.alertsLoaded(.success(AlertPage(alerts: og + jsm, nextOffset: nil, pagesFetched: 2))))
    let beats = tagged(sampleHeartbeats, "og-eu") { $0.origin = "og-eu" } + tagged(Array(sampleHeartbeats.prefix(2)), "jsm") { $0.origin = "jsm" }
    _ = state.update(.heartbeatsLoaded(.success(beats)))
    let onCall = tagged(sampleOnCall, "og-eu") { $0.origin = "og-eu" } + tagged(Array(sampleOnCall.prefix(1)), "jsm") { $0.origin = "jsm" }
    _ = state.update(.onCallLoaded(.success(onCall)))
    if jsmFailing {
        // Two and a half minutes on: og-eu answered every poll, jsm last answered at the start.
        _ = state.update(.tick(fixedNow.addingTimeInterval(150)))
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: og + jsm, nextOffset: nil, pagesFetched: 1))))
        _ = state.update(.heartbeatsLoaded(.success(beats)))
        _ = state.update(.onCallLoaded(.success(onCall)))
        _ = state.update(.sourcesChanged([
            SourceHealth(name: "og-eu", lastSuccess: fixedNow.addingTimeInterval(148)),
            SourceHealth(name: "jsm", lastSuccess: fixedNow, lastError: .transport("connection refused by 127.0.0.1:9"), failures: 3,
                         retryAt: fixedNow.addingTimeInterval(170)),
        ]))
    }
    return state
}

@Suite("Several sources on one screen")
struct SourcesViewTests {
    @Test func theWallNamesEachRowsAndEachSchedulesSource() {
        var state = twoSourceState(jsmFailing: false)
        _ = state.update(.key(.character("W")))
        let text = state.render().text
        #expect(text.contains("P1 og-eu #2 ") && text.contains("P1 jsm #4 "), "two #17s from two sources can be told apart:\n\(text)")
        #expect(text.contains("og-eu · platform_schedule") && text.contains("jsm · platform_schedule"))
        var one = loadedState()
        _ = one.update(.key(.character("W")))
        #expect(one.render().text.contains("P1 #2 "), "with one source no tag")
    }

    @Test func withTwoSourcesAt120x40TheMessageHasItsRoom() throws {
        let state = twoSourceState(jsmFailing: false)
        let line = state.render().line(3)
        // The message column starts where the header's MESSAGE does; it keeps at least 36 columns.
        let header = state.render().line(2)
        let start = header.distance(from: header.startIndex, to: header.range(of: "MESSAGE")!.lowerBound)
        let pane = header.distance(from: header.startIndex, to: try #require(header.range(of: "││")).lowerBound)
        #expect(pane - start >= 36, "message column \(pane - start) wide: \(line)")
        #expect(header.contains("SRC") && header.contains("OWNER"), "\(header)")
    }

    @Test func theStatusLineNamesTheFailingSourceAndWhyWhileTheOtherIsLive() {
        let state = twoSourceState(jsmFailing: true)
        let status = String(state.render().text.split(separator: "\n")[0])
        #expect(!status.contains("STALE"), "og-eu answers: only no source answering turns the line into the banner")
        #expect(status.contains("jsm: stale 2m, retry in 20s · live: og-eu") && status.contains("alerts ok"), "\(status)")
        #expect(state.messages.last?.text.contains("network error: connection refused by 127.0.0.1:9") == true, "the reason whole (m)")
        #expect(state.messages.last?.text.contains("jsm: failing, showing its last good data") == true)
        #expect(state.alerts.filter { $0.origin == "jsm" }.count == 3, "jsm's rows stay")
    }

    @Test func everyRowAndTheDetailCarryTheirSourceAndPanesGroupBySource() {
        let state = twoSourceState(jsmFailing: false)
        let screen = state.render().text
        #expect(screen.contains("SRC"))
        let rows = screen.split(separator: "\n")
        #expect(rows.filter { $0.contains("│  og-eu ") }.count == 3 && rows.filter { $0.contains("│  jsm ") }.count == 3, "\(screen)")
        #expect(screen.contains("[\(state.selectedAlert?.origin ?? "?")] #"), "the detail names the source")
        #expect(state.feeds.heartbeats.map(\.origin) == ["og-eu", "og-eu", "og-eu", "jsm", "jsm"], "heartbeats grouped by source")
        #expect(state.feeds.heartbeats.first?.expired == true, "expired first within a source")
        #expect(screen.contains("og-eu · platform_schedule") && screen.contains("jsm · platform_schedule"))
        #expect(!screen.contains("STALE"))
    }

    @Test func theWallNamesTheFailingSourceToo() {
        var state = twoSourceState(jsmFailing: true)
        _ = state.update(.key(.character("W")))
        let banner = state.render().text.split(separator: "\n")[1]
        #expect(banner.contains("STALE") && banner.contains("jsm: stale 2m") && banner.contains("live: og-eu"), "\(banner)")
    }

    @Test func oneSourceShowsNoTags() {
        let screen = loadedState().render().text
        #expect(!screen.contains("SRC"))
        #expect(!screen.contains(" · platform_schedule"))
    }

    @Test func goldenTwoSourcesOneFailing() {
        assertSnapshot(of: twoSourceState(jsmFailing: true).render().text, as: .lines, named: "two-sources-jsm-failing-120x40")
    }
}

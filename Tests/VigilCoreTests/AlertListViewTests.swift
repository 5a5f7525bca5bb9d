import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("view: the alert list and hint line at each size")
struct AlertListViewTests {
    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func theMessageGetsTheSpareWidth(width: Int, height: Int) throws {
        let state = loadedState(width: width, height: height)
        let text = state.render().text
        let row = try #require(text.split(separator: "\n").first { $0.contains("#2 ") && $0.contains("[svc-2]") })
        let shown = try #require(row.range(of: "[svc-2]").map { row[$0.lowerBound...] })
        // The message runs from its start to the pane's right border.
        let messageColumns = shown.prefix { $0 != "│" }.count
        #expect(messageColumns >= AlertColumns.wantedMessage, "message gets \(messageColumns) columns at \(width)×\(height)")
    }

    @Test func columnsShrinkInOrderAndNeverPushTheMessageOut() {
        let wide = AlertColumns(inner: 130)
        #expect(wide.count == 4 && wide.owner == 12 && wide.team == 10)
        #expect(wide.message == 130 - 56)
        let medium = AlertColumns(inner: 77)
        #expect(medium.count == nil && medium.owner == 8 && medium.team == nil, "the count goes first, then the team")
        #expect(medium.message >= AlertColumns.wantedMessage)
        // 120×40 with two sources: SRC keeps its tag, the owner shrinks, the message gets its room.
        let sources = AlertColumns(inner: 77, source: 5)
        #expect(sources.source == 5 && sources.owner == 6 && sources.team == nil && sources.message >= 36, "\(sources)")
        let narrow = AlertColumns(inner: 60)
        #expect(narrow.team == nil && narrow.owner == 6)
        #expect(narrow.message > 0)
    }

    @Test func theHintLineEndsWithTheLastHintThatFits() throws {
        for width in [80, 81, 95, 100, 120, 200] {
            let state = loadedState(width: width, height: 30)
            let hint = try #require(state.render().text.split(separator: "\n", omittingEmptySubsequences: false).last)
            let trimmed = hint.trimmingCharacters(in: .whitespaces)
            let descriptions = state.settings.keymap.bindings.filter(\.hinted).map(\.description)
            #expect(descriptions.contains { trimmed.hasSuffix($0) }, "hint line at \(width) ends in a fragment: …\(trimmed.suffix(12))")
            #expect(trimmed.hasPrefix("? help"), "the key that explains the rest comes first at \(width)")
        }
    }
}

@Suite("view: a second passing redraws the status line only")
struct StatusRowTests {
    @Test func theStatusRowIsTheFramesFirstRowAndPatchesIn() {
        var state = loadedState(width: 120, height: 40) { $0.clockSeconds = true }
        let before = state.render()
        _ = state.update(.tick(fixedNow.addingTimeInterval(1)))
        let row = state.renderStatusRow()
        #expect(row.height == 1 && row.line(0) == state.render().line(0))
        #expect(row.line(0) != before.line(0), "the clock moved")
        var patched = before
        patched.replaceRow(0, with: row)
        #expect(patched.line(0) == state.render().line(0))
        #expect((1..<40).allSatisfy { patched.line($0) == before.line($0) }, "nothing else is touched")
    }
}

@Suite("view: time alone changes the screen only when something shown moves")
struct VisibleChangeTests {
    /// Renders at `times`, ticking the state there; the frames.
    func frames(_ state: inout DashboardState, at times: [Date]) -> [String] {
        times.map { time in
            _ = state.update(.tick(time))
            return state.render().text
        }
    }

    @Test func anIdleScreenIsTheSameFrameUntilTheNextMinute() {
        var state = loadedState(width: 120, height: 40)
        // Polls answered, nothing late: the next change is the minute (fixedNow is 11:06:40).
        _ = state.update(.tick(fixedNow.addingTimeInterval(4)))
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: sampleAlerts, nextOffset: nil, pagesFetched: 1))))
        let next = state.nextVisibleChange
        #expect(!state.countsSeconds)
        #expect(next.timeIntervalSince(fixedNow) <= 20 && next > state.now, "no later than the minute; got \(next.timeIntervalSince(fixedNow)) s")
        let first = state.render().text
        let between = stride(from: state.now.timeIntervalSince1970 + 0.5, to: next.timeIntervalSince1970, by: 0.5).map(Date.init(timeIntervalSince1970:))
        #expect(!between.isEmpty)
        #expect(frames(&state, at: between).allSatisfy { $0 == first }, "nothing on screen moved before \(next)")
        _ = state.update(.tick(next))
        #expect(state.render().text != first, "something did move at \(next)")
    }

    @Test func aHealthyFeedIsNeverLateWhateverJitterItsPollDraws() {
        // Every kind at 60 s, many screens (seeds): just before each next poll's answer could
        // come (its due time and 4 s for the round trip), nothing is late.
        for seed in UInt64(0)..<300 {
            var state = loadedState(width: 120, height: 40) {
                $0.jitterSeed = seed
                $0.intervals = [.alerts: 60, .heartbeats: 60, .onCall: 60, .incidents: 60]
            }
            let latestDue = state.feeds.polls.kinds.compactMap { state.feedStatus[$0]?.nextDue }.max()!
            #expect(latestDue > fixedNow, "seed \(seed)")
            _ = state.update(.tick(latestDue.addingTimeInterval(4)))
            let counting = state.countsSeconds
            #expect(!counting, "seed \(seed): a feed showed late while its poll was on time")
            #expect(state.render().line(0).contains("alerts ok"), "seed \(seed): \(state.render().line(0))")
        }
    }

    @Test func aLateFeedCountsSecondsAndTheClockCanToo() {
        var state = loadedState(width: 120, height: 40)
        _ = state.update(.tick(fixedNow.addingTimeInterval(17)))  // alerts: interval 10, 1 s of jitter and 5 s grace passed
        #expect(state.countsSeconds)
        #expect(state.render().line(0).contains("alerts 17s"))
        #expect(state.nextVisibleChange == fixedNow.addingTimeInterval(18))
        var seconds = loadedState(width: 120, height: 40) { $0.clockSeconds = true }
        _ = seconds.update(.tick(fixedNow.addingTimeInterval(2)))
        #expect(!seconds.countsSeconds, "the status line's seconds are its own row's business, not the frame's")
        #expect(seconds.render().line(0).contains("11:06:42Z"))
        #expect(seconds.renderStatusRow().line(0).contains("11:06:42Z"))
        _ = seconds.update(.key(.character("W")))
        #expect(seconds.countsSeconds && seconds.nextVisibleChange == fixedNow.addingTimeInterval(3),
                "the wall has no status row of its own: its clock's seconds redraw the frame")
        #expect(state.render().line(0).contains("11:06Z") && !state.render().line(0).contains("11:06:"))
    }
}

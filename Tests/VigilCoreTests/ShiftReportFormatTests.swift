import Foundation
import OperationsModel
import SnapshotTesting
import Testing
@testable import VigilCore

/// The shift report as printed: plain text within 80 columns, Markdown, JSON.
@Suite("Shift report formats")
struct ShiftReportFormatTests {
    static func report() -> ShiftReport {
        var alerts = sampleAlerts
        alerts[1].report = AlertReport(ackTime: 4 * 60_000, acknowledgedBy: "grace@example.com")
        alerts[1].acknowledged = true
        alerts[3].report = AlertReport(ackTime: 90_000, closeTime: 8 * 60_000, acknowledgedBy: "bob@example.com", closedBy: "judy@example.com")
        alerts[3].acknowledged = true
        alerts[3].status = .closed
        alerts[4].createdAt = fixedNow.addingTimeInterval(-13 * 3600)  // before the window
        let start = sampleOnCall.map { var s = $0; s.current = ["erin@example.com"]; return s }
        return ShiftReport.build(since: fixedNow.addingTimeInterval(-12 * 3600), until: fixedNow, sources: [], alerts: alerts,
                                 incidents: sampleIncidents, onCallAtStart: start, onCallAtEnd: sampleOnCall,
                                 caveats: ["heartbeats need JSM Premium or Enterprise"])
    }

    @Test func plainTextFitsEightyColumnsAndCountsTheWindowOnly() {
        let text = Self.report().rendered(.text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
        #expect(text.hasSuffix("\n") && lines.count - 1 <= 24, "a handover fits one 80×24 screen here: \(lines.count - 1) lines")
        #expect(text.contains("  all              5       3       1       4"), "5 raised in the window (one is older), 3 acked, 1 closed:\n\(text)")
        #expect(text.contains("#4 P1 ") && text.contains("acked in 1m by bob@example.com, closed in 8m by judy@example.com"), "\(text)")
        assertSnapshot(of: text, as: .lines, named: "report-80x24")
    }

    @Test func aServicesWordsInACaveatReachTheTerminalSanitised() {
        let report = ShiftReport.build(since: fixedNow.addingTimeInterval(-3600), until: fixedNow, sources: [], alerts: [], incidents: [],
                                       onCallAtStart: [], onCallAtEnd: [], caveats: ["team \u{1B}]0;pwned\u{07}ops: no access"])
        let text = report.rendered(.text)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "no escape or bell from API text")
        #expect(text.contains("no access"))
    }

    @Test func markdownHasATableAndJSONReadsBack() throws {
        let report = Self.report()
        let markdown = report.rendered(.markdown)
        #expect(markdown.hasPrefix("## Shift report ") && markdown.contains("| all | 5 | 3 | 1 | 4 |"))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let back = try decoder.decode(ShiftReport.self, from: Data(report.rendered(.json).utf8))
        #expect(back.total == report.total && back.urgent.count == report.urgent.count)
    }
}

@Suite("The shift so far (H)")
struct ShiftSummaryOverlayTests {
    @Test func hAsksForTheLastTwelveHoursAndShowsThemWhenRead() {
        var state = loadedState()
        let effects = state.update(.key(.character("H")))
        #expect(effects == [.loadShiftReport(since: fixedNow.addingTimeInterval(-12 * 3600), until: fixedNow)])
        #expect(state.render().text.contains("reading the last 12 hours…"))
        _ = state.update(.shiftReportLoaded(ShiftReportFormatTests.report()))
        let text = state.render().text
        #expect(text.contains("The shift so far") && text.contains("P1 and P2 alerts (3)"), "\(text)")
        _ = state.update(.key(.character("x")))
        #expect(state.prompt.overlay == nil, "any key closes it")
    }
}

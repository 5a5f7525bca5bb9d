import Foundation
import OperationsModel
import SnapshotTesting
import Testing
@testable import VigilCore

/// Golden screens: the rendered canvas as text, compared with committed files in `__Snapshots__`.
/// Re-record with `SNAPSHOT_TESTING_RECORD=all swift test --filter GoldenScreenTests`.
@Suite("Golden screens")
struct GoldenScreenTests {
    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func dashboard(width: Int, height: Int) {
        let state = loadedState(width: width, height: height)
        let canvas = state.render()
        #expect(canvas.text.split(separator: "\n", omittingEmptySubsequences: false).count == height)
        assertSnapshot(of: canvas.text, as: .lines, named: "\(width)x\(height)")
    }

    @Test func asciiFallbackForALocaleWithoutUTF8() {
        var state = loadedState(width: 80, height: 24) { $0.asciiOnly = true }
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: sampleAlerts + [alert(9, .p2, minutesAgo: 2, message: "CJK 監視 and → arrows …")],
                                                          nextOffset: nil, pagesFetched: 1))))
        let canvas = state.render()
        #expect(canvas.text.unicodeScalars.allSatisfy { $0.isASCII }, "nothing but ASCII reaches a terminal that cannot show UTF-8")
        #expect((0..<canvas.height).allSatisfy { canvas.line($0).count == 80 }, "one ASCII character per cell")
        assertSnapshot(of: canvas.text, as: .lines, named: "ascii-80x24")
    }

    @Test func staleBannerWithHelpOpen() {
        var state = loadedState(width: 120, height: 40)
        _ = state.update(.tick(fixedNow.addingTimeInterval(45)))
        _ = state.update(.alertsLoaded(.failure(.transport("connection refused"))))
        _ = state.update(.key(.character("?")))
        assertSnapshot(of: state.render().text, as: .lines, named: "stale-help-120x40")
    }

    @Test func hostileTextKeepsTheLayout() {
        var state = DashboardState(settings: DashboardSettings(host: "h"), now: fixedNow, width: 120, height: 40)
        _ = state.update(.tick(fixedNow))
        let hostile = [
            alert(1, .p1, minutesAgo: 1, message: "clear \u{1B}[2J\u{1B}[H red \u{1B}[31mX\u{1B}[0m"),
            alert(2, .p2, minutesAgo: 2, message: "bidi \u{202E}gnp.exe\u{202C} zw a\u{200B}b"),
            alert(3, .p3, minutesAgo: 3, message: "CJK 監視システムの警告 emoji 🔥🚨 👨‍👩‍👧‍👦"),
            alert(4, .p4, minutesAgo: 4, message: "tab\there\nnewline\rCR \u{07}\u{08}\u{7F}\u{85}\u{9B}"),
            alert(5, .p5, minutesAgo: 5, message: String(repeating: "long-", count: 2000)),
        ]
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: hostile, nextOffset: nil, pagesFetched: 1))))
        let canvas = state.render()
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                for scalar in canvas[x, y].character.unicodeScalars {
                    #expect(scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80...0x9F).contains(scalar.value))
                    #expect(scalar.properties.generalCategory != .format)
                }
            }
        }
        // every row still exactly fills the width: no cell pushed out of place
        for y in 0..<canvas.height {
            let width = canvas.line(y).reduce(0) { $0 + TerminalText.width(of: $1) }
            #expect(width == 120, "row \(y) is \(width) columns")
        }
        assertSnapshot(of: canvas.text, as: .lines, named: "hostile-120x40")
    }
}

@Suite("Terminal text")
struct TerminalTextTests {
    @Test func sanitiseRemovesWhatATerminalWouldActOn() {
        #expect(TerminalText.sanitize("a\u{1B}[31mb") == "a[31mb")
        #expect(TerminalText.sanitize("x\ty\nz\r") == "x y z ")
        #expect(TerminalText.sanitize("\u{202E}abc\u{202C}") == "abc")
        #expect(TerminalText.sanitize("a\u{200B}b\u{FEFF}") == "ab")
        #expect(TerminalText.sanitize("\u{85}\u{9B}ok\u{7F}") == "ok")
        #expect(TerminalText.sanitize("Z\u{0351}\u{0346}\u{0344}\u{0310}").unicodeScalars.count == 3)
        #expect(TerminalText.sanitize("é 監 🔥") == "é 監 🔥")
    }

    @Test func widthAndFitCountColumnsNotCharacters() {
        #expect(TerminalText.width(of: "abc") == 3)
        #expect(TerminalText.width(of: "監視") == 4)
        #expect(TerminalText.width(of: "🔥") == 2)
        #expect(TerminalText.width(of: "👨‍👩‍👧‍👦") == 2)
        #expect(TerminalText.width(of: "e\u{0301}") == 1)
        #expect(TerminalText.fit("監視システム", columns: 7) == "監視シ…")
        #expect(TerminalText.width(of: TerminalText.fit("監視システム", columns: 6)) <= 6)
        #expect(TerminalText.fit("short", columns: 10) == "short")
        #expect(TerminalText.pad("ab", columns: 4) == "ab  ")
    }
}

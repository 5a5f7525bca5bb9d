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

/// Golden screens of the styles: the role of every cell beside the text goldens, and the
/// looks that matter most held by name.
@Suite("Golden styles")
struct GoldenStyleTests {
    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func dashboardStyles(width: Int, height: Int) {
        assertSnapshot(of: loadedState(width: width, height: height).render().roleMap, as: .lines, named: "roles-\(width)x\(height)")
    }

    /// The cells of the row whose text contains `needle`.
    static func styles(of needle: String, in canvas: Canvas) -> [CellStyle] {
        guard let y = (0..<canvas.height).first(where: { canvas.line($0).contains(needle) }) else { return [] }
        let line = canvas.line(y)
        let start = line.distance(from: line.startIndex, to: line.range(of: needle)!.lowerBound)
        return (start..<start + needle.count).map { canvas[$0, y].style }
    }

    @Test func aP1RowIsDrawnInTheP1Role() {
        var state = loadedState()
        _ = state.update(.key(.character("j")))  // the selection off the first P1, so its row shows its own colour
        let canvas = state.render()
        let p1 = Self.styles(of: "#2     P1", in: canvas)
        #expect(!p1.isEmpty && p1.contains { $0.role == .p1 }, "the P1 row keeps its role: \(p1)")
        let p4 = Self.styles(of: "P4", in: canvas)
        #expect(!p4.contains { $0.role == .p1 }, "and only the P1 row has it")
    }

    @Test func theStaleBannerIsDrawnInTheStaleRoleAcrossTheLine() {
        var state = loadedState()
        _ = state.update(.tick(fixedNow.addingTimeInterval(45)))
        _ = state.update(.alertsLoaded(.failure(.transport("connection refused"))))
        let canvas = state.render()
        #expect(canvas.line(0).contains("STALE"))
        let banner = Self.styles(of: "■ STALE ■ showing last good data", in: canvas)
        #expect(!banner.isEmpty && banner.allSatisfy { $0.role == .stale && $0.bold }, "\(canvas.roleMap.prefix(120))")
        let clock = Self.styles(of: String(canvas.line(0).trimmingCharacters(in: .whitespaces).suffix(6)), in: canvas)
        #expect(clock.allSatisfy { $0.role == .stale }, "the clock too")
    }

    @Test func aMarkedRowShowsItsMark() {
        var state = loadedState()
        _ = state.update(.key(.character(" ")))
        let canvas = state.render()
        let marked = (0..<canvas.height).flatMap { y in (0..<canvas.width).map { canvas[$0, y] } }.filter { $0.style.role == .marked }
        #expect(!marked.isEmpty && marked.contains { $0.character == "*" }, "the mark is drawn in the marked role")
    }
}

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
        #expect(medium.count == nil && medium.owner == 8 && medium.team == 8)
        #expect(medium.message >= AlertColumns.wantedMessage)
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
        }
    }
}

@Suite("view: a second passing redraws the status line only")
struct StatusRowTests {
    @Test func theStatusRowIsTheFramesFirstRowAndPatchesIn() {
        var state = loadedState(width: 120, height: 40)
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

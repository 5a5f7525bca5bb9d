import Foundation
import Testing
@testable import VigilCore

/// The picker part on its own: what each key does to what was typed and to the selection.
@Suite("The picker part")
struct PickerFieldTests {
    @Test func arrowsMoveWithinTheListAndTypingStartsItOver() {
        var picker = PickerField()
        #expect(picker.handle(.down, options: 3) == .kept && picker.selected == 1)
        _ = picker.handle(.down, options: 3)
        _ = picker.handle(.down, options: 3)
        #expect(picker.selected == 2, "not past the last line")
        #expect(picker.handle(.character("b"), options: 3) == .kept)
        #expect(picker.filter.text == "b" && picker.selected == 0, "a new filter is a new list")
        _ = picker.handle(.up, options: 1)
        #expect(picker.selected == 0, "not above the first")
    }

    @Test func enterPicksTheSelectedLineOrSaysThereIsNone() {
        var picker = PickerField(filter: "zz")
        #expect(picker.handle(.enter, options: 0) == .nothingToPick)
        #expect(picker.filter.text == "zz", "what was typed stays, to fix")
        _ = picker.handle(.control("u"), options: 4)
        _ = picker.handle(.down, options: 4)
        #expect(picker.handle(.enter, options: 4) == .picked(1))
        #expect(picker.handle(.escape, options: 4) == .cancelled)
    }

    @Test func theSelectionStaysInViewOfTenLines() {
        #expect(PickerField(selected: 3).firstShown(rows: 10) == 0)
        #expect(PickerField(selected: 12).firstShown(rows: 10) == 4)
    }
}

import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("Text fields and pickers")
struct TextFieldTests {
    @Test func ctrlUClearsAFieldAndCtrlWItsLastWord() {
        var state = loadedState()
        _ = state.update(.key(.character("/")))
        #expect(state.prompt.overlay == .input(.filter, text: TextField("status:open", selected: true)))
        _ = state.update(.key(.control("w")))
        #expect(state.prompt.overlay == .input(.filter, text: ""))
        for c in "tag:kafka env:prod" { _ = state.update(.key(.character(c))) }
        _ = state.update(.key(.control("w")))
        #expect(state.prompt.overlay == .input(.filter, text: "tag:kafka "))
        _ = state.update(.key(.control("u")))
        #expect(state.prompt.overlay == .input(.filter, text: ""))
    }

    @Test func pickerFieldsEditLikeEveryFieldSnoozeSaysWhatItReadsAndTheFilterOpensSelected() {
        var state = loadedState()
        _ = state.update(.key(.character("s")))
        for c in "4 hours" { _ = state.update(.key(.character(c))) }
        _ = state.update(.key(.control("w")))
        #expect(state.prompt.overlay == .picker(.snooze(alertIds: ["id-2"]), PickerField(filter: "4 ")), "^W deletes the last word")
        _ = state.update(.key(.control("u")))
        #expect(state.prompt.overlay == .picker(.snooze(alertIds: ["id-2"]), PickerField(filter: "")), "^U clears")
        for c in "abc" { _ = state.update(.key(.character(c))) }
        #expect(state.render().text.contains("not a duration (try 45m, 2h, 09:00)"))
        _ = state.update(.key(.enter))
        #expect(state.messages.last?.text == "not a duration (try 45m, 2h, 09:00)" && state.actionLog.records.isEmpty)
        #expect(state.prompt.overlay == .picker(.snooze(alertIds: ["id-2"]), PickerField(filter: "abc")), "what was typed is kept, to fix")
        _ = state.update(.key(.control("u")))
        for c in "09:00" { _ = state.update(.key(.character(c))) }
        _ = state.update(.key(.enter))
        let nine = DurationText.nextTime("09:00", after: fixedNow, timeZone: .gmt)
        #expect(nine != nil && state.actionLog.records.last?.alertAction == .snooze(until: nine!), "09:00 snoozes until the next 09:00")
        _ = state.update(.key(.character("/")))
        #expect(state.render().text.contains("typing replaces it"))
        for c in "tag:db" { _ = state.update(.key(.character(c))) }
        #expect(state.prompt.overlay == .input(.filter, text: "tag:db"), "typing replaced the selected filter")
    }
}

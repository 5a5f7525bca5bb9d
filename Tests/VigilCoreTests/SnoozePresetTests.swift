import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("update: snooze presets in the configured time zone")
struct SnoozePresetTests {
    @Test func nextMorningIsNineInTheInjectedTimeZone() throws {
        // fixedNow is 2026-11-18 22:13:20 UTC
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        let inTokyo = try #require(SnoozePreset.nextMorning.end(from: fixedNow, timeZone: tokyo))
        let inNewYork = try #require(SnoozePreset.nextMorning.end(from: fixedNow, timeZone: newYork))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = tokyo
        #expect(calendar.component(.hour, from: inTokyo) == 9)
        #expect(inTokyo > fixedNow && inTokyo.timeIntervalSince(fixedNow) <= 86400)
        #expect(inNewYork > fixedNow && inNewYork.timeIntervalSince(fixedNow) <= 86400)
        #expect(inTokyo != inNewYork)
    }

    @Test func thePickerUsesTheDashboardsTimeZone() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Tokyo"))
        var state = loadedState { $0.timeZone = zone }
        _ = state.update(.key(.character("s")))
        for _ in 0..<3 { _ = state.update(.key(.down)) }
        let effects = state.update(.key(.enter))
        let expected = try #require(SnoozePreset.nextMorning.end(from: fixedNow, timeZone: zone))
        #expect(effects == [.perform(actionId: 1, action: .snooze(until: expected), alertId: "id-2")])
    }
}

import Foundation
import Testing
@testable import vigil

/// `vigil snapshot`: the real clock unless `--at`, and the simulators `demo` plays.
@Suite("vigil snapshot")
struct SnapshotCommandTests {
    func render(_ arguments: [String]) async throws -> String {
        let command = try Snapshot.parse(["--width", "120", "--height", "40"] + arguments)
        try command.validate()
        return try await command.render()
    }

    /// `HH:MMZ` of `date` in UTC.
    func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "HH:mm"
        return formatter.string(from: date) + "Z"
    }

    @Test func theFrameShowsNowUnlessAtSaysWhen() async throws {
        let before = Date()
        let now = try await render([])
        let status = now.split(separator: "\n").first.map(String.init) ?? ""
        #expect([clock(before), clock(Date())].contains { status.hasSuffix($0) }, "the real clock: \(status)")
        let fixed = try await render(["--at", "2026-12-04T09:41:00Z"])
        #expect(fixed.split(separator: "\n").first?.hasSuffix("09:41Z") == true)
        #expect(throws: (any Error).self) { try Snapshot.parse(["--at", "yesterday"]).validate() }
    }

    @Test func itTakesBackendSourcesAndThemeLikeDemo() async throws {
        let jsm = try await render(["--backend", "jsm", "--at", "2026-12-04T09:41:00Z"])
        #expect(jsm.contains("simulator jsm") && jsm.contains("Alerts "), "\(jsm)")
        let two = try await render(["--sources", "2", "--at", "2026-12-04T09:41:00Z"])
        #expect(two.contains("SRC") && two.contains(" og-eu ") && two.contains(" jsm "), "\(two)")
        let light = try await render(["--theme", "light", "--at", "2026-12-04T09:41:00Z"])
        #expect(light.contains("\u{1B}[0;38;5;") && light.contains(";48;5;255m"), "the light theme's own background, in colour")
        #expect(light.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression).contains("Alerts "))
        await #expect(throws: (any Error).self) { try await render(["--theme", "purplish"]) }
    }
}

import Foundation
import Testing
@testable import vigil

/// The log file after an incident is the record: two Vigils on one host must not write over
/// each other's lines.
@Suite struct FileLogHandlerTests {
    @Test func twoWritersOnOneFileKeepEveryLineWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("vigil.log").path
        let wall = FileLogHandler.Sink(path: path) { $0 }
        let laptop = FileLogHandler.Sink(path: path) { $0 }  // opened when the file was still empty, as a second Vigil does
        for n in 0..<50 {
            wall.write("wall line \(n)\n")
            laptop.write("laptop line \(n)\n")
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 100)
        #expect(lines.filter { $0.hasPrefix("wall line ") }.count == 50 && lines.filter { $0.hasPrefix("laptop line ") }.count == 50,
                "every line of both is there, whole: \(lines.prefix(4))")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "readable by its owner only")
    }

    @Test func theKeyIsRedactedFromEveryLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("vigil.log").path
        let sink = FileLogHandler.Sink(path: path) { $0.replacingOccurrences(of: "s3cret", with: "«key»") }
        sink.write("Authorization: GenieKey s3cret\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "Authorization: GenieKey «key»\n")
    }
}

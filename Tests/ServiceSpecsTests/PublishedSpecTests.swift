import Foundation
import ServiceSpecs
import Testing

/// The specs the simulators validate against are in the binary; these tests hold them to
/// the reference copies in `../shared/reference/` byte for byte and to their recorded hash.
@Suite("Published specs: embedded copies")
struct PublishedSpecTests {
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/reference").standardizedFileURL

    @Test(arguments: PublishedSpec.allCases)
    func theEmbeddedTextIsTheReferenceCopyByteForByte(spec: PublishedSpec) throws {
        let file = Self.reference.appendingPathComponent(spec.referencePath)
        let copy = try Data(contentsOf: file)
        #expect(Data(spec.text.utf8) == copy, "run scripts/embed-specs after \(spec.referencePath) changes")
        let hash = Process()
        hash.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        hash.arguments = [file.path]
        let output = Pipe()
        hash.standardOutput = output
        try hash.run()
        hash.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.hasPrefix(spec.sha256 + " "), "recorded \(spec.sha256), file has \(printed)")
    }

    @Test(arguments: PublishedSpec.allCases)
    func eachDocumentReadsWithItsOperations(spec: PublishedSpec) throws {
        let document = spec.document
        #expect(document.operations.count > 100)
        switch spec {
        case .jsmOperations:
            #expect(document.basePath == "/jsm/ops")
            #expect(document.operation(method: "GET", path: "/jsm/ops/api/abc/v1/alerts")?.id == "listAlerts")
            #expect(document.operation(method: "GET", path: "/jsm/ops/api/abc/v1/alerts/requests/r1")?.id == "getRequestStatus",
                    "a literal segment wins over a parameter")
        case .opsgenie:
            #expect(document.operation(method: "GET", path: "/v2/alerts/count")?.id == "countAlerts")
            #expect(document.operation(method: "GET", path: "/v2/schedules/s1.ics") != nil, "a parameter with a suffix")
        }
    }
}

@Suite("Published specs: checking requests and answers")
struct SpecCheckTests {
    let jsm = PublishedSpec.jsmOperations.document

    @Test func queryValuesAreCheckedAgainstTypeRangeAndEnum() throws {
        let list = try #require(jsm.operation(id: "listAlerts"))
        #expect(list.violations(query: [("size", "100"), ("sort", "createdAt"), ("order", "desc"), ("offset", "0")], body: nil).isEmpty)
        let wrong = list.violations(query: [("size", "101"), ("sort", "tinyId"), ("offset", "x"), ("limit", "5"), ("from", "1795000000000")], body: nil)
        #expect(wrong.map(\.location) == ["query size=101", "query sort=tinyId", "query offset=x", "query limit", "query from=1795000000000"])
        #expect(wrong[0].problem == "must be at most 100")
        #expect(wrong[4].problem.contains("int32"), "epoch milliseconds do not fit the documented int32")
    }

    @Test func bodiesAreCheckedForRequiredFieldsTypesAndUnknownFields() throws {
        let assign = try #require(jsm.operation(id: "assignAlert"))
        #expect(assign.violations(query: [], body: Data(#"{"accountId":"5b10"}"#.utf8)).isEmpty)
        #expect(assign.violations(query: [], body: Data("{}".utf8)).map(\.description) == ["body.accountId is required"])
        #expect(assign.violations(query: [], body: Data(#"{"accountId":7,"owner":"x"}"#.utf8)).count == 2)
    }

    @Test func answersAreCheckedAgainstTheSchemaOfTheirStatus() throws {
        let get = try #require(jsm.operation(id: "getAlertWithId"))
        #expect(get.answerViolations(status: 200, body: Data(#"{"id":"a","status":"acked","lastOccuredAt":"2024-01-05T07:06:47.958Z"}"#.utf8)).isEmpty)
        let bad = get.answerViolations(status: 200, body: Data(#"{"id":"a","status":"acknowledged","lastOccurredAt":"2024-01-05T07:06:47Z"}"#.utf8))
        #expect(bad.map(\.location) == ["answer.lastOccurredAt", "answer.status"], "a misspelt field and a status outside the enum")
        #expect(get.answerViolations(status: 418, body: Data()).first?.problem.contains("not a documented answer") == true)
    }
}

import Foundation
@testable import OpsgenieKit
import Testing

/// Answers Opsgenie published in its Alert API docs, kept byte for byte under
/// `Fixtures/real/` (sources in `SOURCES.md`), read by the client's own envelope.
@Suite("Opsgenie: published answers decode")
struct OpsgenieRealAnswerTests {
    static func decode(_ name: String) throws -> Envelope<RequestStatus> {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/real/\(name)", withExtension: nil), "missing fixture \(name)")
        return try ServiceJSON.decoder().decode(Envelope<RequestStatus>.self, from: Data(contentsOf: url))
    }

    @Test func aSucceededAndAFailedRequestStatusRead() throws {
        let success = try Self.decode("request-status-success.docs-example.json")
        #expect(success.data.isSuccess == true && success.data.action != nil && success.requestId != nil)
        let failed = try Self.decode("request-status-failed.docs-example.json")
        #expect(failed.data.isSuccess == false && failed.data.status == "Alert does not exist" && failed.data.action == "Acknowledge")
        #expect(failed.took == 0.019)
    }
}

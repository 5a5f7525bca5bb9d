import Foundation
import OpsgenieKit
import VigilTesting
import Testing

@Suite("Request status: waiting for the outcome of a 202")
struct RequestStatusTests {
    @Test func keepsAskingWhileNotProcessedThenReturnsTheOutcome() async throws {
        try await withScripted { server, client, clock in
            server.on("GET", "/v2/alerts/requests/req-1",
                      .error(404, "Request not found. It might not be processed, yet."),
                      .error(404, "Request not found. It might not be processed, yet."),
                      .ok(Fixtures.requestStatusSuccess))
            let status = try await client.awaitOutcome(of: "req-1", timeout: .seconds(30))
            #expect(status.isSuccess == true)
            #expect(status.action == "Acknowledge")
            #expect(status.status == "Acknowledged")
            #expect(status.alertId == "8743a1b2-11da-480e-8493-744660987bef")
            #expect(status.alias == "alias1")
            #expect(server.requests.count == 3)
            // backed off on the injected clock, doubling, without really sleeping
            #expect(clock.sleeps == [.milliseconds(250), .milliseconds(500)])
        }
    }

    @Test func aFailedWriteCarriesOpsgeniesReason() async throws {
        try await withScripted { server, client, _ in
            server.on("GET", "/v2/alerts/requests/req-1", .ok(Fixtures.requestStatusFailure))
            let error = try await #require(throws: OperationsError.self) {
                try await client.awaitOutcome(of: "req-1")
            }
            #expect(error.faultClass == .rejected)
            #expect(error.message == "Alert is already closed")
            #expect(error.description.contains("Alert is already closed"))
            #expect(error.requestId == "req-1")
        }
    }

    @Test func givesUpAtTheDeadline() async throws {
        try await withScripted { server, client, clock in
            server.on("GET", "/v2/alerts/requests/req-9", .error(404, "Request not found."))
            let error = try await #require(throws: OperationsError.self) {
                try await client.awaitOutcome(of: "req-9", timeout: .seconds(10), initialDelay: .seconds(1), maxDelay: .seconds(4))
            }
            #expect(error.description.contains("not confirmed"))
            // 1 + 2 + 4 + 4 = 11 s ≥ 10 s: five asks, four waits
            #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(4), .seconds(4)])
            #expect(server.requests.count == 5)
        }
    }

    @Test func singleAskReturnsNilWhileUnprocessed() async throws {
        try await withScripted { server, client, _ in
            server.on("GET", "/v2/alerts/requests/req-2", .error(404, "Request not found."))
            let status = try await client.requestStatus("req-2")
            #expect(status == nil)
        }
    }
}

import Foundation
import OperationsModel

extension OpsgenieClient {
    /// Asks once for the outcome of an asynchronous alert write; `nil` while Opsgenie has not
    /// processed it yet (the endpoint answers 404 until then).
    public func requestStatus(_ requestId: String) async throws(OperationsError) -> RequestStatus? {
        try await processed(RequestStatus.self, path: "/v2/alerts/requests/\(Self.encode(requestId))", domain: .alert)
    }

    /// The `data` of a request-status answer, or `nil` while the request is not processed (404).
    func processed<Payload: Decodable & Sendable>(_ type: Payload.Type, path: String,
                                                  domain: RateLimitDomain) async throws(OperationsError) -> Payload? {
        do {
            return try await get(type, APIRequest(method: .GET, path: path, domain: domain)).data
        } catch where error.status == 404 {
            return nil
        }
    }

    /// Waits for the outcome of an alert write's 202: asks while Opsgenie says "not processed yet", backing off
    /// from `initialDelay` doubling up to `maxDelay`, until `timeout` has passed on the client's clock.
    ///
    /// Returns the status on success; throws ``OperationsError/requestFailed(reason:requestId:)``
    /// with Opsgenie's reason when the write did not apply, and
    /// ``OperationsError/requestStatusTimeout(requestId:)`` when no outcome came in time.
    public func awaitOutcome(of requestId: String, timeout: Duration = .seconds(60),
                             initialDelay: Duration = .milliseconds(250),
                             maxDelay: Duration = .seconds(5)) async throws(OperationsError) -> RequestStatus {
        try await pollOutcome(of: requestId, timeout: timeout, initialDelay: initialDelay, maxDelay: maxDelay) { id async throws(OperationsError) in
            try await requestStatus(id)
        }
    }

    /// The waiting every request-status endpoint shares: asks `lookup` (which answers `nil` while the request is
    /// not processed) with a doubling back-off until an outcome comes or `timeout` has passed on the client's clock.
    func pollOutcome(of requestId: String, timeout: Duration, initialDelay: Duration, maxDelay: Duration,
                     lookup: (String) async throws(OperationsError) -> RequestStatus?) async throws(OperationsError) -> RequestStatus {
        let start = clock.now()
        let limit = timeout.timeInterval
        var delay = initialDelay
        while true {
            if let status = try await lookup(requestId) {
                if status.isSuccess == true { return status }
                throw .requestFailed(reason: status.status ?? "Opsgenie gave no reason", requestId: requestId)
            }
            if clock.now().timeIntervalSince(start) >= limit {
                throw .requestStatusTimeout(requestId: requestId)
            }
            do { try await clock.sleep(for: delay) } catch { throw .transport("cancelled") }
            delay = min(delay * 2, maxDelay)
        }
    }
}

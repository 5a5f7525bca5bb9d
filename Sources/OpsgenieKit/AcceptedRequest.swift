import Foundation
import OperationsModel

/// What Opsgenie answers to a write: 202 and a request id to ask about later.
public struct AcceptedRequest: Codable, Sendable, Hashable {
    /// The id to pass to request status.
    public var requestId: String
    /// `Request will be processed`, …
    public var result: String?
    public var took: Double?
    /// Creates an accepted request.
    public init(requestId: String, result: String? = nil, took: Double? = nil) {
        self.requestId = requestId; self.result = result; self.took = took
    }
}

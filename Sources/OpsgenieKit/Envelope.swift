import Foundation
import OperationsModel

/// Paging links of a list answer.
public struct Paging: Codable, Sendable, Hashable {
    public var prev: String?
    public var next: String?
    public var first: String?
    public var last: String?
    /// Creates paging links.
    public init(prev: String? = nil, next: String? = nil, first: String? = nil, last: String? = nil) {
        self.prev = prev; self.next = next; self.first = first; self.last = last
    }
}

/// Opsgenie's response envelope: `data`, `took`, `requestId` and, for lists, `paging`.
struct Envelope<Payload: Decodable & Sendable>: Decodable, Sendable {
    var data: Payload
    var took: Double?
    var requestId: String?
    var paging: Paging?
    var totalCount: Int?
}

/// The body of an error answer.
struct ErrorBody: Decodable {
    var message: String?
    var code: Int?
    var requestId: String?
    var took: Double?
}

/// `{"count": N}`.
struct CountPayload: Decodable, Sendable { var count: Int }

/// `{"heartbeats": […]}`.
struct HeartbeatListPayload: Decodable, Sendable { var heartbeats: [Heartbeat]? }

/// The JSON body of an alert write.
struct ActionPayload: Encodable {
    var user: String?
    var source: String?
    var note: String?
    var endTime: Date?
    var owner: Recipient?
    var escalation: Recipient?
    var tags: [String]?

    init(_ context: ActionContext) {
        user = context.user; source = context.source; note = context.note
    }
}

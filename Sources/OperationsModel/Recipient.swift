import Foundation

/// Someone or something that can be notified: a user, team, escalation, schedule, `all` or `none`.
public struct Recipient: Codable, Sendable, Hashable {
    /// `user`, `team`, `escalation`, `schedule`, `all` or `none`.
    public var type: ResponderType?
    public var id: String?
    public var name: String?
    public var username: String?
    /// Creates a recipient.
    public init(type: ResponderType?, id: String? = nil, name: String? = nil, username: String? = nil) {
        self.type = type; self.id = id; self.name = name; self.username = username
    }
}

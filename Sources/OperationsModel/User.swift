import Foundation

/// A user's role in the account.
public struct UserRole: Codable, Sendable, Hashable {
    public var id: String?
    public var name: String?
    /// Creates a role.
    public init(id: String? = nil, name: String? = nil) { self.id = id; self.name = name }
}

/// A person in the account.
public struct User: Codable, Sendable, Hashable {
    public var id: String
    /// The login, an e-mail address.
    public var username: String?
    public var fullName: String?
    public var role: UserRole?
    public var timeZone: String?
    public var locale: String?
    public var tags: [String]?
    public var blocked: Bool?
    public var verified: Bool?
    public var createdAt: Date?
    /// Creates a user.
    public init(id: String, username: String?, fullName: String?, role: UserRole? = nil, timeZone: String? = nil,
                locale: String? = nil, tags: [String]? = nil, blocked: Bool? = nil, verified: Bool? = nil,
                createdAt: Date? = nil) {
        self.id = id; self.username = username; self.fullName = fullName; self.role = role; self.timeZone = timeZone
        self.locale = locale; self.tags = tags; self.blocked = blocked; self.verified = verified; self.createdAt = createdAt
    }
}

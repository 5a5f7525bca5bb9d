import Foundation
import OperationsModel

/// A user reference in a team.
public struct UserMeta: Codable, Sendable, Hashable {
    public var id: String?
    public var username: String?
    /// Creates a user reference.
    public init(id: String?, username: String?) { self.id = id; self.username = username }
}

/// A member of a team.
public struct TeamMember: Codable, Sendable, Hashable {
    public var user: UserMeta?
    public var role: String?
    /// Creates a member.
    public init(user: UserMeta?, role: String?) { self.user = user; self.role = role }
}

/// A team.
public struct Team: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var description: String?
    public var members: [TeamMember]?
    /// Creates a team.
    public init(id: String, name: String?, description: String? = nil, members: [TeamMember]? = nil) {
        self.id = id; self.name = name; self.description = description; self.members = members
    }
}

/// The account's plan.
public struct AccountPlan: Codable, Sendable, Hashable {
    public var maxUserCount: Int?
    public var name: String?
    public var isYearly: Bool?
    /// Creates a plan.
    public init(maxUserCount: Int?, name: String?, isYearly: Bool?) {
        self.maxUserCount = maxUserCount; self.name = name; self.isYearly = isYearly
    }
}

/// The account the key belongs to.
public struct AccountInfo: Codable, Sendable, Hashable {
    public var name: String?
    public var userCount: Int?
    public var plan: AccountPlan?
    /// Creates account info.
    public init(name: String?, userCount: Int?, plan: AccountPlan?) {
        self.name = name; self.userCount = userCount; self.plan = plan
    }
}

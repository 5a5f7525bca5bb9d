import Foundation

/// A team reference.
public struct TeamMeta: Codable, Sendable, Hashable {
    public var id: String?
    public var name: String?
    /// Creates a team reference.
    public init(id: String? = nil, name: String? = nil) { self.id = id; self.name = name }
}

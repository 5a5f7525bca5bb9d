import Foundation

/// An incident (v1 API).
public struct Incident: Codable, Sendable, Hashable {
    public var id: String
    public var tinyId: String?
    public var message: String?
    /// `open`, `resolved`, `closed`, …
    public var status: String?
    public var isSeen: Bool?
    public var tags: [String]?
    public var createdAt: Date?
    public var updatedAt: Date?
    public var source: String?
    public var owner: String?
    public var priority: AlertPriority?
    public var responders: [Responder]?
    public var ownerTeam: String?
    public var description: String?
    /// Ids of the services the incident impacts.
    public var impactedServices: [String]?
    /// Custom key-value pairs (`details` in the seed's description, `extraProperties` in Opsgenie's swagger).
    public var details: [String: String]?
    /// The configured source it came from when several share one screen (`nil` with one source).
    public var origin: String?
    /// Creates an incident.
    public init(id: String, tinyId: String? = nil, message: String? = nil, status: String? = nil, isSeen: Bool? = nil,
                tags: [String]? = nil, createdAt: Date? = nil, updatedAt: Date? = nil, source: String? = nil,
                owner: String? = nil, priority: AlertPriority? = nil, responders: [Responder]? = nil,
                ownerTeam: String? = nil, description: String? = nil,
                impactedServices: [String]? = nil, details: [String: String]? = nil) {
        self.id = id; self.tinyId = tinyId; self.message = message; self.status = status; self.isSeen = isSeen
        self.tags = tags; self.createdAt = createdAt; self.updatedAt = updatedAt; self.source = source
        self.owner = owner; self.priority = priority; self.responders = responders; self.ownerTeam = ownerTeam
        self.description = description; self.impactedServices = impactedServices; self.details = details
    }
}

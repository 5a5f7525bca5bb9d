import Foundation
import OperationsModel

/// The body of `POST /v1/incidents/create`.
///
/// Fields of the seed's `CreateIncidentRequest` (`impactedServices` among them) and of the swagger's
/// `CreateIncidentPayload` (`note`, `serviceId`, which the swagger and the Go SDK mark required).
public struct CreateIncidentPayload: Codable, Sendable, Hashable {
    /// At most 130 characters.
    public var message: String
    public var description: String?
    /// Teams (or users) the incident is routed to.
    public var responders: [Recipient]?
    /// At most 20.
    public var tags: [String]?
    /// Custom key-value pairs.
    public var details: [String: String]?
    /// P1…P5; Opsgenie's default is P3.
    public var priority: AlertPriority?
    /// Ids of the services the incident impacts.
    public var impactedServices: [String]?
    /// A note added as the incident is created.
    public var note: String?
    /// The service the incident is created on.
    public var serviceId: String?
    /// Whether stakeholders are notified (default false).
    public var notifyStakeholders: Bool?

    /// Creates a payload.
    public init(message: String, description: String? = nil, responders: [Recipient]? = nil, tags: [String]? = nil,
                details: [String: String]? = nil, priority: AlertPriority? = nil, impactedServices: [String]? = nil,
                note: String? = nil, serviceId: String? = nil, notifyStakeholders: Bool? = nil) {
        self.message = message; self.description = description; self.responders = responders; self.tags = tags
        self.details = details; self.priority = priority; self.impactedServices = impactedServices; self.note = note
        self.serviceId = serviceId; self.notifyStakeholders = notifyStakeholders
    }
}

/// One page of `GET /v1/incidents`.
public struct IncidentListPage: Sendable, Hashable {
    /// The incidents on this page, in the order asked for.
    public var incidents: [Incident]
    /// How many incidents matched the query in all, when the answer says (`totalCount`).
    public var totalCount: Int?
    /// The offset of the next page, when `paging.next` names one.
    public var nextOffset: Int?
    /// Creates a page.
    public init(incidents: [Incident], totalCount: Int? = nil, nextOffset: Int? = nil) {
        self.incidents = incidents; self.totalCount = totalCount; self.nextOffset = nextOffset
    }
}

/// An incident as the wire carries it: the seed calls its custom properties `details`, Opsgenie's swagger
/// (`BaseIncident`) and Go SDK call them `extraProperties`; either fills ``Incident/details``.
struct IncidentPayload: Decodable, Sendable {
    var incident: Incident
    private enum Keys: String, CodingKey { case extraProperties }
    init(from decoder: any Decoder) throws {
        incident = try Incident(from: decoder)
        if incident.details == nil {
            incident.details = try decoder.container(keyedBy: Keys.self).decodeIfPresent([String: String].self, forKey: .extraProperties)
        }
    }
}

/// `IncidentRequestStatus` (swagger): `success` and `isSuccess` both say whether the write applied.
struct IncidentRequestStatusPayload: Decodable, Sendable {
    var success: Bool?
    var action: String?
    var processedAt: Date?
    var integrationId: String?
    var isSuccess: Bool?
    var status: String?
    var incidentId: String?

    var requestStatus: RequestStatus {
        RequestStatus(action: action, processedAt: processedAt, integrationId: integrationId, isSuccess: isSuccess ?? success,
                      status: status, alertId: nil, alias: nil, incidentId: incidentId)
    }
}

/// The JSON body of resolve, close and add note: `{"note": …}`.
struct IncidentNotePayload: Encodable {
    var note: String?
}

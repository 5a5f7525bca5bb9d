import Foundation

/// The outcome of an asynchronous write, from `/v2/alerts/requests/{requestId}` or
/// `/v1/incidents/requests/{requestId}`.
public struct RequestStatus: Codable, Sendable, Hashable {
    /// `Acknowledge`, `Close`, `Create`, …
    public var action: String?
    public var processedAt: Date?
    public var integrationId: String?
    /// Whether the write applied.
    public var isSuccess: Bool?
    /// Opsgenie's words on the outcome (the failure reason when `isSuccess` is false).
    public var status: String?
    public var alertId: String?
    public var alias: String?
    /// The incident created or changed, for an incident write (`incidentId` in `IncidentRequestStatus`).
    public var incidentId: String?
    /// Creates a request status.
    public init(action: String?, processedAt: Date?, integrationId: String? = nil, isSuccess: Bool?, status: String?,
                alertId: String?, alias: String?, incidentId: String? = nil) {
        self.action = action; self.processedAt = processedAt; self.integrationId = integrationId
        self.isSuccess = isSuccess; self.status = status; self.alertId = alertId; self.alias = alias
        self.incidentId = incidentId
    }
}

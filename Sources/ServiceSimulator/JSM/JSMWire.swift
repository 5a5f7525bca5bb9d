import Foundation
import OpsgenieKit

/// The JSON the JSM Operations side answers with, named after Atlassian's OpenAPI schemas
/// (docs/jsm.md, [OAS]). No `data` envelope anywhere; `nil` fields are left out.
enum JSMWire {
    /// `ListAlertResponseLink`, `HeartbeatLinks`, …: `next` is a relative path rooted at `/v1`, absent on the last page.
    struct Links: Encodable {
        var next: String?
    }

    /// `HeartbeatPaginatedResponse`, `EscalationPaginatedResponse`, `GetAlertNotesResponse`, `AlertLogsResponse`.
    struct Page<Value: Encodable>: Encodable {
        var values: [Value]
        var links: Links
    }

    /// `ListAlertResponse`: a page of alerts and the total that match.
    struct AlertList: Encodable {
        var values: [Alert]
        var count: Int
        var links: Links
    }

    /// `ListSchedulesResponse`.
    struct ScheduleList: Encodable {
        var values: [Schedule]
        var links: Links
        var _expands: [String]
    }

    /// `Responder`: an id and a type, no name.
    struct Responder: Encodable {
        var id: String?
        var type: String?
    }

    /// `AlertResponse`.
    struct Alert: Encodable {
        var id: String
        var tinyId: String?
        var createdAt: Date?
        var updatedAt: Date?
        var message: String?
        var entity: String?
        var source: String?
        var status: String
        var alias: String?
        var tags: [String]?
        var extraProperties: [String: String]?
        var description: String?
        var acknowledged: Bool?
        var count: Int?
        var owner: String?
        var snoozed: Bool?
        var snoozedUntil: Date?
        /// Spelt with one r, as the spec and real answers spell it.
        var lastOccuredAt: Date?
        /// When it was acknowledged and closed (timestamps, where Opsgenie's `report` has milliseconds).
        var ackTime: Date?
        var closeTime: Date?
        var integrationType: String?
        var integrationName: String?
        var priority: String?
        var responders: [Responder]?
        var actions: [String]?
        var seen: Bool?

        /// The alert as JSM shows it; `ownerName` turns the world's owner (a username) into a display name.
        init(_ a: OpsgenieKit.Alert, ownerName: (String) -> String?) {
            id = a.id; tinyId = a.tinyId; createdAt = a.createdAt; updatedAt = a.updatedAt; message = a.message
            entity = a.entity; source = a.source; alias = a.alias; tags = a.tags ?? []
            extraProperties = a.details ?? [:]; description = a.description; acknowledged = a.acknowledged
            count = a.count; snoozed = a.snoozed; snoozedUntil = a.snoozedUntil; lastOccuredAt = a.lastOccurredAt
            ackTime = a.report?.ackTime.flatMap { ms in a.createdAt.map { $0.addingTimeInterval(Double(ms) / 1000) } }
            closeTime = a.report?.closeTime.flatMap { ms in a.createdAt.map { $0.addingTimeInterval(Double(ms) / 1000) } }
            integrationType = a.integration?.type; integrationName = a.integration?.name; priority = a.priority?.rawValue
            responders = (a.responders ?? []).map { Responder(id: $0.id, type: $0.type?.rawValue) }
            actions = a.actions ?? []; seen = a.isSeen
            owner = a.owner.flatMap { $0.isEmpty ? nil : (ownerName($0) ?? $0) }
            status = Self.status(of: a)
        }

        /// JSM's five-valued status from the world's open/closed plus flags. The simulator never
        /// resolves an alert, so `resolved` is not produced. A snoozed alert that was also
        /// acknowledged reads `snoozed` (the later, more specific state) — the order is not documented.
        static func status(of a: OpsgenieKit.Alert) -> String {
            if a.status == .closed { return "closed" }
            if a.snoozed == true { return "snoozed" }
            if a.acknowledged == true { return "acked" }
            return "open"
        }
    }

    /// `SuccessResponse`, the 202 of every asynchronous write.
    struct Success: Encodable {
        var result = "Request will be processed"
        var requestId: String
        /// Seconds, as the spec's integer (its example, 0.195, is not one).
        var took: Int
    }

    /// `GetRequestStatusResponse`, unwrapped.
    struct RequestStatus: Encodable {
        var action: String?
        var processedAt: Date?
        var integrationId: String?
        var isSuccess: Bool?
        var status: String?
        var alertId: String?
        var alias: String?

        init(_ s: OpsgenieKit.RequestStatus) {
            action = s.action; processedAt = s.processedAt; integrationId = s.integrationId ?? ""
            isSuccess = s.isSuccess; status = s.status; alertId = s.alertId; alias = s.alias
        }
    }

    /// `AlertNote`.
    struct Note: Encodable {
        var id: String
        var createdAt: Date?
        var updatedAt: Date?
        var note: String?
        var owner: String?
    }

    /// `AlertLog`: the time is `logTime`, the kind `logType`.
    struct Log: Encodable {
        var logTime: Date?
        var logType: String?
        var log: String?
        var owner: String?
    }

    /// `ListPlatformTeamResponse` and its `PlatformTeamDto`.
    struct Teams: Encodable {
        struct Team: Encodable {
            var teamId: String
            var teamName: String?
        }
        var platformTeams: [Team]
    }

    /// `Heartbeat`: capitalised `intervalUnit`, a `status` instead of `expired`, no `lastPingTime`.
    struct Heartbeat: Encodable {
        var name: String
        var description: String?
        var interval: Int?
        var intervalUnit: String?
        var enabled: Bool?
        var status: String
        var ownerTeamId: String?
        var alertMessage: String?
        var alertTags: [String]?
        var alertPriority: String?
    }

    /// `EscalationResponse` with its `EscalationRuleResponse`s and `EscalationRepeat`.
    struct Escalation: Encodable {
        struct Rule: Encodable {
            var condition: String?
            var notifyType: String?
            var delay: Int64?
            var recipient: Responder?
        }
        struct Repeat: Encodable {
            var waitInterval: Int
            var count: Int
            var resetRecipientStates: Bool
            var closeAlertAfterAll: Bool
        }
        var id: String
        var name: String?
        var description: String?
        var rules: [Rule]
        var enabled: Bool
        var `repeat`: Repeat?
    }

    /// `Schedule`, with `Rotation`s (participants as `ResponderInfo`) when expanded.
    struct Schedule: Encodable {
        struct Rotation: Encodable {
            var id: String?
            var name: String?
            var startDate: Date?
            var endDate: Date?
            var type: String?
            var length: Int?
            var participants: [Responder]
        }
        var id: String
        var name: String?
        var description: String?
        var timezone: String?
        var enabled: Bool?
        var teamId: String?
        var rotations: [Rotation]?
    }

    /// `OnCallParticipant`.
    struct Participant: Encodable {
        var id: String
        var type: String
    }

    /// `OnCallResponse` (`onCallUsers` when flat, else `onCallParticipants`).
    struct OnCall: Encodable {
        var onCallUsers: [String]?
        var onCallParticipants: [Participant]?
    }

    /// `NextOnCallResponse` (`nextOnCallUsers` when flat, else `nextOnCallParticipants`).
    struct NextOnCall: Encodable {
        var nextOnCallUsers: [String]?
        var nextOnCallParticipants: [Participant]?
    }

    /// `{"message": "PONG - Heartbeat received"}` ([OAS `SimpleSuccessResponse`]).
    struct Message: Encodable {
        var message: String
    }

    /// `GET /_edge/tenant_info`.
    struct TenantInfo: Encodable {
        var cloudId: String
    }

    /// Jira's `PageBean` of users from `GET /rest/api/3/user/bulk`.
    struct UserPage: Encodable {
        struct User: Encodable {
            var accountId: String
            var accountType = "atlassian"
            var displayName: String
            var emailAddress: String?
            var active = true
        }
        /// This page's URL (`self` on the wire).
        var selfLink: String
        var nextPage: String?
        var maxResults: Int
        var startAt: Int
        var total: Int
        var isLast: Bool
        var values: [User]

        enum CodingKeys: String, CodingKey {
            case selfLink = "self", nextPage, maxResults, startAt, total, isLast, values
        }
    }
}

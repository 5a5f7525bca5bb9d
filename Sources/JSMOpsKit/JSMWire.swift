import Foundation
import OperationsModel

// JSM Operations' wire shapes (docs/jsm.md, from Atlassian's OpenAPI description). Decoding is
// tolerant: every field optional, unknown enum values kept.

/// `{"values": […], "links": {"next": "/v1/…"}}`, with `count` on the alert list.
struct JSMPage<Item: Decodable & Sendable>: Decodable, Sendable {
    var values: [Item]?
    var links: Links?
    var count: Int?
    struct Links: Decodable, Sendable { var next: String? }
}

/// `AlertResponse`.
struct JSMAlert: Decodable, Sendable {
    var id: String
    var tinyId: String?
    var alias: String?
    var message: String?
    var status: String?
    var acknowledged: Bool?
    var seen: Bool?
    var isSeen: Bool?
    var tags: [String]?
    var snoozed: Bool?
    var snoozedUntil: Date?
    var count: Int?
    /// Spelt with one r in the spec and in real answers; the other spelling is read too, in
    /// case the service ever corrects it.
    var lastOccuredAt: Date?
    var lastOccurredAt: Date?
    /// When it was acknowledged and closed: timestamps (Opsgenie's `report` gives milliseconds since creation).
    var ackTime: Date?
    var closeTime: Date?
    var createdAt: Date?
    var updatedAt: Date?
    var source: String?
    var owner: String?
    var priority: String?
    var responders: [JSMResponder]?
    var integrationType: String?
    var integrationName: String?
    var actions: [String]?
    var entity: String?
    var description: String?
    /// Documented as text values, but the spec's own example has `"backend": false`: any scalar is read as text.
    var extraProperties: [String: LooseText]?

    /// The service-neutral alert; team responders named from `teamNames`.
    func alert(teamNames: [String: String]) -> Alert {
        // JSM has five states; the neutral model keeps open/closed and flags for the rest.
        let neutralStatus: AlertStatus = switch status {
        case "closed": .closed
        case "resolved": AlertStatus(rawValue: "resolved")
        default: .open
        }
        func millis(since start: Date?, _ end: Date?) -> Int64? {
            guard let start, let end, end >= start else { return nil }
            return Int64((end.timeIntervalSince(start) * 1000).rounded())
        }
        let report = ackTime == nil && closeTime == nil ? nil
            : AlertReport(ackTime: millis(since: createdAt, ackTime), closeTime: millis(since: createdAt, closeTime))
        return Alert(id: id, tinyId: tinyId, alias: alias, message: message, status: neutralStatus,
                     acknowledged: acknowledged ?? (status == "acked"), isSeen: seen ?? isSeen, tags: tags,
                     snoozed: snoozed ?? (status == "snoozed"), snoozedUntil: snoozedUntil, count: count,
                     lastOccurredAt: lastOccuredAt ?? lastOccurredAt, createdAt: createdAt, updatedAt: updatedAt, source: source, owner: owner,
                     priority: priority.map { AlertPriority(rawValue: $0) },
                     responders: responders?.map { Responder(type: $0.type.map { ResponderType(rawValue: $0) }, id: $0.id,
                                                             name: $0.type == "team" ? $0.id.flatMap { teamNames[$0] } : nil) },
                     integration: integrationName.map { AlertIntegration(name: $0, type: integrationType) },
                     report: report, actions: actions, entity: entity, description: description,
                     details: extraProperties?.mapValues(\.text))
    }
}

/// A JSON scalar read as text (`false` → "false", `3` → "3"); anything else is `""`.
struct LooseText: Decodable, Sendable {
    var text: String
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(String.self) { text = value }
        else if let value = try? container.decode(Bool.self) { text = String(value) }
        else if let value = try? container.decode(Int64.self) { text = String(value) }
        else if let value = try? container.decode(Double.self) { text = String(value) }
        else { text = "" }
    }
}

/// `{id, type}`: responders carry no names.
struct JSMResponder: Decodable, Sendable {
    var id: String?
    var type: String?
}

/// `SuccessResponse`: a write was accepted.
struct JSMAccepted: Decodable, Sendable {
    var result: String?
    var requestId: String?
    var took: Double?
}

/// `GetRequestStatusResponse`, unwrapped.
struct JSMRequestStatus: Decodable, Sendable {
    var action: String?
    var processedAt: Date?
    var integrationId: String?
    var isSuccess: Bool?
    var status: String?
    var alertId: String?
    var alias: String?
}

/// `AlertNote`.
struct JSMNote: Decodable, Sendable {
    var id: String?
    var note: String?
    var owner: String?
    var createdAt: Date?
}

/// `AlertLog`: the time is `logTime`.
struct JSMLog: Decodable, Sendable {
    var log: String?
    var logType: String?
    var owner: String?
    var logTime: Date?
}

/// `ListPlatformTeamResponse`.
struct JSMTeams: Decodable, Sendable {
    var platformTeams: [Team]?
    struct Team: Decodable, Sendable { var teamId: String; var teamName: String? }
}

/// A team's `Heartbeat`.
struct JSMHeartbeat: Decodable, Sendable {
    var name: String
    var description: String?
    var interval: Int?
    var intervalUnit: String?
    /// A boolean; the spec's own example gives it as the string `"true"`, which is read too.
    var enabled: LooseText?
    var status: String?
    var ownerTeamId: String?

    /// The neutral heartbeat: `Unresponsive` is expired; `Off` is disabled.
    func heartbeat(teamName: String?) -> Heartbeat {
        let enabled: Bool? = switch self.enabled?.text { case "true": true; case "false": false; default: nil }
        return Heartbeat(name: name, description: description, interval: interval, enabled: status == "Off" ? false : enabled,
                  intervalUnit: intervalUnit.map { HeartbeatIntervalUnit(rawValue: $0.lowercased()) }, expired: status == "Unresponsive",
                  lastPingTime: nil, ownerTeam: TeamMeta(id: ownerTeamId, name: teamName))
    }
}

/// `EscalationResponse`.
struct JSMEscalation: Decodable, Sendable {
    /// `EscalationRuleResponse`: the delay is whole minutes; the recipient has an id and a type, no name.
    struct Rule: Decodable, Sendable {
        struct Recipient: Decodable, Sendable {
            var id: String?
            var type: String?
        }
        var condition: String?
        var notifyType: String?
        var delay: Int64?
        var recipient: Recipient?
    }
    /// `EscalationRepeat`.
    struct Repeat: Decodable, Sendable {
        var waitInterval: Int?
        var count: Int?
        var resetRecipientStates: Bool?
        var closeAlertAfterAll: Bool?
    }
    var id: String
    var name: String?
    var description: String?
    var enabled: Bool?
    var rules: [Rule]?
    var `repeat`: Repeat?
}

/// `Schedule`.
struct JSMSchedule: Decodable, Sendable {
    var id: String
    var name: String?
    var timezone: String?
    var enabled: Bool?
    var teamId: String?
}

/// `OnCallResponse` / `NextOnCallResponse` with `flat=true`: account ids.
struct JSMOnCallUsers: Decodable, Sendable {
    var onCallUsers: [String]?
    var nextOnCallUsers: [String]?
}

/// `{"cloudId": "…"}` from the site's `_edge/tenant_info`.
struct JSMTenantInfo: Decodable, Sendable { var cloudId: String }

/// A Jira `PageBean` of users from `/rest/api/3/user/bulk`.
struct JiraUserPage: Decodable, Sendable {
    var values: [JiraUser]?
    var isLast: Bool?
    var total: Int?
    struct JiraUser: Decodable, Sendable {
        var accountId: String
        var displayName: String?
        var emailAddress: String?
        var active: Bool?
    }
}

/// Error bodies: `{"errors":[{"title","code"}]}`, or `{"code","message"}` (401 and alerts).
struct JSMErrorBody: Decodable, Sendable {
    var errors: [Entry]?
    var message: String?
    var requestId: String?
    struct Entry: Decodable, Sendable { var title: String?; var code: String? }

    var text: String {
        if let titles = errors?.compactMap(\.title), !titles.isEmpty { return titles.joined(separator: "; ") }
        return message ?? ""
    }
}

import Foundation
import OpsgenieKit

/// The search language applied to incidents (`GET /v1/incidents?query=…`): the same grammar as alerts, on the
/// fields an incident has: `status:open|resolved|closed`, priority, tag, message, description, tinyId, owner,
/// isSeen, teams; free text matches the message, description and tags.
extension AlertQueryExpression {
    /// Fields an incident query may name.
    static let incidentFields: Set<String> = ["status", "priority", "tag", "tags", "message", "description", "tinyid", "owner",
                                              "isseen", "teams", "team", "responders"]

    /// Parses an incident query, refusing fields incidents do not have.
    static func parseIncidentQuery(_ text: String) throws(ParseError) -> AlertQueryExpression {
        let expression = try parse(text)
        if let field = expression.fieldsNamed.first(where: { !incidentFields.contains($0) }) {
            throw ParseError(message: "Invalid query: unknown field '\(field)'")
        }
        return expression
    }

    /// Every field a term of the expression names.
    private var fieldsNamed: [String] {
        switch self {
        case .all, .text: []
        case .term(let field, _): [field]
        case .not(let e): e.fieldsNamed
        case .and(let a, let b), .or(let a, let b): a.fieldsNamed + b.fieldsNamed
        }
    }

    /// Whether `incident` matches.
    func matches(_ incident: Incident, teamNames: [String: String]) -> Bool {
        switch self {
        case .all: return true
        case .not(let e): return !e.matches(incident, teamNames: teamNames)
        case .and(let a, let b): return a.matches(incident, teamNames: teamNames) && b.matches(incident, teamNames: teamNames)
        case .or(let a, let b): return a.matches(incident, teamNames: teamNames) || b.matches(incident, teamNames: teamNames)
        case .text(let t):
            let needle = t.lowercased()
            return [incident.message, incident.description, incident.tinyId].contains { $0?.lowercased().contains(needle) == true }
                || (incident.tags ?? []).contains { $0.lowercased() == needle }
        case .term(let field, let raw):
            let value = raw.lowercased()
            func eq(_ s: String?) -> Bool { s?.lowercased() == value }
            switch field {
            case "status": return eq(incident.status)
            case "priority": return eq(incident.priority?.rawValue)
            case "tag", "tags": return (incident.tags ?? []).contains { $0.lowercased() == value }
            case "message": return incident.message?.lowercased().contains(value) ?? false
            case "description": return incident.description?.lowercased().contains(value) ?? false
            case "tinyid": return eq(incident.tinyId)
            case "owner": return eq(incident.owner) || (incident.owner?.lowercased().hasPrefix(value + "@") ?? false)
            case "isseen": return (incident.isSeen ?? false) == (value == "true")
            default:
                return (incident.responders ?? []).contains { r in
                    r.type == .team && (r.id?.lowercased() == value || teamNames[r.id ?? ""]?.lowercased() == value)
                } || eq(incident.ownerTeam)
            }
        }
    }
}

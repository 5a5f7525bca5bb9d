import Foundation
import OperationsModel

/// What a source's answers look like on a shared screen: every id scoped by the source's
/// name (`og-eu:…`, so two accounts never share one and actions find their way back) and
/// the source named in `origin`. Names people read are left alone, but for pickers that
/// list several sources' entries side by side.
struct SourceScoping: Sendable {
    let name: String

    func id(_ id: String) -> String { SourceScope.scope(id, in: name) }

    func alert(_ alert: Alert) -> Alert {
        var alert = alert
        alert.id = id(alert.id)
        alert.responders = alert.responders.map { $0.map(responder) }
        alert.origin = name
        return alert
    }

    /// A responder whose id is scoped; one known only by its id keeps that id as its name, so
    /// the screen shows what the service calls it.
    func responder(_ responder: Responder) -> Responder {
        var responder = responder
        if responder.name == nil, responder.username == nil { responder.name = responder.id }
        responder.id = responder.id.map(id)
        return responder
    }

    func recipient(_ recipient: Recipient) -> Recipient {
        var recipient = recipient
        if recipient.name == nil, recipient.username == nil { recipient.name = recipient.id }
        recipient.id = recipient.id.map(id)
        return recipient
    }

    func limit(_ limit: FeatureLimit) -> FeatureLimit {
        var limit = limit
        limit.origin = name
        return limit
    }

    func heartbeat(_ heartbeat: Heartbeat) -> Heartbeat {
        var heartbeat = heartbeat
        heartbeat.origin = name
        return heartbeat
    }

    func onCall(_ summary: OnCallSummary) -> OnCallSummary {
        var summary = summary
        summary.scheduleId = id(summary.scheduleId)
        summary.origin = name
        return summary
    }

    func user(_ user: User) -> User {
        var user = user
        user.id = id(user.id)
        return user
    }

    func escalation(_ escalation: Escalation) -> Escalation {
        var escalation = escalation
        escalation.name = "\(name): \(escalation.name ?? escalation.id)"
        escalation.id = id(escalation.id)
        escalation.rules = escalation.rules.map { $0.map { rule in
            var rule = rule
            rule.recipient = rule.recipient.map(recipient)
            return rule
        } }
        return escalation
    }

    func savedSearch(_ search: SavedSearchMeta) -> SavedSearchMeta {
        var search = search
        search.id = id(search.id)
        search.name = "\(name): \(search.name)"
        return search
    }

    func incident(_ incident: Incident) -> Incident {
        var incident = incident
        incident.id = id(incident.id)
        incident.responders = incident.responders.map { $0.map(responder) }
        incident.origin = name
        return incident
    }

    func receipt(_ receipt: ActionReceipt) -> ActionReceipt { ActionReceipt(requestId: id(receipt.requestId)) }
}

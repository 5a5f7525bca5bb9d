import Foundation
import OperationsModel
@testable import VigilCore

/// A fixed virtual time for every golden screen.
let fixedNow = Date(timeIntervalSince1970: 1_795_000_000)

func alert(_ n: Int, _ priority: AlertPriority, acked: Bool = false, minutesAgo: Double, message: String? = nil, owner: String = "") -> Alert {
    Alert(id: "id-\(n)", tinyId: String(n), alias: "alias-\(n)", message: message ?? "[svc-\(n)] something is wrong \(n)", status: .open,
          acknowledged: acked, tags: ["svc-\(n)"], count: n % 3 + 1, createdAt: fixedNow.addingTimeInterval(-minutesAgo * 60),
          source: "prometheus", owner: owner, priority: priority,
          responders: [Responder(type: "team", id: "team-\(n % 2)", name: n % 2 == 0 ? "platform" : "payments")])
}

let sampleAlerts: [Alert] = [
    alert(1, .p3, minutesAgo: 90), alert(2, .p1, minutesAgo: 5), alert(3, .p2, acked: true, minutesAgo: 30, owner: "bob@example.com"),
    alert(4, .p1, minutesAgo: 12), alert(5, .p5, minutesAgo: 300), alert(6, .p4, minutesAgo: 45),
]

let sampleHeartbeats: [Heartbeat] = [
    Heartbeat(name: "api-gateway", interval: 5, enabled: true, intervalUnit: .minutes, expired: false, lastPingTime: fixedNow.addingTimeInterval(-30)),
    Heartbeat(name: "billing-cron", interval: 1, enabled: true, intervalUnit: .hours, expired: true, lastPingTime: fixedNow.addingTimeInterval(-7200)),
    Heartbeat(name: "edge-probe", interval: 2, enabled: true, intervalUnit: .minutes, expired: false, lastPingTime: fixedNow.addingTimeInterval(-100)),
]

let sampleOnCall: [OnCallSummary] = [
    OnCallSummary(scheduleId: "s1", scheduleName: "platform_schedule", current: ["grace@example.com"], next: ["judy@example.com"],
                  handoffAt: fixedNow.addingTimeInterval(40 * 60)),
    OnCallSummary(scheduleId: "s2", scheduleName: "payments_schedule", current: ["bob@example.com"], next: ["erin@example.com"],
                  handoffAt: fixedNow.addingTimeInterval(5 * 3600)),
]

/// A dashboard that has loaded the sample data once.
func incident(_ n: Int, _ priority: AlertPriority, minutesAgo: Double, message: String, status: String = "open") -> Incident {
    Incident(id: "incident-\(n)", tinyId: String(n), message: message, status: status, tags: ["outage"],
             createdAt: fixedNow.addingTimeInterval(-minutesAgo * 60), priority: priority,
             responders: [Responder(type: "team", id: "team-0", name: "platform")], ownerTeam: "platform",
             description: "Customers see errors at checkout.", impactedServices: ["checkout", "payments-api"],
             details: ["region": "eu-west"])
}

let sampleIncidents: [Incident] = [
    incident(1, .p4, minutesAgo: 200, message: "Search results slow"),
    incident(2, .p2, minutesAgo: 20, message: "Checkout degraded in eu-west"),
]

func loadedState(width: Int = 120, height: Int = 40, readOnly: Bool = false, journaling: Bool = false,
                 configure: (inout DashboardSettings) -> Void = { _ in }) -> DashboardState {
    var settings = DashboardSettings(host: "api.opsgenie.com", readOnly: readOnly)
    settings.journaling = journaling
    configure(&settings)
    var state = DashboardState(settings: settings, now: fixedNow, width: width, height: height)
    _ = state.update(.tick(fixedNow))
    _ = state.update(.alertsLoaded(.success(AlertPage(alerts: sampleAlerts, nextOffset: nil, pagesFetched: 1))))
    _ = state.update(.heartbeatsLoaded(.success(sampleHeartbeats)))
    _ = state.update(.onCallLoaded(.success(sampleOnCall)))
    _ = state.update(.incidentsLoaded(.success(IncidentPage(incidents: sampleIncidents))))
    return state
}

/// The alerts poll `state` asks for with `filter` (its rows in view, a list that fits one page).
func alertPoll(_ state: DashboardState, _ filter: AlertFilter) -> DashboardEffect {
    .pollAlerts(AlertListRequest(filter: filter, rows: state.alertViewport, expectLarge: state.alertPane.expectLarge))
}

/// platform_escalation: its schedule at once, again (next) at 15m unless acked, the team at 1h unless closed.
func platformEscalation(id: String = "e1") -> Escalation {
    Escalation(id: id, name: "platform_escalation", rules: [
        EscalationRule(condition: "if-not-acked", notifyType: "default", delay: EscalationDelay(timeAmount: 0, timeUnit: "minutes"),
                       recipient: Recipient(type: .schedule, id: "s1", name: "platform_schedule")),
        EscalationRule(condition: "if-not-acked", notifyType: "next", delay: EscalationDelay(timeAmount: 15, timeUnit: "minutes"),
                       recipient: Recipient(type: .schedule, id: "s1", name: "platform_schedule")),
        EscalationRule(condition: "if-not-closed", notifyType: "default", delay: EscalationDelay(timeAmount: 1, timeUnit: "hours"),
                       recipient: Recipient(type: .team, id: "t1", name: "platform")),
    ])
}

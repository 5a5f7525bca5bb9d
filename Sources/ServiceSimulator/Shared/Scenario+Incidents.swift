import Foundation
import OpsgenieKit

/// The incidents a scenario starts with: one open in `ops-room` and `incident`, none in `quiet`.
extension Scenario {
    /// The incidents open at `start`, with their notes and logs.
    func incidents(start: Date) -> IncidentStore {
        var store = IncidentStore()
        switch self {
        case .quiet: break
        case .opsRoom: Self.seedCheckoutIncident(in: &store, start: start)
        case .incident: Self.seedPaymentsOutage(in: &store, start: start)
        case .scale, .hostile:
            store.seed(Incident(id: "incident-1", tinyId: "1", message: "Checkout degraded in eu-west", status: "open",
                                createdAt: start.addingTimeInterval(-1800), priority: .p2, ownerTeam: "team-storefront"))
        }
        return store
    }

    /// A P2 the storefront team owns, with payments responding: what the ops room is working on.
    private static func seedCheckoutIncident(in store: inout IncidentStore, start: Date) {
        let created = start.addingTimeInterval(-1800)
        store.seed(
            Incident(id: "incident-1", tinyId: "1", message: "Checkout degraded in eu-west", status: "open", isSeen: true,
                     tags: ["checkout", "eu-west", "customer-facing"], createdAt: created, updatedAt: created.addingTimeInterval(900),
                     source: "alice@example.com", owner: "alice@example.com", priority: .p2,
                     responders: [Responder(type: .team, id: "team-storefront", name: "storefront"),
                                  Responder(type: .team, id: "team-payments", name: "payments")],
                     ownerTeam: "team-storefront",
                     description: "Checkout p99 latency is above 4 s in eu-west since 09:12; about 8% of orders time out at the payment step.",
                     impactedServices: ["service-checkout", "service-payments"],
                     details: ["region": "eu-west-1", "runbook": "https://runbooks.example.com/checkout-latency",
                               "status-page": "investigating"]),
            notes: [AlertNote(note: "Card provider latency normal; looking at our payment gateway pods.", owner: "alice@example.com",
                              createdAt: created.addingTimeInterval(600)),
                    AlertNote(note: "Gateway pods restarted at 09:40, p99 back under 2 s, watching.", owner: "bob@example.com",
                              createdAt: created.addingTimeInterval(1500))],
            log: ["Responders added: storefront, payments", "Status page entry posted: investigating"])
    }

    /// A P1 outage to go with the storm of alerts.
    private static func seedPaymentsOutage(in store: inout IncidentStore, start: Date) {
        let created = start.addingTimeInterval(-300)
        store.seed(
            Incident(id: "incident-1", tinyId: "1", message: "Payments outage: card authorisations failing", status: "open",
                     isSeen: true, tags: ["payments", "outage"], createdAt: created, updatedAt: created, source: "carol@example.com",
                     owner: "carol@example.com", priority: .p1,
                     responders: [Responder(type: .team, id: "team-payments", name: "payments"),
                                  Responder(type: .team, id: "team-platform", name: "platform")],
                     ownerTeam: "team-payments", description: "Card authorisations fail with upstream timeouts in every region.",
                     impactedServices: ["service-payments", "service-checkout"], details: ["severity": "SEV1", "bridge": "ops-bridge-1"]),
            notes: [AlertNote(note: "Bridge open, platform joining.", owner: "carol@example.com", createdAt: created.addingTimeInterval(120))],
            log: ["Responders added: payments, platform"])
    }
}

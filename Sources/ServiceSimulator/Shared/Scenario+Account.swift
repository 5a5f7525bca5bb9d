import Foundation
import OpsgenieKit

/// The account a scenario starts with: people, teams, escalations, saved searches, heartbeats
/// (its incidents are in `Scenario+Incidents.swift`).
extension Scenario {
    /// Everyone in the account; the hostile scenario adds a user whose names are built to break a terminal.
    func users(start: Date) -> [User] {
        var users = Self.people.enumerated().map { i, name in
            User(id: "user-\(name)", username: "\(name)@example.com", fullName: name.capitalized,
                 role: UserRole(id: i == 0 ? "Admin" : "User", name: i == 0 ? "Admin" : "User"),
                 timeZone: ["Europe/Berlin", "America/New_York", "Asia/Tokyo"][i % 3], verified: true, createdAt: start.addingTimeInterval(-86400 * 400))
        }
        if self == .hostile {
            users.append(User(id: "user-evil", username: "evil\u{1B}[2J@example.com", fullName: "\u{202E}live\u{202C} \u{1B}]0;pwned\u{07}"))
        }
        return users
    }

    /// The teams, each with every third person.
    static func teams() -> [Team] {
        teamNames.enumerated().map { i, name in
            Team(id: "team-\(name)", name: name, description: "\(name.capitalized) engineering",
                 members: people.enumerated().filter { $0.offset % 3 == i }.map { TeamMember(user: UserMeta(id: "user-\($0.element)", username: "\($0.element)@example.com"), role: "user") })
        }
    }

    /// One escalation per team: its schedule when not acknowledged, repeated twice.
    static func escalations() -> [Escalation] {
        teamNames.map { team in
            Escalation(id: "esc-\(team)", name: "\(team)_escalation", description: "Page \(team) then its lead",
                       ownerTeam: TeamMeta(id: "team-\(team)", name: team),
                       rules: [EscalationRule(condition: "if-not-acked", notifyType: "default",
                                              delay: EscalationDelay(timeAmount: 0, timeUnit: "minutes"),
                                              recipient: Recipient(type: "schedule", id: "sched-\(team)", name: "\(team)_schedule")),
                               EscalationRule(condition: "if-not-acked", notifyType: "next",
                                              delay: EscalationDelay(timeAmount: 15, timeUnit: "minutes"),
                                              recipient: Recipient(type: "schedule", id: "sched-\(team)", name: "\(team)_schedule")),
                               EscalationRule(condition: "if-not-closed", notifyType: "default",
                                              delay: EscalationDelay(timeAmount: 60, timeUnit: "minutes"),
                                              recipient: Recipient(type: "team", id: "team-\(team)", name: team))],
                       repeat: EscalationRepeat(waitInterval: 10, count: 2))
        }
    }

    /// The saved searches `searchIdentifier` can name.
    static func savedSearches() -> [(meta: SavedSearchMeta, query: String)] {
        [
            (SavedSearchMeta(id: "ss-p1", name: "open P1"), "status:open AND priority:P1"),
            (SavedSearchMeta(id: "ss-payments", name: "payments"), "status:open AND teams:payments"),
        ]
    }

    /// Four live heartbeats, each last pinged a random few seconds before `start`; billing's cron
    /// belongs to payments, the rest to platform.
    static func addHeartbeats(to world: inout SimulatorWorld, start: Date, using rng: inout SeededGenerator) {
        let beats: [(String, Int, HeartbeatIntervalUnit)] = [("api-gateway", 5, .minutes), ("billing-cron", 1, .hours),
                                                               ("backup-nightly", 1, .days), ("edge-probe", 2, .minutes)]
        for (name, interval, unit) in beats {
            world.heartbeatOrder.append(name)
            world.heartbeats[name] = SimulatedHeartbeat(
                heartbeat: Heartbeat(name: name, description: "\(name) liveness", interval: interval, enabled: true, intervalUnit: unit,
                                     expired: false, lastPingTime: start.addingTimeInterval(-Double(Int.random(in: 0..<30, using: &rng))),
                                     ownerTeam: name == "billing-cron" ? TeamMeta(id: "team-payments", name: "payments")
                                                                       : TeamMeta(id: "team-platform", name: "platform")),
                alive: true)
        }
    }
}

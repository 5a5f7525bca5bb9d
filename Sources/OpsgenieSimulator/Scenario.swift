import Foundation
import OpsgenieKit

/// A seeded, deterministic account and its day: people, teams, rotations, heartbeats, and a
/// stream of alerts on the virtual clock.
public enum Scenario: String, CaseIterable, Sendable {
    /// A handful of alerts, nothing happening: for idle measurements.
    case quiet
    /// A busy, realistic day in an ops room.
    case opsRoom = "ops-room"
    /// A storm: hundreds of alerts in a minute, P1s, a heartbeat dies, a handoff mid-incident.
    case incident
    /// 10,000 open alerts.
    case scale
    /// Text built to break terminals: escapes, controls, bidi, zero-width, combining, huge lines, CJK, emoji.
    case hostile

    /// Every scenario name.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// Looks a scenario up by name.
    public init?(named name: String) { self.init(rawValue: name) }

    static let services = ["checkout", "payments", "search", "auth", "inventory", "email", "cdn", "db-primary", "kafka", "k8s-node"]
    static let symptoms = ["p99 latency above SLO", "error rate 5xx > 2%", "disk 91% full", "CPU saturated", "pod crash looping",
                           "replication lag 45s", "certificate expires in 7 days", "queue depth growing", "health check failing",
                           "memory pressure"]
    static let people = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"]
    static let teamNames = ["platform", "payments", "storefront"]

    /// Builds the world at `start`.
    func build(start: Date, seed: UInt64) -> SimulatorWorld {
        var rng = SeededGenerator(seed: seed)
        var w = SimulatorWorld(start: start)
        w.users = Self.people.enumerated().map { i, name in
            User(id: "user-\(name)", username: "\(name)@example.com", fullName: name.capitalized,
                 role: UserRole(id: i == 0 ? "Admin" : "User", name: i == 0 ? "Admin" : "User"),
                 timeZone: ["Europe/Berlin", "America/New_York", "Asia/Tokyo"][i % 3], verified: true, createdAt: start.addingTimeInterval(-86400 * 400))
        }
        w.teams = Self.teamNames.enumerated().map { i, name in
            Team(id: "team-\(name)", name: name, description: "\(name.capitalized) engineering",
                 members: Self.people.enumerated().filter { $0.offset % 3 == i }.map { TeamMember(user: UserMeta(id: "user-\($0.element)", username: "\($0.element)@example.com"), role: "user") })
        }
        // Rotations hand off at 09:00 and 17:00 UTC-ish boundaries relative to the start day.
        let day = Calendar(identifier: .gregorian).startOfDay(for: start)
        w.schedules = Self.teamNames.enumerated().map { i, team in
            let members = Self.people.enumerated().filter { $0.offset % 3 == i }.map { Recipient(type: "user", id: "user-\($0.element)", username: "\($0.element)@example.com") }
            let rotation = ScheduleRotation(id: "rot-\(team)", name: "\(team) primary", startDate: day.addingTimeInterval(9 * 3600 - 86400 * 14),
                                            type: i == 0 ? .daily : (i == 1 ? .hourly : .weekly), length: i == 1 ? 8 : 1, participants: members)
            return Schedule(id: "sched-\(team)", name: "\(team)_schedule", description: "On call for \(team)",
                            timezone: ["Europe/Berlin", "America/New_York", "Asia/Tokyo"][i], enabled: true,
                            ownerTeam: TeamMeta(id: "team-\(team)", name: team), rotations: [rotation])
        }
        w.escalations = Self.teamNames.map { team in
            Escalation(id: "esc-\(team)", name: "\(team)_escalation", description: "Page \(team) then its lead",
                       ownerTeam: TeamMeta(id: "team-\(team)", name: team),
                       rules: [EscalationRule(condition: "if-not-acked", notifyType: "default",
                                              delay: EscalationDelay(timeAmount: 0, timeUnit: "minutes"),
                                              recipient: Recipient(type: "schedule", id: "sched-\(team)", name: "\(team)_schedule"))],
                       repeat: EscalationRepeat(waitInterval: 10, count: 2))
        }
        w.savedSearches = [
            (SavedSearchMeta(id: "ss-p1", name: "open P1"), "status:open AND priority:P1"),
            (SavedSearchMeta(id: "ss-payments", name: "payments"), "status:open AND teams:payments"),
        ]
        let beats: [(String, Int, HeartbeatIntervalUnit)] = [("api-gateway", 5, .minutes), ("billing-cron", 1, .hours),
                                                               ("backup-nightly", 1, .days), ("edge-probe", 2, .minutes)]
        for (name, interval, unit) in beats {
            w.heartbeatOrder.append(name)
            w.heartbeats[name] = SimulatedHeartbeat(
                heartbeat: Heartbeat(name: name, description: "\(name) liveness", interval: interval, enabled: true, intervalUnit: unit,
                                     expired: false, lastPingTime: start.addingTimeInterval(-Double(Int.random(in: 0..<30, using: &rng))),
                                     ownerTeam: TeamMeta(id: "team-platform", name: "platform")),
                alive: true)
        }
        w.incidents = [Incident(id: "incident-1", tinyId: "1", message: "Checkout degraded in eu-west", status: "open",
                                createdAt: start.addingTimeInterval(-1800), priority: .p2, ownerTeam: "team-storefront")]

        func template(_ i: Int, priority: String? = nil, at date: Date) -> CreateAlertRequest {
            let service = Self.services[Int.random(in: 0..<Self.services.count, using: &rng)]
            let symptom = Self.symptoms[Int.random(in: 0..<Self.symptoms.count, using: &rng)]
            let team = Self.teamNames[Int.random(in: 0..<Self.teamNames.count, using: &rng)]
            let p = priority ?? ["P1", "P2", "P3", "P3", "P4", "P5"][Int.random(in: 0..<6, using: &rng)]
            return CreateAlertRequest(message: "[\(service)] \(symptom)", alias: "\(service)-\(symptom.prefix(12))",
                                      description: "\(service): \(symptom). Runbook: https://runbooks.example.com/\(service)",
                                      responders: [Recipient(type: "team", id: "team-\(team)", name: team)],
                                      tags: [service, team], details: ["host": "\(service)-\(i % 7).prod", "region": ["eu-west-1", "us-east-1"][i % 2]],
                                      entity: service, source: ["prometheus", "datadog", "pingdom"][i % 3], priority: p)
        }

        // Alerts already open when the simulator starts.
        let initial: Int
        switch self {
        case .quiet: initial = 4
        case .opsRoom: initial = 25
        case .incident: initial = 15
        case .scale: initial = 10_000
        case .hostile: initial = 0
        }
        for i in 0..<initial {
            let created = start.addingTimeInterval(-Double(initial - i) * (self == .scale ? 3 : 240))
            var request = template(i, at: created)
            if self == .scale { request.alias = "scale-\(i)" }
            _ = w.create(request, at: created, by: request.source ?? "monitoring")
        }
        if self == .hostile {
            for (i, request) in Self.hostileAlerts().enumerated() {
                _ = w.create(request, at: start.addingTimeInterval(-Double(60 * (20 - i))), by: "hostile")
            }
            w.users.append(User(id: "user-evil", username: "evil\u{1B}[2J@example.com", fullName: "\u{202E}live\u{202C} \u{1B}]0;pwned\u{07}"))
        }
        // A few are already acknowledged or owned.
        for id in w.creationOrder.prefix(initial / 5) {
            w.alerts[id]?.acknowledged = true
            w.alerts[id]?.owner = "\(Self.people[Int.random(in: 0..<Self.people.count, using: &rng)])@example.com"
        }

        // The day's stream of events.
        var events: [(Date, ScenarioEvent)] = []
        switch self {
        case .quiet, .scale, .hostile:
            break
        case .opsRoom:
            var t = start
            var i = initial
            while t < start.addingTimeInterval(86400 * 2) {
                t = t.addingTimeInterval(Double(Int.random(in: 60...420, using: &rng)))
                i += 1
                let flapping = Int.random(in: 0..<4, using: &rng) == 0
                events.append((t, .fire(template(i, at: t), autoCloseAfter: flapping ? Double(Int.random(in: 120...900, using: &rng)) : nil)))
            }
            events.append((start.addingTimeInterval(3 * 3600), .stopHeartbeat("billing-cron")))
            events.append((start.addingTimeInterval(5 * 3600), .resumeHeartbeat("billing-cron")))
        case .incident:
            var i = initial
            let storm = start.addingTimeInterval(30)
            for k in 0..<300 {
                i += 1
                let at = storm.addingTimeInterval(Double(k) * 0.2)
                var request = template(i, priority: k % 10 == 0 ? "P1" : (k % 3 == 0 ? "P2" : nil), at: at)
                request.message = "[checkout] \(Self.symptoms[k % Self.symptoms.count]) on node \(k % 40)"
                request.alias = "storm-\(k % 120)"
                events.append((at, .fire(request, autoCloseAfter: nil)))
            }
            events.append((storm.addingTimeInterval(20), .stopHeartbeat("edge-probe")))
        }
        w.events = events.sorted { $0.0 < $1.0 }.map { (at: $0.0, event: $0.1) }
        return w
    }

    /// Alerts whose text is built to break a terminal.
    static func hostileAlerts() -> [CreateAlertRequest] {
        let samples: [(String, String)] = [
            ("ESC clear screen \u{1B}[2J\u{1B}[H and red \u{1B}[31mRED\u{1B}[0m", "csi"),
            ("OSC title \u{1B}]0;owned\u{07} and hyperlink \u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\", "osc"),
            ("C0 controls: bell\u{07} backspace\u{08}\u{08} tab\tCR\rnewline\nform\u{0C}", "c0"),
            ("C1 controls: \u{85}NEL \u{9B}31mCSI \u{9D}OSC", "c1"),
            ("Bidi override: \u{202E}gnp.exe\u{202C} and isolate \u{2067}abc\u{2069}", "bidi"),
            ("Zero width: a\u{200B}b\u{200C}c\u{200D}d\u{FEFF}e\u{2060}f", "zw"),
            ("Combining: Z\u{0351}\u{0346}\u{0344}a\u{0310}\u{0313}l\u{0300}\u{0301}\u{0302}g\u{0303}o\u{0304}", "combining"),
            ("CJK 監視システムの警告: ディスク容量不足 データベース", "cjk"),
            ("Emoji 🔥🚨 family 👨‍👩‍👧‍👦 flag 🇺🇦 skin 👍🏽", "emoji"),
            ("Long line " + String(repeating: "overflow-", count: 1200), "long"),
            ("DEL\u{7F} and NUL-ish \u{01}\u{02}\u{03}", "del"),
        ]
        return samples.enumerated().map { i, sample in
            CreateAlertRequest(message: sample.0, alias: "hostile-\(sample.1)",
                               description: "Description with \u{1B}[5mblink\u{1B}[0m and \u{202E}reversed\u{202C}\n" + String(repeating: "描述", count: 50),
                               responders: [Recipient(type: "team", id: "team-platform", name: "platform")],
                               tags: ["\u{1B}[31mtag", "タグ", "🔥"], details: ["\u{1B}[2Jkey": "value\u{07}"],
                               entity: "hostile", source: "fuzzer\u{1B}[0m", priority: ["P1", "P2", "P3", "P4", "P5"][i % 5])
        }
    }
}

import Foundation
import OpsgenieKit

/// A scenario's alerts: those open at the start, and the day's stream of events on the virtual clock.
extension Scenario {
    /// The `i`th alert as this simulator raises it, given the one the scenario drew (``SharedAlerts``).
    typealias Sharing = (Int, CreateAlertRequest) -> CreateAlertRequest

    /// A random alert from a service, a symptom and a team; `i` varies host, region and source.
    static func alertTemplate(_ i: Int, priority: String? = nil, using rng: inout SeededGenerator) -> CreateAlertRequest {
        let service = services[Int.random(in: 0..<services.count, using: &rng)]
        let symptom = symptoms[Int.random(in: 0..<symptoms.count, using: &rng)]
        let team = teamNames[Int.random(in: 0..<teamNames.count, using: &rng)]
        let p = priority ?? ["P1", "P2", "P3", "P3", "P4", "P5"][Int.random(in: 0..<6, using: &rng)]
        return CreateAlertRequest(message: "[\(service)] \(symptom)", alias: "\(service)-\(symptom.prefix(12))",
                                  description: "\(service): \(symptom). Runbook: https://runbooks.example.com/\(service)",
                                  responders: [Recipient(type: "team", id: "team-\(team)", name: team)],
                                  tags: [service, team], details: ["host": "\(service)-\(i % 7).prod", "region": ["eu-west-1", "us-east-1"][i % 2]],
                                  entity: service, source: ["prometheus", "datadog", "pingdom"][i % 3], priority: p)
    }

    /// How many alerts are already open when the simulator starts (hostile adds its own on top).
    var initialAlertCount: Int {
        switch self {
        case .quiet: 4
        case .opsRoom: 25
        case .incident: 15
        case .scale: 10_000
        case .hostile: 0
        }
    }

    /// Creates the alerts open at `start`; the oldest fifth are already acknowledged and owned,
    /// each acknowledged one to fifteen minutes after it was raised (so `scale`, whose alerts
    /// go back eight hours, has alerts acknowledged long ago and still open).
    func addInitialAlerts(to world: inout SimulatorWorld, start: Date, count: Int? = nil, sharing: Sharing? = nil,
                          using rng: inout SeededGenerator) {
        let initial = count ?? initialAlertCount
        for i in 0..<initial {
            let created = start.addingTimeInterval(-Double(initial - i) * (self == .scale ? 3 : 240))
            var request = Self.alertTemplate(i, using: &rng)
            if self == .scale { request.alias = "scale-\(i)" }
            if let sharing { request = sharing(i, request) }
            _ = world.create(request, at: created, by: request.source ?? "monitoring")
        }
        if self == .hostile {
            for (i, request) in Self.hostileAlerts().enumerated() {
                _ = world.create(request, at: start.addingTimeInterval(-Double(60 * (20 - i))), by: "hostile")
            }
        }
        for id in world.creationOrder.prefix(initial / 5) {
            let owner = "\(Self.people[Int.random(in: 0..<Self.people.count, using: &rng)])@example.com"
            world.alerts[id]?.acknowledged = true
            world.alerts[id]?.owner = owner
            world.alerts[id]?.report?.ackTime = Int64(Int.random(in: 1...15, using: &rng)) * 60_000
            world.alerts[id]?.report?.acknowledgedBy = owner
        }
    }

    /// The day's stream of events, in the order they were drawn (the caller sorts them by time).
    func events(start: Date, sharing: Sharing? = nil, using rng: inout SeededGenerator) -> [(Date, ScenarioEvent)] {
        switch self {
        case .quiet, .scale, .hostile: []
        case .opsRoom: opsRoomDay(start: start, sharing: sharing, using: &rng)
        case .incident: incidentStorm(start: start, using: &rng)
        }
    }

    /// Two days of alerts every one to seven minutes, a quarter of them flapping (closing by themselves),
    /// and a heartbeat that stops for two hours.
    private func opsRoomDay(start: Date, sharing: Sharing?, using rng: inout SeededGenerator) -> [(Date, ScenarioEvent)] {
        var events: [(Date, ScenarioEvent)] = []
        var t = start
        var i = initialAlertCount
        while t < start.addingTimeInterval(86400 * 2) {
            t = t.addingTimeInterval(Double(Int.random(in: 60...420, using: &rng)))
            i += 1
            let flapping = Int.random(in: 0..<4, using: &rng) == 0
            var request = Self.alertTemplate(i, using: &rng)
            if let sharing { request = sharing(i, request) }
            let autoClose = flapping ? Double(Int.random(in: 120...900, using: &rng)) : nil
            events.append((t, .fire(request, autoCloseAfter: autoClose)))
        }
        events.append((start.addingTimeInterval(3 * 3600), .stopHeartbeat("billing-cron")))
        events.append((start.addingTimeInterval(5 * 3600), .resumeHeartbeat("billing-cron")))
        return events
    }

    /// 300 alerts in a minute on 120 aliases, every tenth a P1, and the edge probe dies.
    private func incidentStorm(start: Date, using rng: inout SeededGenerator) -> [(Date, ScenarioEvent)] {
        var events: [(Date, ScenarioEvent)] = []
        var i = initialAlertCount
        let storm = start.addingTimeInterval(30)
        for k in 0..<300 {
            i += 1
            let at = storm.addingTimeInterval(Double(k) * 0.2)
            var request = Self.alertTemplate(i, priority: k % 10 == 0 ? "P1" : (k % 3 == 0 ? "P2" : nil), using: &rng)
            request.message = "[checkout] \(Self.symptoms[k % Self.symptoms.count]) on node \(k % 40)"
            request.alias = "storm-\(k % 120)"
            events.append((at, .fire(request, autoCloseAfter: nil)))
        }
        events.append((storm.addingTimeInterval(20), .stopHeartbeat("edge-probe")))
        return events
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

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
    ///
    /// The order matters: every step that draws from `rng` runs in the same order for a seed, so a
    /// scenario replays identically.
    func build(start: Date, seed: UInt64, shared: SharedAlerts? = nil, initialAlerts: Int? = nil) -> SimulatorWorld {
        var rng = SeededGenerator(seed: seed)
        var world = SimulatorWorld(start: start)
        world.users = users(start: start)
        world.teams = Self.teams()
        world.schedules = Self.schedules(start: start)
        world.escalations = Self.escalations()
        world.savedSearches = Self.savedSearches()
        Self.addHeartbeats(to: &world, start: start, using: &rng)
        world.incidents = incidents(start: start)
        let sharing = shared.map { rule in { (i: Int, own: CreateAlertRequest) in rule.request(i, own: own, simulator: seed) } }
        addInitialAlerts(to: &world, start: start, count: initialAlerts, sharing: sharing, using: &rng)
        world.events = events(start: start, sharing: sharing, using: &rng).sorted { $0.0 < $1.0 }.map { (at: $0.0, event: $0.1) }
        return world
    }
}

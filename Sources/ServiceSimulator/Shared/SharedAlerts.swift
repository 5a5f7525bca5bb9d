import Foundation
import OpsgenieKit

/// A monitor that sends to two accounts at once, as teams do for weeks while moving from
/// Opsgenie to JSM: simulators configured with the same ``seed`` raise a share of their
/// alerts identically — the same alias, message, entity, priority and, for alerts open at the
/// start, the same creation time — and the rest with aliases of their own.
///
/// Only the alert's content changes; every request and answer stays the service's own.
public struct SharedAlerts: Sendable, Hashable {
    /// Simulators with the same seed share the same alerts.
    public var seed: UInt64
    /// The share of alerts sent to every such simulator, 0…100.
    public var percent: Int

    /// Creates a sharing rule.
    public init(seed: UInt64, percent: Int) { self.seed = seed; self.percent = max(0, min(100, percent)) }

    /// Whether the scenario's `i`th alert goes to every simulator sharing ``seed``.
    func isShared(_ i: Int) -> Bool {
        var rng = SeededGenerator(seed: seed ^ (UInt64(i) &* 0xD1B5_4A32_D192_ED03))
        return Int.random(in: 0..<100, using: &rng) < percent
    }

    /// The `i`th alert as this simulator raises it: the shared one, or `own` under an alias no
    /// other simulator uses (`simulator`: this simulator's own seed).
    func request(_ i: Int, own: CreateAlertRequest, simulator: UInt64) -> CreateAlertRequest {
        guard isShared(i) else {
            var own = own
            own.alias = "\(own.alias ?? "alert")-\(simulator)-\(i)"
            return own
        }
        var rng = SeededGenerator(seed: seed &+ UInt64(i) &* 7919)
        var shared = Scenario.alertTemplate(i, using: &rng)
        shared.alias = "\(shared.alias ?? "alert")-shared-\(i)"
        return shared
    }
}

import Foundation

/// Something the account cannot see, said in the service's own terms: a feature its plan
/// lacks (402), a team or schedule the key may not read (403), a feature the site does not
/// have (404). Not an outage: the rest of the pane and every other pane stay live, and the
/// source is not put in back-off.
public struct FeatureLimit: Sendable, Hashable, Codable {
    /// Why it cannot be seen.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// The plan does not include it (402).
        case plan
        /// The key or token may not read it (403).
        case rights
        /// The service or site does not have it (404).
        case absent
    }

    /// The feature: `heartbeats`, `on-call`, `escalations`, `names`.
    public var feature: String
    /// The team or schedule it concerns (`nil`: the whole feature).
    public var scope: String?
    public var reason: Reason
    /// What the pane says: "heartbeats need JSM Premium or Enterprise", "team platform-ops: no access".
    public var text: String
    /// The configured source it came from when several share one screen.
    public var origin: String?

    /// Creates a limit.
    public init(feature: String, scope: String? = nil, reason: Reason, text: String, origin: String? = nil) {
        self.feature = feature; self.scope = scope; self.reason = reason; self.text = text; self.origin = origin
    }

    /// The limit an error stands for, or `nil` when it is a real failure (an outage, a bad
    /// answer, a wrong key). `planText` is the service's wording of what the plan lacks.
    public static func from(_ error: OperationsError, feature: String, scope: String? = nil, planText: String? = nil) -> FeatureLimit? {
        let subject = scope ?? feature
        switch error.status {
        case 402:
            return FeatureLimit(feature: feature, scope: scope, reason: .plan, text: planText ?? "\(feature): not in this plan")
        case 403 where error.internalCode != 40301 || scope != nil:
            return FeatureLimit(feature: feature, scope: scope, reason: .rights, text: "\(subject): no access")
        case 403:
            return FeatureLimit(feature: feature, scope: scope, reason: .rights, text: "\(feature): this key lacks the access right")
        case 404 where scope == nil:
            return FeatureLimit(feature: feature, scope: nil, reason: .absent, text: "\(feature): not available on this account")
        default:
            return nil
        }
    }
}

/// An answer that holds what could be read, and what could not ([``FeatureLimit``]).
public struct LimitedAnswer<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var limits: [FeatureLimit]
    /// Creates an answer.
    public init(_ value: Value, limits: [FeatureLimit] = []) {
        self.value = value
        self.limits = limits
    }
}

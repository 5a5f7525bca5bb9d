import Foundation

/// One injected fault: which requests it hits and what goes wrong.
///
/// Set from `vigil simulate --fault …` or at run time with `POST /_sim/faults` and a JSON body
/// `{"rules":[{"route":"/v2/alerts","status":503,"probability":0.5}]}`; `DELETE /_sim/faults` clears them.
///
/// A rule that sets several faults applies them in this order: `latencyMs`, then `stall`, `drop`,
/// `status` (answered before the request is handled), `dropAfterHandling`, `body`.
public struct FaultRule: Codable, Sendable, Hashable {
    /// How a body is damaged.
    public enum BodyFault: String, Codable, Sendable, Hashable {
        /// Not JSON at all.
        case malformed
        /// The real body cut in half, connection closed.
        case truncated
        /// Valid JSON with wrongly typed fields.
        case wrongTypes
        /// A valid 10 MB body.
        case huge
    }

    /// Path prefix it applies to (`/v2/alerts`); `nil` for every API route.
    public var route: String?
    /// HTTP method it applies to; `nil` for any.
    public var method: String?
    /// Answer with this status and an error body (Opsgenie's, or JSM's on the JSM routes) instead of the real answer.
    public var status: Int?
    /// Chance of applying to a matching request, 0…1.
    public var probability: Double?
    /// Added delay before answering, in milliseconds.
    public var latencyMs: Int?
    /// Damage the body of the real answer.
    public var body: BodyFault?
    /// Close the connection without answering; the request is not handled (a write is not applied).
    public var drop: Bool?
    /// Never answer (until the client gives up).
    public var stall: Bool?
    /// Handle the request, then close the connection without answering, as if it reset after the
    /// server processed it: a write is accepted and applies, yet the client sees only a transport error.
    public var dropAfterHandling: Bool?

    /// Creates a rule.
    public init(route: String? = nil, method: String? = nil, status: Int? = nil, probability: Double? = nil,
                latencyMs: Int? = nil, body: BodyFault? = nil, drop: Bool? = nil, stall: Bool? = nil,
                dropAfterHandling: Bool? = nil) {
        self.route = route; self.method = method; self.status = status; self.probability = probability
        self.latencyMs = latencyMs; self.body = body; self.drop = drop; self.stall = stall
        self.dropAfterHandling = dropAfterHandling
    }

    func matches(method: String, path: String) -> Bool {
        if let route, !path.hasPrefix(route) { return false }
        if let m = self.method, m.uppercased() != method.uppercased() { return false }
        return true
    }

    /// Parses the `--fault` flag form: `status=503,route=/v2/alerts,probability=0.1,latency=200,body=truncated,drop,stall,drop-after`.
    ///
    /// `drop` closes the connection before the request is handled; `drop-after` handles it first
    /// (a write is applied) and then closes the connection without answering.
    public init(flag: String) throws(SimulatorStartError) {
        self.init()
        for part in flag.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            let key = pieces[0].trimmingCharacters(in: .whitespaces)
            let value = pieces.count > 1 ? pieces[1] : ""
            switch key {
            case "route": route = value
            case "method": method = value
            case "status":
                guard let s = Int(value), (100...599).contains(s) else { throw SimulatorStartError(message: "fault status must be 100…599, got \(value)") }
                status = s
            case "probability":
                guard let p = Double(value), (0...1).contains(p) else { throw SimulatorStartError(message: "fault probability must be 0…1, got \(value)") }
                probability = p
            case "latency":
                guard let l = Int(value), l >= 0 else { throw SimulatorStartError(message: "fault latency is milliseconds, got \(value)") }
                latencyMs = l
            case "body":
                guard let b = BodyFault(rawValue: value) else { throw SimulatorStartError(message: "fault body must be malformed, truncated, wrongTypes or huge, got \(value)") }
                body = b
            case "drop": drop = true
            case "stall": stall = true
            case "drop-after": dropAfterHandling = true
            default:
                throw SimulatorStartError(message: "unknown fault setting '\(key)': use route, method, status, probability, latency, body, "
                                          + "drop (close without handling), stall, drop-after (handle, then close without answering)")
            }
        }
    }
}

/// The body of `POST /_sim/faults`.
struct FaultRuleSet: Codable, Sendable {
    var rules: [FaultRule]
}

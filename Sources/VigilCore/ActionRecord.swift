import Foundation
import OperationsModel

/// Where an action is in its life: shown on the row and in the status line.
public enum ActionPhase: Sendable, Hashable, Codable {
    /// Pressed, not yet answered.
    case sending
    /// The API could not be reached; it will be sent again.
    case queued(reason: String)
    /// Accepted (202); waiting for request status.
    case accepted(requestId: String)
    /// Request status said it applied.
    case confirmed
    /// Refused, with the API's reason.
    case failed(reason: String)

    /// Not yet confirmed or failed.
    public var isOpen: Bool {
        switch self { case .confirmed, .failed: false; default: true }
    }
}

/// What an action asks of the service: a change to an alert or to an incident.
public enum ActionRequest: Sendable, Hashable {
    case alert(AlertAction)
    case incident(IncidentAction)

    /// A short verb for the screen.
    public var verb: String {
        switch self {
        case .alert(let action): action.verb
        case .incident(let action): action.verb
        }
    }

    /// Whether applying it twice leaves things as applying it once.
    public var isRepeatSafe: Bool {
        switch self {
        case .alert(let action): action.isRepeatSafe
        case .incident(let action): action.isRepeatSafe
        }
    }

    /// What may already have happened when a write that must not be sent twice lost its
    /// answer, and where to look: a note may have been posted, a custom action may have run.
    public var mayHaveApplied: (what: String, check: String) {
        switch self {
        case .alert(.customAction(let name)): ("'\(name)' may have run", "check the alert's log before running it again")
        case .alert(.addNote), .incident(.addNote): ("the note may have been posted", "check the notes before adding it again")
        default: ("it may have applied", "check the alert before sending it again")
        }
    }

    /// How the screen names what it acts on: `#12` for an alert, `incident #3` for an incident.
    func subject(_ tinyId: String) -> String {
        if case .incident = self { return "incident #\(tinyId)" }
        return "#\(tinyId)"
    }
}

/// One action on one alert or incident.
public struct ActionRecord: Sendable, Hashable, Identifiable {
    /// Number within this run (journaled actions are renumbered when resumed).
    public var id: Int
    /// What was asked for.
    public var request: ActionRequest
    /// The alert or incident it acts on.
    public var targetId: String
    /// The target's short id, for the screen.
    public var tinyId: String
    /// When the key was pressed.
    public var createdAt: Date
    /// Where it is in its life.
    public var phase: ActionPhase
    /// How many times it was sent.
    public var attempts: Int
    /// When it was confirmed or failed.
    public var finishedAt: Date?
    /// When a queued action may be sent again.
    public var retryAt: Date?
    /// The first record's id of the bulk action over marked alerts this one belongs to, whose
    /// result is said once for all of them (not journaled: a resumed action is said on its own).
    public var batch: Int?

    /// Creates a record.
    public init(id: Int, request: ActionRequest, targetId: String, tinyId: String, createdAt: Date, phase: ActionPhase,
                attempts: Int, finishedAt: Date? = nil) {
        self.id = id; self.request = request; self.targetId = targetId; self.tinyId = tinyId; self.createdAt = createdAt
        self.phase = phase; self.attempts = attempts; self.finishedAt = finishedAt
    }

    /// Creates a record of an action on an alert.
    public init(id: Int, action: AlertAction, alertId: String, tinyId: String, createdAt: Date, phase: ActionPhase,
                attempts: Int, finishedAt: Date? = nil) {
        self.init(id: id, request: .alert(action), targetId: alertId, tinyId: tinyId, createdAt: createdAt, phase: phase,
                  attempts: attempts, finishedAt: finishedAt)
    }

    /// The alert it acts on, or `nil` for an incident.
    public var alertId: String? {
        if case .alert = request { return targetId }
        return nil
    }

    /// The incident it acts on, or `nil` for an alert.
    public var incidentId: String? {
        if case .incident = request { return targetId }
        return nil
    }

    /// The alert action, or `nil` for an incident.
    public var alertAction: AlertAction? {
        if case .alert(let action) = request { return action }
        return nil
    }

    /// How the screen names it: `ack #12`, `resolve incident #3`.
    public var label: String { "\(request.verb) \(request.subject(tinyId))" }
}

/// The journal's form: an alert action under `action` and `alertId` (as journals written
/// before incidents had it), an incident action under `incidentAction` and `incidentId`.
extension ActionRecord: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, action, alertId, incidentAction, incidentId, tinyId, createdAt, phase, attempts, finishedAt, retryAt
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        if let action = try c.decodeIfPresent(IncidentAction.self, forKey: .incidentAction) {
            request = .incident(action)
            targetId = try c.decode(String.self, forKey: .incidentId)
        } else {
            request = .alert(try c.decode(AlertAction.self, forKey: .action))
            targetId = try c.decode(String.self, forKey: .alertId)
        }
        tinyId = try c.decode(String.self, forKey: .tinyId)
        createdAt = try c.decode(Date.self, forKey: .createdAt)
        phase = try c.decode(ActionPhase.self, forKey: .phase)
        attempts = try c.decode(Int.self, forKey: .attempts)
        finishedAt = try c.decodeIfPresent(Date.self, forKey: .finishedAt)
        retryAt = try c.decodeIfPresent(Date.self, forKey: .retryAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        switch request {
        case .alert(let action):
            try c.encode(action, forKey: .action)
            try c.encode(targetId, forKey: .alertId)
        case .incident(let action):
            try c.encode(action, forKey: .incidentAction)
            try c.encode(targetId, forKey: .incidentId)
        }
        try c.encode(tinyId, forKey: .tinyId)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(phase, forKey: .phase)
        try c.encode(attempts, forKey: .attempts)
        try c.encodeIfPresent(finishedAt, forKey: .finishedAt)
        try c.encodeIfPresent(retryAt, forKey: .retryAt)
    }
}

import Foundation

/// A change a person asks for on an alert.
public enum AlertAction: Sendable, Hashable, Codable {
    case acknowledge
    case unacknowledge
    case close
    case snooze(until: Date)
    case assign(UserReference)
    case escalate(EscalationReference)
    case addNote(String)
    case addTags([String])
    case removeTags([String])
    /// Runs one of the alert's custom actions, by name.
    case customAction(String)

    /// Whether applying it twice leaves the alert as applying it once (a note does not).
    public var isRepeatSafe: Bool {
        switch self {
        case .addNote, .customAction: return false  // a note posted twice, a restart run twice
        default: return true
        }
    }

    /// A short verb for the screen: `ack`, `close`, `snooze`, …
    public var verb: String {
        switch self {
        case .acknowledge: "ack"
        case .unacknowledge: "unack"
        case .close: "close"
        case .snooze: "snooze"
        case .assign: "assign"
        case .escalate: "escalate"
        case .addNote: "note"
        case .addTags: "tag"
        case .removeTags: "untag"
        case .customAction: "action"
        }
    }
}

/// What a backend gives back for an accepted write: enough to ask for its outcome later.
public struct ActionReceipt: Sendable, Hashable, Codable {
    /// The backend's id for the request (Opsgenie's `requestId`).
    public var requestId: String
    /// Creates a receipt.
    public init(requestId: String) { self.requestId = requestId }
}

/// The optional who/why fields every alert write takes.
public struct ActionContext: Sendable, Hashable, Codable {
    /// Display name of the request owner (shown in the alert log).
    public var user: String?
    /// Display name of the request source.
    public var source: String?
    /// A note added with the action.
    public var note: String?
    /// Creates a context; the default source is `vigil`.
    public init(user: String? = nil, source: String? = "vigil", note: String? = nil) {
        self.user = user; self.source = source; self.note = note
    }
}

/// A user to assign an alert to: by id or by username.
public enum UserReference: Sendable, Hashable, Codable {
    case id(String)
    case username(String)
    /// The recipient object the services' write bodies carry (`type` is required by the spec's `Recipient`).
    public var recipient: Recipient {
        switch self {
        case .id(let v): Recipient(type: .user, id: v)
        case .username(let v): Recipient(type: .user, username: v)
        }
    }
}

/// An escalation to route an alert to: by id or by name.
public enum EscalationReference: Sendable, Hashable, Codable {
    case id(String)
    case name(String)
    /// The recipient object the services' write bodies carry.
    public var recipient: Recipient {
        switch self {
        case .id(let v): Recipient(type: .escalation, id: v)
        case .name(let v): Recipient(type: .escalation, name: v)
        }
    }
}

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

/// One action on one alert.
public struct ActionRecord: Sendable, Hashable, Identifiable, Codable {
    /// Number within this run (journaled actions are renumbered when resumed).
    public var id: Int
    /// What was asked for.
    public var action: AlertAction
    /// The alert it acts on.
    public var alertId: String
    /// The alert's short id, for the screen.
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

    /// Creates a record.
    public init(id: Int, action: AlertAction, alertId: String, tinyId: String, createdAt: Date, phase: ActionPhase,
                attempts: Int, finishedAt: Date? = nil) {
        self.id = id; self.action = action; self.alertId = alertId; self.tinyId = tinyId; self.createdAt = createdAt
        self.phase = phase; self.attempts = attempts; self.finishedAt = finishedAt
    }
}

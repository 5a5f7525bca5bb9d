import Foundation

/// A delay in an escalation rule.
public struct EscalationDelay: Codable, Sendable, Hashable {
    public var timeAmount: Int64?
    public var timeUnit: String?
    /// Creates a delay.
    public init(timeAmount: Int64?, timeUnit: String? = nil) { self.timeAmount = timeAmount; self.timeUnit = timeUnit }
}

/// One step of an escalation.
public struct EscalationRule: Codable, Sendable, Hashable {
    /// `if-not-acked` or `if-not-closed`.
    public var condition: String?
    public var notifyType: String?
    public var delay: EscalationDelay?
    public var recipient: Recipient?
    /// Creates a rule.
    public init(condition: String?, notifyType: String?, delay: EscalationDelay?, recipient: Recipient?) {
        self.condition = condition; self.notifyType = notifyType; self.delay = delay; self.recipient = recipient
    }
}

/// How an escalation repeats.
public struct EscalationRepeat: Codable, Sendable, Hashable {
    public var waitInterval: Int?
    public var count: Int?
    public var resetRecipientStates: Bool?
    public var closeAlertAfterAll: Bool?
    /// Creates repeat settings.
    public init(waitInterval: Int?, count: Int?, resetRecipientStates: Bool? = nil, closeAlertAfterAll: Bool? = nil) {
        self.waitInterval = waitInterval; self.count = count
        self.resetRecipientStates = resetRecipientStates; self.closeAlertAfterAll = closeAlertAfterAll
    }
}

/// An escalation chain.
public struct Escalation: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var description: String?
    public var ownerTeam: TeamMeta?
    public var rules: [EscalationRule]?
    public var `repeat`: EscalationRepeat?
    /// Creates an escalation.
    public init(id: String, name: String?, description: String? = nil, ownerTeam: TeamMeta? = nil,
                rules: [EscalationRule]? = nil, repeat: EscalationRepeat? = nil) {
        self.id = id; self.name = name; self.description = description; self.ownerTeam = ownerTeam
        self.rules = rules; self.repeat = `repeat`
    }
}

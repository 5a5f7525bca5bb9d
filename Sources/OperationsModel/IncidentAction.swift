import Foundation

/// A change a person asks for on an incident (Opsgenie Incident API v1).
public enum IncidentAction: Sendable, Hashable, Codable {
    /// Marks the incident resolved (`POST /v1/incidents/{id}/resolve`).
    case resolve
    /// Closes the incident (`POST /v1/incidents/{id}/close`).
    case close
    /// Adds a note to the incident.
    case addNote(String)

    /// Whether applying it twice leaves the incident as applying it once (a note does not).
    public var isRepeatSafe: Bool {
        if case .addNote = self { return false }
        return true
    }

    /// A short verb for the screen: `resolve`, `close`, `note`.
    public var verb: String {
        switch self {
        case .resolve: "resolve"
        case .close: "close"
        case .addNote: "note"
        }
    }
}

/// Open incidents as the service reported them.
public struct IncidentPage: Sendable, Hashable {
    /// The incidents read, newest first.
    public var incidents: [Incident]
    /// True when more matched than were read (the list stops at a page cap).
    public var hasMore: Bool
    /// Creates a page.
    public init(incidents: [Incident], hasMore: Bool = false) {
        self.incidents = incidents; self.hasMore = hasMore
    }
}

/// One incident with what the detail pane shows beside it.
public struct IncidentDetail: Sendable, Hashable {
    /// The incident, with description and details.
    public var incident: Incident
    /// Its notes, newest first (empty when the service gives none).
    public var notes: [AlertNote]
    /// Its log or timeline entries, newest first (empty when the service gives none).
    public var log: [AlertLog]
    /// Creates a detail.
    public init(incident: Incident, notes: [AlertNote] = [], log: [AlertLog] = []) {
        self.incident = incident; self.notes = notes; self.log = log
    }
}

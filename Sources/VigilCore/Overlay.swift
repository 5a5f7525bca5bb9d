import Foundation
import OperationsModel

/// A modal on top of the panes.
public enum Overlay: Sendable, Hashable {
    /// `?`.
    case help
    /// The last messages, each whole (`m`).
    case messages
    /// The shift so far, as `vigil report` prints it (`H`): `nil` while it is read.
    case shiftReport(ShiftReport?)
    /// A yes/no question before a dangerous action.
    case confirm(prompt: String, action: AlertAction, alertIds: [String])
    /// A yes/no question before resolving or closing an incident.
    case confirmIncident(prompt: String, action: IncidentAction, incidentId: String)
    /// A text field: filter query, note, custom snooze.
    case input(InputPurpose, text: TextField)
    /// A list to choose from, filtered by typing.
    case picker(PickerPurpose, PickerField)
    /// Quit while actions are pending.
    case confirmQuit
    /// The quit question still open after its pending actions were all confirmed: it stays
    /// (a key meant for it must not land on the dashboard) and says so.
    case confirmQuitSettled
    /// Which source's copy of a merged row an action goes to, or every copy (``SourceChoice``).
    case chooseSource(SourceChoice)
}

/// What a text field is for.
public enum InputPurpose: Sendable, Hashable {
    case filter, note(alertIds: [String]), snoozeDuration(alertIds: [String])
    /// A note for an incident.
    case incidentNote(incidentId: String)
}

extension InputPurpose {
    /// What the message line calls it: `note cancelled`.
    var word: String {
        switch self {
        case .filter: "filter"
        case .note, .incidentNote: "note"
        case .snoozeDuration: "snooze"
        }
    }
}

/// What a picker chooses.
public enum PickerPurpose: Sendable, Hashable {
    case snooze(alertIds: [String]), assign(alertIds: [String]), escalate(alertIds: [String])
    /// The custom actions of one alert.
    case customAction(alertId: String)
}

extension PickerPurpose {
    /// What the message line calls it: `assign cancelled`.
    var word: String {
        switch self {
        case .snooze: "snooze"
        case .assign: "assign"
        case .escalate: "escalate"
        case .customAction: "custom action"
        }
    }
}

/// What choosing a picker line does.
public enum PickerChoice: Sendable, Hashable {
    /// A snooze preset.
    case snooze(SnoozePreset)
    /// A snooze for a typed duration (seconds).
    case snoozeFor(TimeInterval, text: String)
    /// A snooze until a typed time of day (`09:00`: the next one).
    case snoozeUntil(Date, text: String)
    /// Assign to this user.
    case user(UserReference)
    /// Escalate to this escalation (its name is for the confirmation).
    case escalation(EscalationReference, name: String)
    /// Run this custom action.
    case customAction(String)
}

/// One line of a picker.
public struct PickerOption: Sendable, Hashable {
    /// What the line says.
    public var label: String
    /// What choosing it does.
    public var choice: PickerChoice
}

/// Data a picker lists, loaded when the picker first opens and again after a failure.
public enum PickerData<Value: Sendable & Hashable>: Sendable, Hashable {
    case notLoaded
    case loading
    case loaded(Value)
    /// The load failed; the picker says why, and the next open tries again.
    case failed(String)

    /// The value once loaded.
    public var value: Value? {
        if case .loaded(let value) = self { return value }
        return nil
    }

    /// Whether opening the picker must (re)load it.
    public var needsLoad: Bool {
        switch self {
        case .notLoaded, .failed: true
        case .loading, .loaded: false
        }
    }
}

import Foundation
import OperationsModel

/// What asks the person something: the overlay on top (a question, a text field, a picker,
/// help, a summary) and the data the assign and escalate pickers offer.
public struct Prompt: Sendable, Equatable {
    /// The overlay on top, if any.
    public internal(set) var overlay: Overlay?
    /// The assign picker's users.
    public internal(set) var users: PickerData<[User]> = .notLoaded
    /// The escalate picker's escalations.
    public internal(set) var escalations: PickerData<[Escalation]> = .notLoaded

    /// Takes the pickers' data and the shift summary (only into the summary still open for it).
    mutating func update(_ event: DashboardEvent) -> [DashboardEffect] {
        switch event {
        case .usersLoaded(let result): users = Self.pickerData(result, what: "users")
        case .escalationsLoaded(let result): escalations = Self.pickerData(result, what: "escalations")
        case .shiftReportLoaded(let report): if case .shiftReport? = overlay { overlay = .shiftReport(report) }
        default: break
        }
        return []
    }

    /// Escalations are wanted (a detail names one among its responders): loads them once.
    mutating func wantEscalations() -> [DashboardEffect] {
        guard escalations.needsLoad else { return [] }
        escalations = .loading
        return [.loadEscalations]
    }

    static func pickerData<Value>(_ result: Result<Value, OperationsError>, what: String) -> PickerData<Value> {
        switch result {
        case .success(let value): .loaded(value)
        case .failure(let error): .failed("could not load \(what): \(error.description)")
        }
    }
}

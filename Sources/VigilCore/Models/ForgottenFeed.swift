import Foundation
import OperationsModel

/// The acknowledged-and-forgotten alerts as the dashboard knows them: whether the alerts pane
/// shows them (`F`), the list as last read or why it could not be, and when it was asked for.
public struct ForgottenFeed: Sendable, Equatable {
    /// The alerts pane shows the acknowledged-and-forgotten alerts.
    public internal(set) var showing = false
    /// The list as last read.
    public internal(set) var list: ForgottenAlerts?
    /// Why the last read failed.
    public internal(set) var error: OperationsError?
    /// When the acknowledged alerts were last asked for: one read at a time, not one per poll.
    public internal(set) var askedAt: Date?

    /// `F`: shows the list (reading it at once) or goes back to the alerts.
    mutating func toggle(at now: Date) -> [DashboardEffect] {
        showing.toggle()
        guard showing else { return [] }
        askedAt = now
        return [.loadForgotten]
    }

    /// The list is read again with the alerts, at most once a minute, while its view or the
    /// wall (which counts it) is on screen.
    mutating func refresh(at now: Date, wall: Bool) -> [DashboardEffect] {
        guard showing || wall else { return [] }
        // A read under way (asked for, not answered) or one less than a minute old: nothing more.
        if let asked = askedAt, now.timeIntervalSince(asked) < 60 { return [] }
        askedAt = now
        return [.loadForgotten]
    }

    /// Takes the open acknowledged alerts, keeping those acknowledged more than `staleAfter` ago.
    mutating func update(_ event: DashboardEvent, at now: Date, staleAfter: TimeInterval) -> [DashboardEffect] {
        guard case .forgottenLoaded(let result) = event else { return [] }
        switch result {
        case .success(let alerts):
            list = ForgottenAlerts.from(alerts, now: now, staleAfter: staleAfter)
            error = nil
        case .failure(let failure):
            error = failure
        }
        return []
    }
}

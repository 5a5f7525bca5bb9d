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
    /// The selected line: keys act on its alert while the view shows.
    public internal(set) var selected = 0

    /// The alert on the selected line.
    public var selectedAlert: Alert? {
        guard let entries = list?.entries, !entries.isEmpty else { return nil }
        return entries[min(selected, entries.count - 1)].alert
    }

    /// The listed alert with this id.
    func alert(_ id: String) -> Alert? { list?.entries.first { $0.alert.id == id }?.alert }

    /// j/k, PgDn/PgUp, g/G: the selection moves within the list (`page` lines in view).
    mutating func move(_ command: Command, page: Int) {
        selected = command.moving(selected, page: page, last: (list?.entries.count ?? 0) - 1)
    }

    /// Read again at the next alerts poll (an action on one of them was confirmed).
    mutating func readAgainSoon() { askedAt = nil }

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
            // The selection stays on its alert when the list moves under it.
            let was = selectedAlert?.id
            list = ForgottenAlerts.from(alerts, now: now, staleAfter: staleAfter)
            if let was, let index = list?.entries.firstIndex(where: { $0.alert.id == was }) { selected = index }
            selected = max(0, min(selected, (list?.entries.count ?? 1) - 1))
            error = nil
        case .failure(let failure):
            error = failure
        }
        return []
    }
}

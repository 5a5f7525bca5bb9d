import Foundation

/// Which pane has the keys, which pane shares the screen with the alerts, what the detail pane
/// is about, and how far it is scrolled.
public struct PaneFocus: Sendable, Equatable {
    /// The pane keys act on.
    public internal(set) var focus: Pane = .alerts
    /// The pane beside (or below) the alerts.
    public internal(set) var secondary: Pane = .detail
    /// What the detail pane shows: the selected alert, or the selected incident.
    public internal(set) var detailSubject: DetailSubject = .alert
    /// Lines of the detail scrolled past (j/k while the detail has the focus).
    public internal(set) var detailScroll = 0
    /// Entries scrolled past in the on-call and heartbeats panes (j/k while one has the focus).
    public internal(set) var listScroll: [Pane: Int] = [:]

    /// Whether the focus is on a pane that only lists (on-call, heartbeats): keys scroll it,
    /// and alert actions do not act from it.
    public var onList: Bool { focus == .onCall || focus == .heartbeats }

    /// j/k, PgDn/PgUp, g/G on a listing pane of `count` entries, `page` of them in view.
    mutating func scrollList(_ command: Command, count: Int, page: Int) {
        listScroll[focus] = command.moving(listScroll[focus] ?? 0, page: page, last: max(0, count - page))
    }
}

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
}

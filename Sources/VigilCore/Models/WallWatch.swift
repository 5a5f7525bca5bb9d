import Foundation

/// The wall view and what it watches for: whether it is showing, the new P1s it flashes for,
/// those whose flash a key already stopped, and the alerts already announced to `on_new_alert`.
public struct WallWatch: Sendable, Equatable {
    /// The wall view is showing.
    public internal(set) var showing = false
    /// New P1s the wall flashes for, until a key or their acknowledgement.
    public internal(set) var alarm: Set<String> = []
    /// New P1s whose flash a key already stopped: they do not flash again, and stay new (`●`)
    /// until selected.
    public internal(set) var silenced: Set<String> = []
    /// Alerts already announced to the `on_new_alert` command, with their creation times;
    /// kept for ``DashboardState/announceWindow`` after creation, so weeks of running do not grow it.
    public internal(set) var announced: [String: Date] = [:]
}

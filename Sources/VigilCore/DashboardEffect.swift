import Foundation
import OperationsModel

/// Work `update` asks for: I/O that the runtime or the terminal carries out, whose results
/// come back as ``DashboardEvent``s.
public enum DashboardEffect: Sendable, Equatable {
    /// Poll the alert list: true counts, the urgent alerts, and the pages in view.
    case pollAlerts(AlertListRequest)
    /// Poll heartbeats or on-call.
    case poll(DataKind)
    /// Load pages the person scrolled to.
    case loadAlertPages(filter: AlertFilter, keys: [AlertPageKey])
    case loadDetail(alertId: String)
    case loadUsers, loadEscalations, loadSavedSearches
    /// Read the open acknowledged alerts, for the acknowledged-and-forgotten view and the wall's count.
    case loadForgotten
    /// Read what happened in a window, for the shift summary (`H`).
    case loadShiftReport(since: Date, until: Date)
    case perform(actionId: Int, action: AlertAction, alertId: String)
    case confirm(actionId: Int, receipt: ActionReceipt)
    /// Load an incident with its notes and log.
    case loadIncidentDetail(incidentId: String)
    /// Send a write to an incident.
    case performIncident(actionId: Int, action: IncidentAction, incidentId: String)
    /// Ask for an accepted incident write's outcome.
    case confirmIncident(actionId: Int, receipt: ActionReceipt)
    /// Write these open actions to the journal (they replace what it held).
    case persistActions([ActionRecord])
    /// Ring the terminal bell.
    case bell
    /// Run the `on_new_alert` command for an alert that appeared since start, at or above
    /// ``DashboardSettings/notifyPriority``; asked once per alert.
    case announce(Alert)
    /// Switch the terminal's colours to the named theme.
    case applyTheme(String)
    /// Repaint the whole screen.
    case redraw
    /// Leave the dashboard.
    case quit
}

import Foundation
import OperationsModel

/// A pane of the dashboard.
public enum Pane: String, Sendable, Hashable, CaseIterable {
    case alerts, incidents, detail, onCall = "on-call", heartbeats
}

/// A line in the message area.
public struct StatusMessage: Sendable, Hashable {
    /// How it is coloured.
    public enum Level: Sendable, Hashable { case info, warning, error }
    /// What it says (sanitised).
    public var text: String
    /// How serious it is.
    public var level: Level
    /// When it was said.
    public var at: Date
}

/// Detail of one alert, loaded when it is selected.
public struct AlertDetail: Sendable, Hashable {
    /// The alert with description and details, when it loaded.
    public var alert: Alert?
    /// Its latest notes.
    public var notes: [AlertNote]
    /// Its latest log entries.
    public var logs: [AlertLog]
    /// Why it could not be loaded.
    public var error: String?
    /// When it was loaded.
    public var loadedAt: Date
    /// Creates a detail.
    public init(alert: Alert?, notes: [AlertNote], logs: [AlertLog], error: String?, loadedAt: Date) {
        self.alert = alert; self.notes = notes; self.logs = logs; self.error = error; self.loadedAt = loadedAt
    }
}

/// An incident's detail as loaded, or why it could not be.
public struct IncidentDetailState: Sendable, Hashable {
    /// The incident with notes and log, when it loaded.
    public var detail: IncidentDetail?
    /// Why it could not be loaded.
    public var error: String?
}

/// What the detail pane is about.
public enum DetailSubject: Sendable, Hashable { case alert, incident }

/// The whole dashboard as a value, composed of the parts that each own their state: the
/// alerts pane, the incidents pane, the action log, the prompt, the feeds, the wall and the
/// focus. Only ``update(_:)`` changes it: every field can be read from outside the module and
/// set only inside it. Each part takes the events that are its own in its own `update`; what
/// spans parts (a key, a poll's answer that moves the selection) is handled here.
public struct DashboardState: Sendable, Equatable {
    /// Settings from flags and config.
    public internal(set) var settings: DashboardSettings
    /// The time of the last tick.
    public internal(set) var now: Date
    /// The terminal's size.
    public internal(set) var width: Int
    public internal(set) var height: Int
    /// The alert list, its selection, marks, filter and the forgotten view.
    public internal(set) var alertPane: AlertPane
    /// The open incidents and their selection.
    public internal(set) var incidentPane = IncidentPane()
    /// Every action and its lifecycle.
    public internal(set) var actionLog = ActionLog()
    /// The overlay on top and the pickers' data.
    public internal(set) var prompt = Prompt()
    /// Polling, rate limit, sources, on-call and heartbeats.
    public internal(set) var feeds: Feeds
    /// The wall view and its alarms.
    public internal(set) var wallWatch = WallWatch()
    /// Which pane has the keys, and what the detail shows.
    public internal(set) var panes = PaneFocus()
    /// The message area, newest last.
    public internal(set) var messages: [StatusMessage] = []
    /// The theme in use, as an index into the settings' themes.
    public internal(set) var themeIndex = 0
    /// Set when the dashboard is to end.
    public internal(set) var quitting = false

    /// A fresh dashboard at `now`, size `width`×`height`.
    public init(settings: DashboardSettings, now: Date, width: Int, height: Int) {
        self.settings = settings
        self.now = now
        self.width = width
        self.height = height
        alertPane = AlertPane(filters: AlertFilters(settings: settings))
        feeds = Feeds(settings: settings)
        if let initial = settings.initialTheme, let index = settings.themeNames.firstIndex(of: initial) { themeIndex = index }
        wallWatch.showing = settings.wall
    }

    /// Per kind of data: last success, last failure, what is in flight.
    public var feedStatus: [DataKind: FeedStatus] { feeds.polls.feeds }

    /// The loaded alerts, in display order.
    public var alerts: [Alert] { alertPane.list.loaded.map(\.alert) }

    /// How many alerts the filter matches in the account.
    public var totalAlerts: Int { alertPane.list.total }

    /// The selected alert.
    /// In the acknowledged-and-forgotten view (`F`), the one selected there: keys act on what is on screen.
    public var selectedAlert: Alert? {
        if alertPane.forgotten.showing { return alertPane.forgotten.selectedAlert }
        return alertPane.selectedId.flatMap { id in alertPane.list.row(of: id).flatMap { alertPane.list.alert(atRow: $0) } }
    }

    /// Row index of the selection.
    public var selectedIndex: Int? { alertPane.selectedId == nil ? nil : alertPane.cursor }

    /// The rows in view with a page's margin, for polls and paging.
    public var alertViewport: Range<Int> {
        let first = max(0, alertPane.scrollTop - 20)
        return first..<(alertPane.scrollTop + alertRows + 20)
    }

    /// The alert a loaded id names.
    func loadedAlert(_ id: String) -> Alert? { alertPane.loaded(id) ?? alertPane.forgotten.alert(id) }

    /// Open actions (not confirmed or failed).
    public var pendingActions: [ActionRecord] { actionLog.open }

    /// The latest open action on an alert.
    public func pendingAction(on alertId: String) -> ActionRecord? { actionLog.open(on: alertId) }

    /// Whether `kind` is stale: older than three intervals, or the last poll failed.
    public func isStale(_ kind: DataKind) -> Bool { feeds.polls.isStale(kind, at: now) }

    /// The earliest time something is due without a key or a result: a poll, or a queued
    /// action's next attempt. A loop that sleeps wakes then at the latest.
    public var nextDue: Date? { [feeds.polls.nextDue, actionLog.nextRetry].compactMap { $0 }.min() }

    /// The theme in use.
    public var themeName: String { settings.themeNames.isEmpty ? "default" : settings.themeNames[themeIndex % settings.themeNames.count] }

    /// How the current filter reads on screen.
    public var filterDescription: String { alertPane.filters.description }
}

/// The most constrained rate-limit domain the last answers reported, and its state.
public struct RateLimitReading: Sendable, Hashable {
    /// The API's rate-limit domain.
    public var domain: RateLimitDomain
    /// Its state, as the headers gave it.
    public var status: RateLimitStatus
}

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

/// The whole dashboard as a value. Only ``update(_:)`` changes it: every field can be read
/// from outside the module and set only inside it.
public struct DashboardState: Sendable, Equatable {
    /// Settings from flags and config.
    public internal(set) var settings: DashboardSettings
    /// The time of the last tick.
    public internal(set) var now: Date
    public internal(set) var width: Int
    public internal(set) var height: Int
    /// Every alert the filter matches, with true counts; pages load as they come into view.
    public internal(set) var alertList = AlertList()
    /// The last poll found more alerts than one page holds.
    public internal(set) var expectLarge = false
    /// Pages asked for and not yet answered.
    public internal(set) var loadingPages: Set<AlertPageKey> = []
    /// The row the selection is on.
    public internal(set) var cursor = 0
    /// The selected alert; the selection follows it, not the row, when polls move it.
    public internal(set) var selectedAlertId: String?
    public internal(set) var scrollTop = 0
    /// Alerts marked with Space for a bulk action.
    public internal(set) var marked: Set<String> = []
    /// Alerts selected since they arrived (no longer new).
    public internal(set) var seen: Set<String> = []
    /// When the alert list first loaded: alerts raised after it are new.
    public internal(set) var firstLoadedAt: Date?
    /// Whether alerts have loaded at least once.
    public internal(set) var everLoaded = false
    public internal(set) var details: [String: AlertDetail] = [:]
    public internal(set) var onCall: [OnCallSummary] = []
    public internal(set) var heartbeats: [Heartbeat] = []
    /// What the account cannot read, per pane (a plan without heartbeats, a team without
    /// access): said in the pane, never an outage.
    public internal(set) var limits: [DataKind: [FeatureLimit]] = [:]
    /// The alerts pane shows the acknowledged-and-forgotten alerts (`F`).
    public internal(set) var forgottenView = false
    /// The acknowledged-and-forgotten alerts, as last read; why they could not be.
    public internal(set) var forgotten: ForgottenAlerts?
    public internal(set) var forgottenError: OperationsError?
    /// When the acknowledged alerts were last asked for: one read at a time, not one per poll.
    public internal(set) var forgottenAskedAt: Date?
    /// Open incidents, most urgent first.
    public internal(set) var incidents: [Incident] = []
    /// More incidents are open than the list read.
    public internal(set) var incidentsHaveMore = false
    /// The selected incident; the selection follows it when polls move it.
    public internal(set) var selectedIncidentId: String?
    /// Incidents with their notes and log, loaded when selected.
    public internal(set) var incidentDetails: [String: IncidentDetailState] = [:]
    /// What the detail pane shows: the selected alert, or the selected incident.
    public internal(set) var detailSubject: DetailSubject = .alert
    /// Lines of the detail scrolled past (j/k while the detail has the focus).
    public internal(set) var detailScroll = 0
    /// When each kind of data is polled, and how fresh it is.
    public internal(set) var polls: PollScheduler
    /// What the alert list shows.
    public internal(set) var filter: AlertFilter
    /// The filter before a change the service has not answered yet: if it refuses the new one
    /// (a typo in a query), the list goes back to this one.
    public internal(set) var filterBeforeChange: AlertFilter?
    /// The query the service last refused: `/` opens with it to fix, not with nothing.
    public internal(set) var refusedQuery: String?
    /// The filters on the number keys.
    public internal(set) var quickFilters: [QuickFilter]
    public internal(set) var actions: [ActionRecord] = []
    public internal(set) var nextActionId = 1
    public internal(set) var messages: [StatusMessage] = []
    public internal(set) var overlay: Overlay?
    public internal(set) var focus: Pane = .alerts
    public internal(set) var secondaryPane: Pane = .detail
    public internal(set) var themeIndex = 0
    /// The assign picker's users.
    public internal(set) var users: PickerData<[User]> = .notLoaded
    /// The escalate picker's escalations.
    public internal(set) var escalations: PickerData<[Escalation]> = .notLoaded
    public internal(set) var rateLimit: RateLimitReading?
    /// The wall view is showing.
    public internal(set) var wall = false
    /// New P1s the wall flashes for, until a key or their acknowledgement.
    public internal(set) var wallAlarm: Set<String> = []
    /// New P1s whose flash a key already stopped: they do not flash again, and stay new (`●`)
    /// until selected.
    public internal(set) var wallSilenced: Set<String> = []
    /// Alerts already announced to the `on_new_alert` command, with their creation times;
    /// kept for ``DashboardState/announceWindow`` after creation, so weeks of running do not grow it.
    public internal(set) var announced: [String: Date] = [:]
    /// Set when the dashboard is to end.
    public internal(set) var quitting = false
    /// The open actions last handed to the journal.
    var journaled: [ActionRecord] = []
    /// Each source's health when several share the screen (empty with one source).
    public internal(set) var sources: [SourceHealth] = []

    /// A fresh dashboard at `now`, size `width`×`height`.
    public init(settings: DashboardSettings, now: Date, width: Int, height: Int) {
        self.settings = settings
        self.now = now
        self.width = width
        self.height = height
        quickFilters = QuickFilter.onKeys(me: settings.me, configured: settings.quickFilters, savedSearches: [])
        filter = quickFilters[0].filter
        polls = PollScheduler(intervals: settings.polledIntervals, jitterSeed: settings.jitterSeed)
        if let initial = settings.initialTheme, let index = settings.themeNames.firstIndex(of: initial) { themeIndex = index }
        wall = settings.wall
    }

    /// Per kind of data: last success, last failure, what is in flight.
    public var feeds: [DataKind: FeedStatus] { polls.feeds }

    /// The loaded alerts, in display order.
    public var alerts: [Alert] { alertList.loaded.map(\.alert) }

    /// How many alerts the filter matches in the account.
    public var totalAlerts: Int { alertList.total }

    /// The selected alert.
    public var selectedAlert: Alert? { selectedAlertId.flatMap { id in alertList.row(of: id).flatMap { alertList.alert(atRow: $0) } } }

    /// Row index of the selection.
    public var selectedIndex: Int? { selectedAlertId == nil ? nil : cursor }

    /// The rows in view with a page's margin, for polls and paging.
    public var alertViewport: Range<Int> {
        let first = max(0, scrollTop - 20)
        return first..<(scrollTop + alertRows + 20)
    }

    /// The alert a loaded id names.
    func loadedAlert(_ id: String) -> Alert? { alertList.row(of: id).flatMap { alertList.alert(atRow: $0) } }

    /// Open actions (not confirmed or failed).
    public var pendingActions: [ActionRecord] { actions.filter { $0.phase.isOpen } }

    /// The latest open action on an alert.
    public func pendingAction(on alertId: String) -> ActionRecord? {
        actions.last { $0.alertId == alertId && $0.phase.isOpen }
    }

    /// Whether `kind` is stale: older than three intervals, or the last poll failed.
    public func isStale(_ kind: DataKind) -> Bool { polls.isStale(kind, at: now) }

    /// The earliest time something is due without a key or a result: a poll, or a queued
    /// action's next attempt. A loop that sleeps wakes then at the latest.
    public var nextDue: Date? {
        let retries = actions.lazy.filter { if case .queued = $0.phase { true } else { false } }.compactMap(\.retryAt)
        return ([polls.nextDue].compactMap { $0 } + retries).min()
    }

    /// The theme in use.
    public var themeName: String { settings.themeNames.isEmpty ? "default" : settings.themeNames[themeIndex % settings.themeNames.count] }

    /// How the current filter reads on screen.
    public var filterDescription: String {
        switch filter {
        case .query(let text): text.isEmpty ? "all" : text
        case .savedSearch(_, let name): "saved: \(name)"
        }
    }
}

/// The most constrained rate-limit domain the last answers reported, and its state.
public struct RateLimitReading: Sendable, Hashable {
    /// The API's rate-limit domain.
    public var domain: RateLimitDomain
    /// Its state, as the headers gave it.
    public var status: RateLimitStatus
}

import Foundation
import OpsgenieKit

/// The kinds of data Vigil polls, each on its own interval.
public enum DataKind: String, Sendable, Hashable, CaseIterable, Codable {
    case alerts, heartbeats, onCall = "on-call"
}

/// How fresh one kind of data is.
public struct FeedStatus: Sendable, Hashable {
    /// When the last poll succeeded.
    public var lastSuccess: Date?
    /// The last failure, cleared by a success.
    public var lastError: OpsgenieError?
    /// Consecutive failures (for backoff).
    public var failures = 0
    /// A poll is under way (never two at once).
    public var inFlight = false
    /// When the next poll is due.
    public var nextDue: Date?
    /// Polls started so far.
    public var polls = 0
    /// When the poll in flight started.
    public var startedAt: Date?
    /// Something asked for a poll while one was in flight: poll again as soon as it answers.
    public var repollWhenDone = false
}

/// A pane of the dashboard.
public enum Pane: String, Sendable, Hashable, CaseIterable {
    case alerts, detail, onCall = "on-call", heartbeats
}

/// Where an action is in its life: shown on the row and in the status line.
public enum ActionPhase: Sendable, Hashable, Codable {
    /// Pressed, not yet answered.
    case sending
    /// The API could not be reached; it will be sent again.
    case queued(reason: String)
    /// Accepted (202); waiting for request status.
    case accepted(requestId: String)
    /// Request status said it applied.
    case confirmed
    /// Refused, with the API's reason.
    case failed(reason: String)

    /// Not yet confirmed or failed.
    public var isOpen: Bool {
        switch self { case .confirmed, .failed: false; default: true }
    }
}

/// One action on one alert.
public struct ActionRecord: Sendable, Hashable, Identifiable, Codable {
    /// Number within this run (journaled actions are renumbered when resumed).
    public var id: Int
    public var action: AlertAction
    public var alertId: String
    public var tinyId: String
    /// When the key was pressed.
    public var createdAt: Date
    public var phase: ActionPhase
    /// How many times it was sent.
    public var attempts: Int
    /// When it was confirmed or failed.
    public var finishedAt: Date?
    /// When a queued action may be sent again.
    public var retryAt: Date?

    /// Creates a record.
    public init(id: Int, action: AlertAction, alertId: String, tinyId: String, createdAt: Date, phase: ActionPhase,
                attempts: Int, finishedAt: Date? = nil) {
        self.id = id; self.action = action; self.alertId = alertId; self.tinyId = tinyId; self.createdAt = createdAt
        self.phase = phase; self.attempts = attempts; self.finishedAt = finishedAt
    }
}

/// A line in the message area.
public struct StatusMessage: Sendable, Hashable {
    public enum Level: Sendable, Hashable { case info, warning, error }
    public var text: String
    public var level: Level
    public var at: Date
}

/// A filter a number key switches to.
public struct QuickFilter: Sendable, Hashable {
    public var name: String
    public var query: String
    public var savedSearchId: String?
    /// Creates a quick filter.
    public init(name: String, query: String, savedSearchId: String? = nil) {
        self.name = name; self.query = query; self.savedSearchId = savedSearchId
    }
    /// The defaults: open, unacked, mine, all.
    public static func defaults(me: String?) -> [QuickFilter] {
        [QuickFilter(name: "open", query: "status:open"),
         QuickFilter(name: "unacked", query: "status:open AND acknowledged:false"),
         QuickFilter(name: "mine", query: "status:open AND owner:\(me ?? "me")"),
         QuickFilter(name: "all", query: "")]
    }
}

/// A modal on top of the panes.
public enum Overlay: Sendable, Hashable {
    /// `?`.
    case help
    /// A yes/no question before a dangerous action.
    case confirm(prompt: String, action: AlertAction, alertIds: [String])
    /// A text field: filter query, note, custom snooze.
    case input(InputPurpose, text: String)
    /// A list to choose from, filtered by typing.
    case picker(PickerPurpose, filter: String, selected: Int)
    /// Quit while actions are pending.
    case confirmQuit
}

/// What a text field is for.
public enum InputPurpose: Sendable, Hashable {
    case filter, note(alertIds: [String]), snoozeDuration(alertIds: [String])
}

/// What a picker chooses.
public enum PickerPurpose: Sendable, Hashable {
    case snooze(alertIds: [String]), assign(alertIds: [String]), escalate(alertIds: [String])
}

/// Settings that do not change while running.
public struct DashboardSettings: Sendable, Hashable {
    public var host: String
    public var readOnly: Bool
    public var intervals: [DataKind: TimeInterval]
    public var keymap: Keymap
    public var themeNames: [String]
    public var me: String?
    public var bellOnP1: Bool
    /// The user name sent with actions.
    public var actor: String?
    /// How many alerts to load (pages of 100).
    public var alertPages: Int
    /// Journaled actions older than this when Vigil starts are dropped with a notice, not replayed.
    public var actionMaxAge: TimeInterval
    /// The first wait before a queued action is sent again; it doubles per attempt up to a minute.
    public var actionRetryBase: TimeInterval
    /// Whether open actions are journaled (and so survive quitting).
    public var journaling = false
    /// Seeds the poll jitter; the runner sets a random one so screens differ.
    public var jitterSeed: UInt64 = 0
    /// Creates settings with the documented defaults.
    public init(host: String, readOnly: Bool = false,
                intervals: [DataKind: TimeInterval] = [.alerts: 10, .heartbeats: 30, .onCall: 60],
                keymap: Keymap = .standard, themeNames: [String] = ["default"], me: String? = nil,
                bellOnP1: Bool = false, actor: String? = nil, alertPages: Int = 2, actionMaxAge: TimeInterval = 15 * 60,
                actionRetryBase: TimeInterval = 5) {
        self.host = host; self.readOnly = readOnly; self.intervals = intervals; self.keymap = keymap
        self.themeNames = themeNames; self.me = me; self.bellOnP1 = bellOnP1; self.actor = actor; self.alertPages = alertPages
        self.actionMaxAge = actionMaxAge
        self.actionRetryBase = actionRetryBase
    }
}

/// Detail of one alert, loaded when it is selected.
public struct AlertDetail: Sendable, Hashable {
    public var alert: Alert?
    public var notes: [AlertNote]
    public var logs: [AlertLog]
    public var error: String?
    public var loadedAt: Date
    /// Creates a detail.
    public init(alert: Alert?, notes: [AlertNote], logs: [AlertLog], error: String?, loadedAt: Date) {
        self.alert = alert; self.notes = notes; self.logs = logs; self.error = error; self.loadedAt = loadedAt
    }
}

/// The whole dashboard as a value. Only `update` changes it.
public struct DashboardState: Sendable {
    public var settings: DashboardSettings
    public var now: Date
    public var width: Int
    public var height: Int
    public var alerts: [Alert] = []
    public var totalAlerts: Int?
    public var selectedAlertId: String?
    public var scrollTop = 0
    public var marked: Set<String> = []
    public var seen: Set<String> = []
    public var everLoaded = false
    public var details: [String: AlertDetail] = [:]
    public var onCall: [OnCallSummary] = []
    public var heartbeats: [Heartbeat] = []
    public var feeds: [DataKind: FeedStatus] = [:]
    public var query: String
    public var quickFilters: [QuickFilter]
    public var actions: [ActionRecord] = []
    public var nextActionId = 1
    public var messages: [StatusMessage] = []
    public var overlay: Overlay?
    public var focus: Pane = .alerts
    public var secondaryPane: Pane = .detail
    public var themeIndex = 0
    public var users: [User] = []
    public var escalations: [Escalation] = []
    public var rateLimit: (domain: RateLimitDomain, status: RateLimitStatus)?
    public var quitting = false

    /// A fresh dashboard at `now`, size `width`×`height`.
    public init(settings: DashboardSettings, now: Date, width: Int, height: Int) {
        self.settings = settings
        self.now = now
        self.width = width
        self.height = height
        quickFilters = QuickFilter.defaults(me: settings.me)
        query = quickFilters[0].query
        for kind in DataKind.allCases { feeds[kind] = FeedStatus() }
    }

    /// The selected alert.
    public var selectedAlert: Alert? { selectedAlertId.flatMap { id in alerts.first { $0.id == id } } }

    /// Row index of the selection.
    public var selectedIndex: Int? { selectedAlertId.flatMap { id in alerts.firstIndex { $0.id == id } } }

    /// Open actions (not confirmed or failed).
    public var pendingActions: [ActionRecord] { actions.filter { $0.phase.isOpen } }

    /// The latest open action on an alert.
    public func pendingAction(on alertId: String) -> ActionRecord? {
        actions.last { $0.alertId == alertId && $0.phase.isOpen }
    }

    /// Whether `kind` is stale: no success yet, older than three intervals, or the last poll failed.
    public func isStale(_ kind: DataKind) -> Bool {
        guard let feed = feeds[kind] else { return true }
        if feed.lastError != nil { return true }
        guard let last = feed.lastSuccess else { return false }
        return now.timeIntervalSince(last) > 3 * (settings.intervals[kind] ?? 10)
    }

    /// The theme in use.
    public var themeName: String { settings.themeNames.isEmpty ? "default" : settings.themeNames[themeIndex % settings.themeNames.count] }
}

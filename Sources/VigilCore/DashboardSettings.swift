import Foundation
import OperationsModel

/// Settings that do not change while running; the runner builds them from flags and config.
public struct DashboardSettings: Sendable, Hashable {
    /// The API host shown on the status line.
    public var host: String
    /// Every write key disabled.
    public var readOnly: Bool
    /// Seconds between polls per kind of data.
    public var intervals: [DataKind: TimeInterval]
    /// The keys.
    public var keymap: Keymap
    /// The themes `t` cycles through, in order.
    public var themeNames: [String]
    /// The theme to start with (the first when `nil` or unknown).
    public var initialTheme: String?
    /// The user the `mine` quick filter means.
    public var me: String?
    /// Ring the bell on a new P1/P2.
    public var bellOnP1: Bool
    /// Announce (``DashboardEffect/announce(_:)``) each alert at or above this priority that
    /// appears after start; `nil`: no `on_new_alert` command, nothing announced.
    public var notifyPriority: AlertPriority?
    /// The user name sent with actions.
    public var actor: String?
    /// Journaled actions older than this when Vigil starts are dropped with a notice, not replayed.
    public var actionMaxAge: TimeInterval
    /// The first wait before a queued action is sent again; it doubles per attempt up to a minute.
    public var actionRetryBase: TimeInterval
    /// Whether open actions are journaled (and so survive quitting).
    public var journaling = false
    /// Seeds the poll jitter; the runner sets a random one so screens differ.
    public var jitterSeed: UInt64 = 0
    /// Quick filters from the config, after the defaults on the number keys.
    public var quickFilters: [QuickFilter] = []
    /// Start in the wall view (`--wall`).
    public var wall = false
    /// Draw in plain ASCII (the terminal's locale cannot carry UTF-8).
    public var asciiOnly = false
    /// Show seconds on the clock (a redraw every second). Off, an idle screen changes once a
    /// minute and Vigil sleeps in between.
    public var clockSeconds = false
    /// The time zone "until next 09:00" means.
    public var timeZone: TimeZone = .gmt
    /// Custom actions a service cannot list for an alert (JSM Operations), by source name
    /// (`""` with one source): the names config gives, and what the picker says about them.
    public var configuredActions: [String: ConfiguredActions] = [:]
    /// How long ago an alert must have been acknowledged, still open, to count as forgotten (`stale_ack`).
    public var staleAck: TimeInterval = 4 * 3600

    /// Where incidents live when the service has no incident API (JSM Operations); incidents
    /// are not polled then, and the incidents pane says this instead.
    public var incidentsElsewhere: String?
    /// With several sources, those whose incidents the pane cannot list, and where they live.
    public var incidentsNotListed: String?

    /// Seconds between polls per kind, unless the config says otherwise.
    public static let defaultIntervals: [DataKind: TimeInterval] = [.alerts: 10, .heartbeats: 30, .onCall: 60, .incidents: 30]

    /// The kinds polled and their intervals: incidents only where the service has them.
    public var polledIntervals: [DataKind: TimeInterval] {
        incidentsElsewhere == nil ? intervals : intervals.filter { $0.key != .incidents }
    }

    /// Creates settings with the documented defaults.
    public init(host: String, readOnly: Bool = false,
                intervals: [DataKind: TimeInterval] = DashboardSettings.defaultIntervals,
                keymap: Keymap = .standard, themeNames: [String] = ["default"], me: String? = nil,
                bellOnP1: Bool = false, actor: String? = nil, actionMaxAge: TimeInterval = 15 * 60,
                actionRetryBase: TimeInterval = 5) {
        self.host = host; self.readOnly = readOnly; self.intervals = intervals; self.keymap = keymap
        self.themeNames = themeNames; self.me = me; self.bellOnP1 = bellOnP1; self.actor = actor
        self.actionMaxAge = actionMaxAge
        self.actionRetryBase = actionRetryBase
    }
}

/// Custom actions named in config for a service that cannot list an alert's actions.
public struct ConfiguredActions: Sendable, Hashable {
    /// The action names, as `custom_actions` lists them.
    public var names: [String]
    /// What the picker says: why these names, and what an unknown one does.
    public var note: String

    /// JSM Operations: the API cannot list an alert's actions and accepts an unknown name
    /// without doing anything.
    public static func jsm(_ names: [String]) -> ConfiguredActions {
        ConfiguredActions(names: names, note: names.isEmpty
            ? "JSM cannot list an alert's actions: name them in config (custom_actions = [\"restart\"])"
            : "from custom_actions in config: JSM cannot list an alert's actions, and runs nothing for a name the alert lacks")
    }
}

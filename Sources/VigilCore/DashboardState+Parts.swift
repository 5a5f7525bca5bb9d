import Foundation
import OperationsModel

/// The parts' fields under the names the dashboard's cross-part code (keys, views, the
/// alert list's answers) reads and writes them by. The state lives in the parts
/// (``AlertPane``, ``IncidentPane``, ``ActionLog``, ``Prompt``, ``Feeds``, ``WallWatch``,
/// ``PaneFocus``); these only name a path into them.
extension DashboardState {
    /// `alertPane.list`.
    public internal(set) var alertList: AlertList {
        get { alertPane.list }
        set { alertPane.list = newValue }
    }
    /// `alertPane.expectLarge`.
    public internal(set) var expectLarge: Bool {
        get { alertPane.expectLarge }
        set { alertPane.expectLarge = newValue }
    }
    /// `alertPane.loadingPages`.
    public internal(set) var loadingPages: Set<AlertPageKey> {
        get { alertPane.loadingPages }
        set { alertPane.loadingPages = newValue }
    }
    /// `alertPane.cursor`.
    public internal(set) var cursor: Int {
        get { alertPane.cursor }
        set { alertPane.cursor = newValue }
    }
    /// `alertPane.selectedId`.
    public internal(set) var selectedAlertId: String? {
        get { alertPane.selectedId }
        set { alertPane.selectedId = newValue }
    }
    /// `alertPane.scrollTop`.
    public internal(set) var scrollTop: Int {
        get { alertPane.scrollTop }
        set { alertPane.scrollTop = newValue }
    }
    /// `alertPane.marked`.
    public internal(set) var marked: Set<String> {
        get { alertPane.marked }
        set { alertPane.marked = newValue }
    }
    /// `alertPane.seen`.
    public internal(set) var seen: Set<String> {
        get { alertPane.seen }
        set { alertPane.seen = newValue }
    }
    /// `alertPane.firstLoadedAt`.
    public internal(set) var firstLoadedAt: Date? {
        get { alertPane.firstLoadedAt }
        set { alertPane.firstLoadedAt = newValue }
    }
    /// `alertPane.everLoaded`.
    public internal(set) var everLoaded: Bool {
        get { alertPane.everLoaded }
        set { alertPane.everLoaded = newValue }
    }
    /// `alertPane.details`.
    public internal(set) var details: [String: AlertDetail] {
        get { alertPane.details }
        set { alertPane.details = newValue }
    }
    /// `alertPane.filters.current`.
    public internal(set) var filter: AlertFilter {
        get { alertPane.filters.current }
        set { alertPane.filters.current = newValue }
    }
    /// `alertPane.filters.beforeChange`.
    public internal(set) var filterBeforeChange: AlertFilter? {
        get { alertPane.filters.beforeChange }
        set { alertPane.filters.beforeChange = newValue }
    }
    /// `alertPane.filters.refusedQuery`.
    public internal(set) var refusedQuery: String? {
        get { alertPane.filters.refusedQuery }
        set { alertPane.filters.refusedQuery = newValue }
    }
    /// `alertPane.filters.quickFilters`.
    public internal(set) var quickFilters: [QuickFilter] {
        get { alertPane.filters.quickFilters }
        set { alertPane.filters.quickFilters = newValue }
    }
    /// `alertPane.forgotten.showing`.
    public internal(set) var forgottenView: Bool {
        get { alertPane.forgotten.showing }
        set { alertPane.forgotten.showing = newValue }
    }
    /// `alertPane.forgotten.list`.
    public internal(set) var forgotten: ForgottenAlerts? {
        get { alertPane.forgotten.list }
        set { alertPane.forgotten.list = newValue }
    }
    /// `alertPane.forgotten.error`.
    public internal(set) var forgottenError: OperationsError? {
        get { alertPane.forgotten.error }
        set { alertPane.forgotten.error = newValue }
    }
    /// `incidentPane.incidents`.
    public internal(set) var incidents: [Incident] {
        get { incidentPane.incidents }
        set { incidentPane.incidents = newValue }
    }
    /// `incidentPane.haveMore`.
    public internal(set) var incidentsHaveMore: Bool {
        get { incidentPane.haveMore }
        set { incidentPane.haveMore = newValue }
    }
    /// `incidentPane.selectedId`.
    public internal(set) var selectedIncidentId: String? {
        get { incidentPane.selectedId }
        set { incidentPane.selectedId = newValue }
    }
    /// `incidentPane.details`.
    public internal(set) var incidentDetails: [String: IncidentDetailState] {
        get { incidentPane.details }
        set { incidentPane.details = newValue }
    }
    /// `actionLog.records`.
    public internal(set) var actions: [ActionRecord] {
        get { actionLog.records }
        set { actionLog.records = newValue }
    }
    /// `actionLog.nextId`.
    public internal(set) var nextActionId: Int {
        get { actionLog.nextId }
        set { actionLog.nextId = newValue }
    }
    /// `prompt.overlay`.
    public internal(set) var overlay: Overlay? {
        get { prompt.overlay }
        set { prompt.overlay = newValue }
    }
    /// `prompt.users`.
    public internal(set) var users: PickerData<[User]> {
        get { prompt.users }
        set { prompt.users = newValue }
    }
    /// `prompt.escalations`.
    public internal(set) var escalations: PickerData<[Escalation]> {
        get { prompt.escalations }
        set { prompt.escalations = newValue }
    }
    /// `feeds.polls`.
    public internal(set) var polls: PollScheduler {
        get { feeds.polls }
        set { feeds.polls = newValue }
    }
    /// `feeds.rateLimit`.
    public internal(set) var rateLimit: RateLimitReading? {
        get { feeds.rateLimit }
        set { feeds.rateLimit = newValue }
    }
    /// `feeds.sources`.
    public internal(set) var sources: [SourceHealth] {
        get { feeds.sources }
        set { feeds.sources = newValue }
    }
    /// `feeds.onCall`.
    public internal(set) var onCall: [OnCallSummary] {
        get { feeds.onCall }
        set { feeds.onCall = newValue }
    }
    /// `feeds.heartbeats`.
    public internal(set) var heartbeats: [Heartbeat] {
        get { feeds.heartbeats }
        set { feeds.heartbeats = newValue }
    }
    /// `feeds.limits`.
    public internal(set) var limits: [DataKind: [FeatureLimit]] {
        get { feeds.limits }
        set { feeds.limits = newValue }
    }
    /// `wallWatch.showing`.
    public internal(set) var wall: Bool {
        get { wallWatch.showing }
        set { wallWatch.showing = newValue }
    }
    /// `wallWatch.alarm`.
    public internal(set) var wallAlarm: Set<String> {
        get { wallWatch.alarm }
        set { wallWatch.alarm = newValue }
    }
    /// `wallWatch.silenced`.
    public internal(set) var wallSilenced: Set<String> {
        get { wallWatch.silenced }
        set { wallWatch.silenced = newValue }
    }
    /// `wallWatch.announced`.
    public internal(set) var announced: [String: Date] {
        get { wallWatch.announced }
        set { wallWatch.announced = newValue }
    }
    /// `panes.focus`.
    public internal(set) var focus: Pane {
        get { panes.focus }
        set { panes.focus = newValue }
    }
    /// `panes.secondary`.
    public internal(set) var secondaryPane: Pane {
        get { panes.secondary }
        set { panes.secondary = newValue }
    }
    /// `panes.detailSubject`.
    public internal(set) var detailSubject: DetailSubject {
        get { panes.detailSubject }
        set { panes.detailSubject = newValue }
    }
    /// `panes.detailScroll`.
    public internal(set) var detailScroll: Int {
        get { panes.detailScroll }
        set { panes.detailScroll = newValue }
    }
}

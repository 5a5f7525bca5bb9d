import Foundation
import OperationsModel

/// The alerts pane's own state: the list with its true counts and pages, the selection and
/// the rows marked for a bulk action, what is new, each alert's loaded detail, the filter, and
/// the acknowledged-and-forgotten view it can show instead.
public struct AlertPane: Sendable, Equatable {
    /// Every alert the filter matches, with true counts; pages load as they come into view.
    public internal(set) var list = AlertList()
    /// The last poll found more alerts than one page holds.
    public internal(set) var expectLarge = false
    /// Pages asked for and not yet answered.
    public internal(set) var loadingPages: Set<AlertPageKey> = []
    /// The row the selection is on.
    public internal(set) var cursor = 0
    /// The selected alert; the selection follows it, not the row, when polls move it.
    public internal(set) var selectedId: String?
    /// The first row in view.
    public internal(set) var scrollTop = 0
    /// Alerts marked with Space for a bulk action.
    public internal(set) var marked: Set<String> = []
    /// Alerts selected since they arrived (no longer new).
    public internal(set) var seen: Set<String> = []
    /// When the alert list first loaded: alerts raised after it are new.
    public internal(set) var firstLoadedAt: Date?
    /// Whether alerts have loaded at least once.
    public internal(set) var everLoaded = false
    /// Each alert's detail (description, notes, log), loaded when it is selected.
    public internal(set) var details: [String: AlertDetail] = [:]
    /// What the list shows, and the filters on the number keys.
    public internal(set) var filters: AlertFilters
    /// The acknowledged-and-forgotten alerts (`F`), shown in this pane instead of the list.
    public internal(set) var forgotten = ForgottenFeed()

    /// A pane that has loaded nothing yet, showing `filters`' current filter.
    init(filters: AlertFilters) { self.filters = filters }

    /// The alert a loaded id names.
    func loaded(_ id: String) -> Alert? { list.row(of: id).flatMap { list.alert(atRow: $0) } }

    /// The selected alert.
    public var selected: Alert? { selectedId.flatMap(loaded) }

    /// Takes an alert's detail as loaded, or why it could not be.
    mutating func update(_ event: DashboardEvent, at now: Date) -> [DashboardEffect] {
        guard case .detailLoaded(let id, let result) = event else { return [] }
        switch result {
        case .success(let detail): details[id] = detail
        case .failure(let error): details[id] = AlertDetail(alert: nil, notes: [], logs: [], error: error.description, loadedAt: now)
        }
        return []
    }
}

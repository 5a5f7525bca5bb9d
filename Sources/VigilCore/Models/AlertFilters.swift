import Foundation
import OperationsModel

/// What the alert list shows: the current filter, the one to go back to if the service
/// refuses a new one, the query it last refused, and the filters on the number keys.
public struct AlertFilters: Sendable, Equatable {
    /// What the alert list shows.
    public internal(set) var current: AlertFilter
    /// The filter before a change the service has not answered yet: if it refuses the new one
    /// (a typo in a query), the list goes back to this one.
    public internal(set) var beforeChange: AlertFilter?
    /// The query the service last refused: `/` opens with it to fix, not with nothing.
    public internal(set) var refusedQuery: String?
    /// The filters on the number keys.
    public internal(set) var quickFilters: [QuickFilter]
    /// Who "mine" means, and the config's filters, for the number keys.
    private let me: String?
    private let configured: [QuickFilter]

    /// The number keys' filters from `settings`, showing the first.
    init(settings: DashboardSettings) {
        me = settings.me
        configured = settings.quickFilters
        quickFilters = QuickFilter.onKeys(me: settings.me, configured: settings.quickFilters, savedSearches: [])
        current = quickFilters[0].filter
    }

    /// How the current filter reads on screen.
    public var description: String {
        switch current {
        case .query(let text): text.isEmpty ? "all" : text
        case .savedSearch(_, let name): "saved: \(name)"
        }
    }

    /// The account's saved searches take the number keys left after the defaults and the
    /// config's filters. A failure keeps the filters there are.
    mutating func update(_ event: DashboardEvent) -> [DashboardEffect] {
        guard case .savedSearchesLoaded(.success(let searches)) = event else { return [] }
        quickFilters = QuickFilter.onKeys(me: me, configured: configured, savedSearches: searches)
        return []
    }
}

import Foundation
import OperationsModel

/// A filter a number key switches to.
public struct QuickFilter: Sendable, Hashable {
    /// The name shown in help and on the message line.
    public var name: String
    /// What it lists.
    public var filter: AlertFilter

    /// Creates a quick filter.
    public init(name: String, filter: AlertFilter) {
        self.name = name; self.filter = filter
    }

    /// The defaults: open, unacked, mine, all.
    public static func defaults(me: String?) -> [QuickFilter] {
        [QuickFilter(name: "open", filter: .query("status:open")),
         QuickFilter(name: "unacked", filter: .query("status:open AND acknowledged:false")),
         QuickFilter(name: "mine", filter: .query("status:open AND owner:\(me ?? "me")")),
         QuickFilter(name: "all", filter: .query(""))]
    }

    /// How many number keys there are for quick filters.
    public static let keyCount = 6

    /// The filters on the number keys: the defaults, then the config's, then the account's
    /// saved searches, as many as there are keys.
    public static func onKeys(me: String?, configured: [QuickFilter], savedSearches: [SavedSearchMeta]) -> [QuickFilter] {
        let saved = savedSearches.map { QuickFilter(name: $0.name, filter: .savedSearch(id: $0.id, name: $0.name)) }
        return Array((defaults(me: me) + configured + saved).prefix(keyCount))
    }
}

import Foundation
import OperationsModel

extension AlertQuery {
    /// The query string of `GET /v2/alerts`.
    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let query, !query.isEmpty { items.append(("query", query)) }
        if let searchIdentifier { items.append(("searchIdentifier", searchIdentifier)) }
        if let searchIdentifierType { items.append(("searchIdentifierType", searchIdentifierType)) }
        items.append(("offset", String(offset)))
        items.append(("limit", String(limit)))
        if let sort { items.append(("sort", sort.rawValue)) }
        if let order { items.append(("order", order.rawValue)) }
        return items
    }
}

import Foundation
import OperationsModel

/// What Vigil's alert filters mean on JSM Operations, whose alerts have five states (open,
/// acked, resolved, snoozed, closed) where Opsgenie has two (open, closed) and flags.
///
/// Atlassian's search-syntax page for alerts could not be read, and the spec says clearing
/// `acknowledged` is "effectively marking its status as 'open'": so an acknowledged alert is
/// taken to read `acked` and to fall outside `status:open`. Vigil must never lose acknowledged
/// alerts from its default view, so every `status:open` term is sent as
/// `(status:open OR status:acked OR status:snoozed)`. If JSM's `status:open` does match
/// acknowledged alerts after all, the added terms match nothing more: the list is the same
/// either way (docs/jsm.md, "Assumptions").
public enum JSMAlertSearch {
    /// The sort fields `listAlerts` accepts; anything else is sent as `createdAt`.
    public static let sortFields: Set<String> = ["createdAt", "insertedAt", "lastOccurredAt", "priority"]

    /// At most this many alerts can be listed: `offset + size` must be lower.
    public static let listLimit = 20_000

    /// The query as JSM should read it: `status:open` widened to every state that is not closed.
    public static func query(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: #"(?i)(?<![A-Za-z0-9_.:])status\s*:\s*open(?![A-Za-z0-9_])"#, options: .regularExpression) {
            result += rest[..<range.lowerBound]
            result += "(status:open OR status:acked OR status:snoozed)"
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// The sort field JSM accepts for Vigil's (`createdAt` for one it does not have).
    public static func sort(_ field: String?) -> String {
        guard let field, sortFields.contains(field) else { return "createdAt" }
        return field
    }
}

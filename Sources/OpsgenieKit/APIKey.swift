import Foundation
import OperationsModel

/// An Opsgenie API integration key.
///
/// The value is only reachable through ``authorizationHeaderValue`` (for the transport) and
/// ``redacts(_:)``; every printed or logged form of the key is redacted, so the key cannot
/// reach a log, an error message or the screen by accident.
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    private let secret: String

    /// Creates a key from its text, trimming surrounding whitespace and newlines (key files
    /// usually end with one). Returns `nil` for an empty key.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        self.secret = trimmed
    }

    /// The value of the `Authorization` header: `GenieKey <key>`.
    var authorizationHeaderValue: String { "GenieKey \(secret)" }

    /// The bare key, for the simulator's own key table and for comparisons only.
    public var rawValueForComparison: String { secret }

    /// Whether `text` contains the key; used by tests and by log sinks that must never leak it.
    public func appears(in text: String) -> Bool { text.contains(secret) }

    /// `text` with every occurrence of the key replaced by `<redacted>`.
    public func redacts(_ text: String) -> String {
        text.replacingOccurrences(of: secret, with: "<redacted>")
    }

    public var description: String { "GenieKey(<redacted>)" }
    public var debugDescription: String { description }
}

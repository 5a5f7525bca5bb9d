import Foundation
import OperationsModel

/// An Atlassian account's email and API token, for Basic auth.
///
/// The token is reachable only through the `Authorization` header value; every printed or
/// logged form is redacted, so it cannot reach a log, an error message or the screen.
public struct JSMCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The account's email (not secret; shown by `vigil check`).
    public let email: String
    private let token: String

    /// Creates credentials, trimming whitespace (token files usually end with a newline).
    /// Returns `nil` when either is empty.
    public init?(email: String, token: String) {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines)
        let token = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !email.isEmpty, !token.isEmpty else { return nil }
        self.email = email
        self.token = token
    }

    /// `Basic base64(email:token)`.
    var authorizationHeaderValue: String { "Basic " + Data("\(email):\(token)".utf8).base64EncodedString() }

    /// Whether `text` contains the token (or its Basic form); for tests and log sinks.
    public func appears(in text: String) -> Bool {
        text.contains(token) || text.contains(String(authorizationHeaderValue.dropFirst(6)))
    }

    /// `text` with the token (and its Basic form) replaced by `<redacted>`.
    public func redacts(_ text: String) -> String {
        text.replacingOccurrences(of: token, with: "<redacted>")
            .replacingOccurrences(of: String(authorizationHeaderValue.dropFirst(6)), with: "<redacted>")
    }

    public var description: String { "JSMCredentials(\(email), <redacted>)" }
    public var debugDescription: String { description }
}

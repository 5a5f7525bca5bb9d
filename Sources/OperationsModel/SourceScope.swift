import Foundation

/// Ids of several sources on one screen: `og-eu:7f3a…` names the source before the first
/// colon, so two accounts' alerts never share an id and an action finds its way back.
///
/// Only the code that merges sources writes and reads these; a single source's ids are the
/// service's own.
public enum SourceScope {
    /// Between the source's name and the service's id.
    public static let separator: Character = ":"

    /// `id` as seen through the source `source`.
    public static func scope(_ id: String, in source: String) -> String { source + String(separator) + id }

    /// The source and the service's own id of a scoped id; `nil` when it has no source.
    public static func split(_ scoped: String) -> (source: String, id: String)? {
        guard let index = scoped.firstIndex(of: separator) else { return nil }
        let source = String(scoped[..<index])
        guard !source.isEmpty else { return nil }
        return (source, String(scoped[scoped.index(after: index)...]))
    }

    /// Whether `name` can name a source: not empty, at most 16 characters, letters, digits, `-`, `_` and `.`.
    public static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 16 else { return false }
        return name.unicodeScalars.allSatisfy { ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || "-_.".unicodeScalars.contains($0) }
    }
}

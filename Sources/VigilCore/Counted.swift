import Foundation

/// `1 action`, `3 actions`: a count with its noun, singular or plural as the count wants
/// (`plural` for nouns that do not take an `s`).
public func counted(_ count: Int, _ singular: String, plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}

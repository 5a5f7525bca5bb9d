import Foundation

extension Duration {
    /// The same length in seconds, fractions included.
    public var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

extension String {
    private static let unreservedCharacters: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        set.insert(charactersIn: "-._~")
        return set
    }()

    /// Percent-encoded for a URL path segment or query value: everything but RFC 3986's
    /// unreserved characters is escaped.
    public var percentEncodedComponent: String {
        addingPercentEncoding(withAllowedCharacters: Self.unreservedCharacters) ?? self
    }
}

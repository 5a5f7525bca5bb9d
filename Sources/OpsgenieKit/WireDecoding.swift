import Foundation

/// The JSON coders used for Opsgenie's wire format.
public enum OpsgenieJSON {
    /// A decoder that reads ISO-8601 dates with and without fractional seconds.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseDate(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO-8601 date: \(text.prefix(40))")
            }
            return date
        }
        return decoder
    }

    /// An encoder that writes ISO-8601 dates with milliseconds, as Opsgenie does.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatDate(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let whole = Date.ISO8601FormatStyle()

    /// Parses `2017-04-07T12:07:08.123Z`, `2017-04-07T12:07:08Z` and offsets like `+02:00`.
    public static func parseDate(_ text: String) -> Date? {
        if let d = try? fractional.parse(text) { return d }
        if let d = try? whole.parse(text) { return d }
        // Offsets other than Z, with or without fraction.
        let withOffset = Date.ISO8601FormatStyle(includingFractionalSeconds: text.contains("."), timeZone: .gmt)
        return try? withOffset.parse(text)
    }

    /// Formats a date as `2017-04-07T12:07:08.123Z`.
    public static func formatDate(_ date: Date) -> String {
        date.formatted(fractional)
    }
}

/// A string enum from the API that keeps values it does not know instead of failing.
public protocol OpenEnum: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible where RawValue == String {
    init(rawValue: String)
}

extension OpenEnum {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
    public var description: String { rawValue }
}

import Foundation

/// The JSON coders for the services' wire formats (Opsgenie and JSM Operations share ISO-8601 dates).
public enum ServiceJSON {
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

    /// An encoder that writes ISO-8601 dates with milliseconds, as the services do.
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

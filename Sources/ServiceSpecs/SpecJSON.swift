import Foundation

/// A JSON value as read from a spec or a body: enough to walk schemas and check instances.
public enum SpecJSON: Sendable, Hashable {
    case object([String: SpecJSON])
    case array([SpecJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// Reads a JSON document (through `JSONSerialization`: a spec of 600 KB reads in a
    /// fraction of the time `Decodable` takes).
    public static func parse(_ data: Data) throws -> SpecJSON {
        SpecJSON(foundation: try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

    /// Converts what `JSONSerialization` gives.
    init(foundation value: Any) {
        switch value {
        case let object as [String: Any]: self = .object(object.mapValues(SpecJSON.init(foundation:)))
        case let array as [Any]: self = .array(array.map(SpecJSON.init(foundation:)))
        case let string as String: self = .string(string)
        case let number as NSNumber:
            // Booleans come as NSNumber too, with the type encoding 'c' (char); numbers never do.
            if String(cString: number.objCType) == "c" { self = .bool(number.boolValue) }
            else { self = .number(number.doubleValue) }
        default: self = .null
        }
    }

    /// A member of an object (`nil` for anything else or a missing key).
    public subscript(_ key: String) -> SpecJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var number: Double? { if case .number(let n) = self { return n }; return nil }
    public var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var array: [SpecJSON]? { if case .array(let a) = self { return a }; return nil }
    public var object: [String: SpecJSON]? { if case .object(let o) = self { return o }; return nil }

    /// The JSON type's name, for messages.
    var typeName: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number(let n): n.rounded() == n ? "integer" : "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }
}

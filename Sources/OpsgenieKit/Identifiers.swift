import Foundation
import OperationsModel

/// How an alert is named in a request: its id, its alias, or its short tiny id.
public enum AlertIdentifier: Sendable, Hashable, Codable, CustomStringConvertible {
    case id(String)
    case alias(String)
    case tiny(String)

    /// The path segment value.
    public var value: String {
        switch self { case .id(let v), .alias(let v), .tiny(let v): return v }
    }
    /// The `identifierType` query value.
    public var identifierType: String {
        switch self { case .id: "id"; case .alias: "alias"; case .tiny: "tiny" }
    }
    public var description: String { "\(identifierType):\(value)" }
}

/// How a schedule is named: id or name.
public enum ScheduleIdentifier: Sendable, Hashable {
    case id(String)
    case name(String)
    var value: String { switch self { case .id(let v), .name(let v): v } }
    var identifierType: String { switch self { case .id: "id"; case .name: "name" } }
}


/// How an incident is named in a request: its id or its short tiny id.
public enum IncidentIdentifier: Sendable, Hashable, Codable, CustomStringConvertible {
    case id(String)
    case tiny(String)

    /// The path segment value.
    public var value: String {
        switch self { case .id(let v), .tiny(let v): v }
    }
    /// The `identifierType` query value.
    public var identifierType: String {
        switch self { case .id: "id"; case .tiny: "tiny" }
    }
    public var description: String { "\(identifierType):\(value)" }
}

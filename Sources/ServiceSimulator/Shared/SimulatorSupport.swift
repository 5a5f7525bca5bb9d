import Foundation
import Synchronization

/// Simulated time: starts at a fixed instant and runs `speed` times faster than the wall clock;
/// tests can also move it by hand.
public final class VirtualClock: Sendable {
    private struct State {
        var origin: Date
        var realOrigin: ContinuousClock.Instant
        var speed: Double
        var manualOffset: TimeInterval
    }
    private let state: Mutex<State>

    /// Creates a clock reading `start` now and advancing `speed`× real time (0 = frozen).
    public init(start: Date, speed: Double) {
        state = Mutex(State(origin: start, realOrigin: .now, speed: max(0, speed), manualOffset: 0))
    }

    /// The simulated time now.
    public func now() -> Date {
        state.withLock { s in
            let elapsed = ContinuousClock.now - s.realOrigin
            let seconds = elapsed.timeInterval
            return s.origin.addingTimeInterval(seconds * s.speed + s.manualOffset)
        }
    }

    /// Moves simulated time forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        state.withLock { $0.manualOffset += max(0, seconds) }
    }

    /// The speed factor.
    public var speed: Double { state.withLock { $0.speed } }
}

/// A small deterministic random generator (SplitMix64), so scenarios replay identically.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An API key's access rights, as the toggles on an Opsgenie API integration.
public struct AccessRights: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Read Access.
    public static let read = AccessRights(rawValue: 1)
    /// Create and Update Access.
    public static let createAndUpdate = AccessRights(rawValue: 2)
    /// Delete Access.
    public static let delete = AccessRights(rawValue: 4)
    /// Configuration Access (users, teams, schedules, escalations, heartbeats).
    public static let configuration = AccessRights(rawValue: 8)
    /// Every right.
    public static let all: AccessRights = [.read, .createAndUpdate, .delete, .configuration]
    /// What `--read-only-key` gets: reading alerts and configuration, no writes.
    public static let readOnly: AccessRights = [.read, .configuration]

    /// Parses a comma-separated list: `read,create-and-update,delete,configuration` or `all`.
    public init?(parsing text: String) {
        var rights: AccessRights = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            switch part {
            case "all": rights.formUnion(.all)
            case "read": rights.insert(.read)
            case "create-and-update", "write": rights.insert(.createAndUpdate)
            case "delete": rights.insert(.delete)
            case "configuration", "config": rights.insert(.configuration)
            default: return nil
            }
        }
        self = rights
    }

    /// The name Opsgenie's UI gives a right, for 403 messages.
    var displayName: String {
        switch self {
        case .read: "Read Access"
        case .createAndUpdate: "Create and Update Access"
        case .delete: "Delete Access"
        case .configuration: "Configuration Access"
        default: "access"
        }
    }
}

/// Requests allowed per domain, per second and per minute.
public struct RateLimitSettings: Sendable, Hashable {
    /// Tokens per second.
    public var perSecond: Int
    /// Tokens per minute.
    public var perMinute: Int
    /// Creates limits.
    public init(perSecond: Int, perMinute: Int) { self.perSecond = perSecond; self.perMinute = perMinute }
    /// Limits in the range Opsgenie publishes for standard plans.
    public static let realistic = RateLimitSettings(perSecond: 30, perMinute: 600)
    /// Effectively unlimited.
    public static let unlimited = RateLimitSettings(perSecond: 1_000_000, perMinute: 60_000_000)
}

/// The demo keys documented in the README.
public enum DemoKeys {
    /// Full rights.
    public static let full = "vigil-demo-key"
    /// Read and configuration only.
    public static let readOnly = "vigil-demo-read-only-key"
}

extension AccessRights {
    /// Throws the 403 (40301) Opsgenie answers when the key lacks `right`.
    func require(_ right: AccessRights) throws {
        guard contains(right) else {
            throw APIFailure(status: 403, message: "You are not authorized for this action: the key needs \(right.displayName)", code: 40301)
        }
    }
}

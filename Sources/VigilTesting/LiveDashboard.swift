import Foundation
import Logging
import OpsgenieKit
import ServiceSimulator
import VigilCore
import VigilRuntime

/// A dashboard engine talking real HTTP to an in-process simulator, polling fast so a fault
/// and its recovery take seconds.
public struct LiveDashboard {
    /// Intervals of a few hundred milliseconds instead of 10/30/60 s.
    public static let fastIntervals: [DataKind: TimeInterval] = [.alerts: 0.3, .heartbeats: 0.6, .onCall: 0.9, .incidents: 0.6]

    /// The simulator it talks to.
    public let simulator: Simulator
    /// A client for the simulator.
    public let client: OpsgenieClient

    /// Runs `body` with a started simulator and an engine against it; stops both afterwards.
    public static func run(scenario: String = "ops-room", _ body: (Simulator, DashboardEngine) async throws -> Void) async throws {
        try await withSimulator(scenario: scenario) { live in
            let engine = live.engine()
            try await body(live.simulator, engine)
            try await engine.settle()
        }
    }

    /// Runs `body` with a started simulator and a client for it; engines come from ``engine(journal:actionMaxAge:)``.
    public static func withSimulator(scenario: String = "ops-room", _ body: (LiveDashboard) async throws -> Void) async throws {
        let configuration = SimulatorConfiguration(scenario: scenario, speed: 1, processingDelay: .milliseconds(50),
                                                   rateLimits: Dictionary(uniqueKeysWithValues: RateLimitDomain.allCases.map { ($0, .unlimited) }))
        try await Simulator.with(configuration) { simulator, url in
            // Reads time out in 2 s: short enough for the stall faults, long enough for a loaded 2-core machine.
            let client = ClientConfiguration(apiKey: APIKey(DemoKeys.full)!, region: .custom(url), connectTimeout: .seconds(1),
                                             requestTimeout: .seconds(2),
                                             retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(50), maxDelay: .milliseconds(200)))
            try await OpsgenieClient.withClient(configuration: client) { client in
                try await body(LiveDashboard(simulator: simulator, client: client))
            }
        }
    }

    /// A started engine against the simulator.
    public func engine(journal: ActionJournal? = nil, actionMaxAge: TimeInterval = 900,
                       wake: @escaping @Sendable () -> Void = {}) -> DashboardEngine {
        let engine = Self.makeEngine(client: client, simulator: simulator, journal: journal, actionMaxAge: actionMaxAge, wake: wake)
        engine.start()
        return engine
    }

    /// An engine against the simulator, not yet started.
    public static func makeEngine(client: OpsgenieClient, simulator: Simulator, journal: ActionJournal?, actionMaxAge: TimeInterval,
                                  wake: @escaping @Sendable () -> Void = {}) -> DashboardEngine {
        let clock = simulator.clock
        let backend = OpsgenieBackend(client: client)
        let settings = DashboardSettings(host: "simulator", intervals: fastIntervals, me: "alice@example.com", actor: "alice@example.com",
                                         actionMaxAge: actionMaxAge, actionRetryBase: 0.3)
            .running(on: backend, journaling: journal != nil)
        let state = DashboardState(settings: settings, now: clock.now(), width: 120, height: 40)
        let engine = DashboardEngine(backend: backend, state: state,
                                     context: ActionContext(user: "alice@example.com", source: "vigil", note: nil),
                                     clock: { clock.now() }, logger: Logger(label: "vigil.test") { _ in SwiftLogNoOpLogHandler() }, journal: journal,
                                     wake: wake)
        engine.confirmTimeout = .seconds(5)
        return engine
    }
}

/// A condition that did not come true in time.
public struct Timeout: Error, CustomStringConvertible {
    public var description: String
    /// Creates a timeout saying what did not happen.
    public init(description: String) { self.description = description }
}

extension DashboardEngine {
    /// Applies results and ticks until `condition` holds, failing after `seconds`.
    public func pump(_ what: String, within seconds: Double = 20, until condition: (DashboardState) -> Bool) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            drain()
            tick()
            if condition(state) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Timeout(description: "\(what) did not happen within \(seconds) s; last messages: \(state.messages.suffix(3).map(\.text))")
    }

    /// Lets tasks under way finish before the client shuts down.
    public func settle() async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while workInFlight > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        drain()
    }

    /// Moves the selection to an open alert nobody acknowledged; returns it.
    public func selectUnacknowledged() throws -> Alert {
        for _ in 0..<state.alerts.count {
            if let alert = state.selectedAlert, alert.acknowledged != true, alert.status == .open { return alert }
            send(.key(.character("j")))
        }
        throw Timeout(description: "no unacknowledged alert on screen")
    }

    /// The latest action on an alert.
    public func action(on alertId: String) -> ActionRecord? { state.actionLog.records.last { $0.alertId == alertId } }
}

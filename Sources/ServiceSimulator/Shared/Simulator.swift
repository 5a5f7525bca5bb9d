import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import OpsgenieKit
import ServiceSpecs
import Synchronization

/// How to run a simulator.
public struct SimulatorConfiguration: Sendable {
    /// Port on 127.0.0.1; 0 picks a free one.
    public var port: Int
    /// Scenario name: quiet, ops-room, incident, scale, hostile.
    public var scenario: String
    /// Virtual clock speed (1 = real time).
    public var speed: Double
    /// Seed for everything random.
    public var seed: UInt64
    /// Where the virtual clock starts.
    public var start: Date
    /// API keys and their rights.
    public var apiKeys: [String: AccessRights]
    /// How long (real time) an accepted write waits before it applies.
    public var processingDelay: Duration
    /// Requests allowed per domain.
    public var rateLimits: [RateLimitDomain: RateLimitSettings]
    /// Faults active from the start.
    public var faults: [FaultRule]
    /// JSM Operations accounts (Basic auth e-mail and API token) and their rights.
    public var jsmAccounts: [JSMAccount: AccessRights]
    /// The JSM site's cloud id.
    public var cloudId: String
    /// The JSM site's plan: heartbeats answer 402 on Free and Standard.
    public var jsmPlan: JSMPlan = .premium
    /// Teams (by name) the JSM accounts may not read: their heartbeats and escalations answer 403.
    public var jsmTeamsWithoutAccess: Set<String> = []
    /// Keep a ``SpecRecord`` of every request, its answer checked against the spec (tests).
    public var recordsSpecChecks = false
    /// Alerts this simulator shares with others (a monitor sending to two accounts); `nil`: none.
    public var sharedAlerts: SharedAlerts?
    /// How many alerts are open at the start (`nil`: the scenario's own number).
    public var initialAlerts: Int?

    /// Creates a configuration with the demo keys and accounts and realistic limits.
    public init(port: Int = 0, scenario: String = "ops-room", speed: Double = 1, seed: UInt64 = 42,
                start: Date = Date(timeIntervalSince1970: 1_795_000_000),
                apiKeys: [String: AccessRights] = [DemoKeys.full: .all, DemoKeys.readOnly: .readOnly],
                processingDelay: Duration = .milliseconds(300),
                rateLimits: [RateLimitDomain: RateLimitSettings] = Dictionary(uniqueKeysWithValues: RateLimitDomain.allCases.map { ($0, .realistic) }),
                faults: [FaultRule] = [],
                jsmAccounts: [JSMAccount: AccessRights] = JSMAccount.demo, cloudId: String = JSMDemo.cloudId) {
        self.port = port; self.scenario = scenario; self.speed = speed; self.seed = seed; self.start = start
        self.apiKeys = apiKeys; self.processingDelay = processingDelay; self.rateLimits = rateLimits; self.faults = faults
        self.jsmAccounts = jsmAccounts; self.cloudId = cloudId
    }
}

/// An Opsgenie-compatible server on loopback, which speaks JSM Operations too (under `/jsm/ops/api/{cloudId}`):
/// the account behind `vigil demo` and every test.
public final class Simulator: Sendable {
    /// The simulated time.
    public let clock: VirtualClock
    let configuration: SimulatorConfiguration
    let world: Mutex<SimulatorWorld>
    let faults: Mutex<(rules: [FaultRule], rng: SeededGenerator)>
    let buckets: Mutex<[RateLimitDomain: TokenBucket]>
    let requestCounter = Atomic<Int>(0)
    /// Authenticated API requests per rate-limit domain, as the service would charge them.
    let domainCounts = Mutex<[RateLimitDomain: Int]>([:])
    let specRecordLog = Mutex<[SpecRecord]>([])
    /// Set when stopping, so stalled answers give up and shutdown is not held.
    let stopping = Atomic<Bool>(false)
    private let server: Mutex<LoopbackServer?> = Mutex(nil)

    /// Creates a simulator with a scenario loaded; call ``start()`` to serve it.
    public init(configuration: SimulatorConfiguration) throws(SimulatorStartError) {
        guard let scenario = Scenario(named: configuration.scenario) else {
            throw SimulatorStartError(message: "unknown scenario '\(configuration.scenario)': use \(Scenario.names.joined(separator: ", "))")
        }
        self.configuration = configuration
        self.clock = VirtualClock(start: configuration.start, speed: configuration.speed)
        self.world = Mutex(scenario.build(start: configuration.start, seed: configuration.seed,
                                          shared: configuration.sharedAlerts, initialAlerts: configuration.initialAlerts))
        self.faults = Mutex((configuration.faults, SeededGenerator(seed: configuration.seed ^ 0xFA17)))
        self.buckets = Mutex(Dictionary(uniqueKeysWithValues: RateLimitDomain.allCases.map {
            ($0, TokenBucket(settings: configuration.rateLimits[$0] ?? .realistic))
        }))
    }

    /// Starts serving on 127.0.0.1 and returns the base URL.
    @discardableResult
    public func start(logger: Logger = Logger(label: "vigil.simulator")) async throws -> URL {
        // Both specs are read before the first request, not during it (a write's processing
        // delay runs from its answer).
        for spec in PublishedSpec.allCases { _ = spec.document.operations.count }
        let responder = SimulatorResponder(simulator: self)
        let running = try await LoopbackServer.start(responder: responder, port: configuration.port, logger: logger)
        server.withLock { $0 = running }
        return running.baseURL
    }

    /// The base URL while running.
    public var baseURL: URL? { server.withLock { $0?.baseURL } }

    /// Stops the server.
    public func stop() async {
        stopping.store(true, ordering: .relaxed)
        let running = server.withLock { s -> LoopbackServer? in defer { s = nil }; return s }
        await running?.stop()
    }

    /// Waits until the server stops.
    public func waitUntilStopped() async throws {
        let running = server.withLock { $0 }
        try await running?.waitUntilStopped()
    }

    /// Starts a simulator, runs `body` with it, and stops it whatever happens.
    public static func with<Result: Sendable>(_ configuration: SimulatorConfiguration,
                                              _ body: (Simulator, URL) async throws -> Result) async throws -> Result {
        let simulator = try Simulator(configuration: configuration)
        let url = try await simulator.start()
        do {
            let result = try await body(simulator, url)
            await simulator.stop()
            return result
        } catch {
            await simulator.stop()
            throw error
        }
    }

    /// Replaces the active faults.
    public func setFaults(_ rules: [FaultRule]) { faults.withLock { $0.rules = rules } }

    /// The active faults.
    public var activeFaults: [FaultRule] { faults.withLock { $0.rules } }

    /// Runs `body` on the world brought up to date.
    func withWorld<T>(_ body: (inout SimulatorWorld, Date) throws -> T) rethrows -> T {
        let now = clock.now()
        return try world.withLock { w in
            w.advance(to: now, realNow: .now)
            return try body(&w, now)
        }
    }

    /// A copy of an alert as the API would show it now (for tests and tools).
    public func alert(tinyId: String) -> Alert? {
        withWorld { w, now in w.resolve(tinyId, type: "tiny").flatMap { w.current($0, at: now) } }
    }

    /// Every alert, newest first, as the API would show it now.
    public func allAlerts() -> [Alert] {
        withWorld { w, now in w.creationOrder.reversed().compactMap { w.current($0, at: now) } }
    }

    /// The notes of an alert.
    /// The names of every heartbeat, in any team.
    public func allHeartbeatNames() -> [String] { withWorld { w, _ in Array(w.heartbeats.keys) } }

    public func notes(alertId: String) -> [AlertNote] { withWorld { w, _ in w.notes[alertId] ?? [] } }

    /// The number of requests served (for idle and soak measurements).
    public var requestsServed: Int { requestCounter.load(ordering: .relaxed) }

    /// Every request checked against its spec so far (with ``SimulatorConfiguration/recordsSpecChecks``).
    public var specRecords: [SpecRecord] { specRecordLog.withLock { $0 } }

    /// Forgets the spec records so far.
    public func clearSpecRecords() { specRecordLog.withLock { $0.removeAll() } }

    /// Authenticated API requests so far per rate-limit domain (what a client spent of each budget).
    public var requestsByDomain: [RateLimitDomain: Int] { domainCounts.withLock { $0 } }
}

/// A token bucket per rate-limit domain, over a one-second and a one-minute window.
struct TokenBucket: Sendable {
    var settings: RateLimitSettings
    var secondTokens: Double
    var minuteTokens: Double
    var last: ContinuousClock.Instant = .now

    init(settings: RateLimitSettings) {
        self.settings = settings
        secondTokens = Double(settings.perSecond)
        minuteTokens = Double(settings.perMinute)
    }

    /// Takes a token; returns the state to report and, when refused, how long to wait.
    mutating func take() -> (state: RateLimitState, retryAfter: Int?) {
        let now = ContinuousClock.Instant.now
        let elapsed = now - last
        let seconds = elapsed.timeInterval
        last = now
        secondTokens = min(Double(settings.perSecond), secondTokens + seconds * Double(settings.perSecond))
        minuteTokens = min(Double(settings.perMinute), minuteTokens + seconds * Double(settings.perMinute) / 60)
        guard secondTokens >= 1, minuteTokens >= 1 else {
            return (.throttled, minuteTokens < 1 ? max(1, Int(ceil((1 - minuteTokens) * 60 / Double(settings.perMinute)))) : 1)
        }
        secondTokens -= 1
        minuteTokens -= 1
        let burst = minuteTokens < Double(settings.perMinute) * 0.2 || secondTokens < Double(settings.perSecond) * 0.2
        return (burst ? .burst : .ok, nil)
    }
}

import ArgumentParser
import Foundation
import OpsgenieKit
import ServiceSimulator

/// `vigil simulate`: an Opsgenie-compatible server on 127.0.0.1.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Opsgenie and JSM Operations simulator on 127.0.0.1 for scripts, trainings and other tools.",
        discussion: """
        Keys default to the documented demo keys: \(DemoKeys.full) (all rights) and \
        \(DemoKeys.readOnly) (read and configuration). Faults can be changed while running: \
        POST /_sim/faults {"rules":[{"route":"/v2/alerts","status":503,"probability":0.5}]}; DELETE /_sim/faults.
        """)

    @Option(help: "Port on 127.0.0.1 (0 picks a free one).") var port: Int = 8080
    @Option(help: "Scenario: \(Scenario.names.joined(separator: ", ")).") var scenario: String = "ops-room"
    @Option(help: "Virtual clock speed (1 = real time).") var speed: Double = 1
    @Option(help: "Seed for the scenario.") var seed: UInt64 = 42
    @Option(name: .customLong("api-key"), help: "Key with every access right.") var apiKey: String = DemoKeys.full
    @Option(name: .customLong("read-only-key"), help: "Key with read and configuration rights only.") var readOnlyKey: String = DemoKeys.readOnly
    @Option(name: .customLong("processing-delay-ms"), help: "How long an accepted write waits before it applies.") var processingDelayMs: Int = 300
    @Option(name: .customLong("rate-limit"), help: "Requests per second and per minute per domain, as S/M (e.g. 30/600).") var rateLimit: String = "30/600"
    @Option(name: .customLong("fault"), help: "A fault rule, e.g. status=503,route=/v2/alerts,probability=0.1; also latency=MS, body=malformed|truncated|wrongTypes|huge, drop, drop-after, stall (repeatable).") var faults: [String] = []

    @Option(help: "The service to describe in the banner: opsgenie (default) or jsm. The server always serves both APIs.")
    var backend: BackendKind = .opsgenie

    @OptionGroup var site: JSMSiteOptions

    func validate() throws { try Demo.validateSpeed(speed) }

    func run() async throws {
        let limits = try parseRateLimit(rateLimit)
        var rules: [FaultRule] = []
        for fault in faults {
            do { rules.append(try FaultRule(flag: fault)) } catch { throw ValidationError("--fault \(fault): \(error)") }
        }
        var configuration = SimulatorConfiguration(
            port: port, scenario: scenario, speed: speed, seed: seed, start: Date(),
            apiKeys: [apiKey: .all, readOnlyKey: .readOnly], processingDelay: .milliseconds(processingDelayMs),
            rateLimits: Dictionary(uniqueKeysWithValues: RateLimitDomain.allCases.map { ($0, limits) }), faults: rules)
        site.apply(to: &configuration)
        let simulator: Simulator
        do { simulator = try Simulator(configuration: configuration) } catch { throw ValidationError(error.description) }
        let url: URL
        do {
            url = try await simulator.start()
        } catch {
            // The socket's own words (`bind(…): Address already in use (errno: 98)`) say little to a person.
            let text = String(describing: error)
            if text.contains("Address already in use") || text.contains("errno: 98") {
                throw CommandFailure("port \(port) on 127.0.0.1 is in use (another simulator?): pick another with --port, or --port 0 for a free one")
            }
            throw CommandFailure("the simulator could not start on 127.0.0.1:\(port): \(text)")
        }
        let keys = apiKey == DemoKeys.full ? "demo keys \(DemoKeys.full) (all rights), \(DemoKeys.readOnly) (read-only)" : "the keys given"
        let banner = backend == .jsm ? """
            JSM Operations simulator on \(url.absoluteString) — scenario \(scenario), speed \(speed)×, cloudId \(simulator.cloudId), plan \(site.plan)\(site.teamsWithoutAccess.isEmpty ? "" : ", no access to " + site.teamsWithoutAccess.joined(separator: ", "))
            Accounts: \(JSMDemo.email) / \(JSMDemo.token) (all rights), \(JSMDemo.readOnlyEmail) / \(JSMDemo.readOnlyToken) (read-only)
            Try: curl -u '\(JSMDemo.email):\(JSMDemo.token)' \(url.absoluteString)/jsm/ops/api/\(simulator.cloudId)/v1/alerts
                 JSM_EMAIL=\(JSMDemo.email) JSM_API_TOKEN=… vigil --backend jsm --site \(url.absoluteString) --api-url \(url.absoluteString)

            """ : """
            Opsgenie simulator on \(url.absoluteString) — scenario \(scenario), speed \(speed)×, \(keys)
            (it serves the JSM Operations API too: --backend jsm tells how)
            Try: curl -H 'Authorization: GenieKey <key>' \(url.absoluteString)/v2/alerts

            """
        FileHandle.standardOutput.write(Data(banner.utf8))
        try await withTaskCancellationHandler {
            try await simulator.waitUntilStopped()
        } onCancel: {
            Task { await simulator.stop() }
        }
    }

    func parseRateLimit(_ text: String) throws -> RateLimitSettings {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] > 0 else {
            throw ValidationError("--rate-limit takes per-second/per-minute, e.g. 30/600; got \(text)")
        }
        return RateLimitSettings(perSecond: parts[0], perMinute: parts[1])
    }
}

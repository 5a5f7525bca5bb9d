import Foundation
import Logging
import OpsgenieKit
import ServiceSimulator
import VigilCore
import VigilRuntime
#if canImport(Glibc)
import Glibc
#endif

/// The faults of a soak run: a mix of what a degraded API does, `rate` of all requests in all.
func soakFaults(rate: Double) -> [FaultRule] {
    // Rules are tried in order, each with its own chance; the chances are set so that about
    // `rate` of all requests meet one of them.
    let kinds: [FaultRule] = [
        FaultRule(route: "/v2", status: 500), FaultRule(route: "/v2", status: 503), FaultRule(route: "/v2", status: 429),
        FaultRule(route: "/v2", drop: true), FaultRule(route: "/v2", body: .truncated), FaultRule(route: "/v2", body: .malformed),
    ]
    var rules: [FaultRule] = []
    var remaining = 1.0
    for var rule in kinds {
        // chance of this rule given that none before it applied
        let share = rate / Double(kinds.count)
        rule.probability = min(1, share / remaining)
        remaining -= share
        rules.append(rule)
    }
    return rules
}

/// `vigil-bench serve`: a simulator in its own process, so the soak measures the dashboard's
/// memory alone. Prints its URL, then serves until its standard input closes.
func serveSimulator(arguments: [String]) async {
    let speed = Double(value(of: "--speed", in: arguments) ?? "600") ?? 600
    let faultRate = Double(value(of: "--fault-rate", in: arguments) ?? "0.1") ?? 0.1
    let start = Double(value(of: "--start", in: arguments) ?? "") ?? 1_795_000_000
    let configuration = SimulatorConfiguration(scenario: "ops-room", speed: speed, start: Date(timeIntervalSince1970: start),
                                               processingDelay: .milliseconds(50),
                                               rateLimits: Dictionary(uniqueKeysWithValues: RateLimitDomain.allCases.map { ($0, .unlimited) }),
                                               faults: soakFaults(rate: faultRate))
    do {
        let simulator = try Simulator(configuration: configuration)
        let url = try await simulator.start(logger: Logger(label: "soak.simulator") { _ in SwiftLogNoOpLogHandler() })
        FileHandle.standardOutput.write(Data((url.absoluteString + "\n").utf8))
        // Serve until the parent goes away.
        let stdin = FileHandle.standardInput
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                while !stdin.availableData.isEmpty {}
                done.resume()
            }
        }
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        FileHandle.standardError.write(Data(String(format: "simulator: %d requests served, CPU %.1f s\n", simulator.requestsServed,
                                                     cpuSeconds(usage)).utf8))
        await simulator.stop()
    } catch {
        FileHandle.standardError.write(Data("simulator: \(error)\n".utf8))
        exit(1)
    }
}

func value(of flag: String, in arguments: [String]) -> String? {
    guard let i = arguments.firstIndex(of: flag), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

func cpuSeconds(_ usage: rusage) -> Double {
    Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// Resident memory of this process, in bytes.
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

/// A time-compressed run of the whole dashboard loop (engine, journal, rendering) against an
/// `ops-room` simulator with injected faults and a scripted stream of actions.
struct Soak {
    var hours: Double
    var speed: Double
    var faultRate: Double

    init(arguments: [String]) {
        hours = Double(value(of: "--hours", in: arguments) ?? "24") ?? 24
        speed = Double(value(of: "--speed", in: arguments) ?? "600") ?? 600
        faultRate = Double(value(of: "--fault-rate", in: arguments) ?? "0.1") ?? 0.1
    }

    /// The scripted person: one action every ten simulated minutes, in turn.
    enum Step: CaseIterable { case acknowledge, snooze, assign, note, close, unacknowledge }

    func run() async -> Int32 {
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = ["serve", "--speed", String(speed), "--fault-rate", String(faultRate), "--start", String(start.timeIntervalSince1970)]
        let toChild = Pipe(), fromChild = Pipe()
        child.standardInput = toChild
        child.standardOutput = fromChild
        do { try child.run() } catch { print("cannot start the simulator: \(error)"); return 1 }
        var line = Data()
        while true {
            let byte = fromChild.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        let began = ContinuousClock.now
        guard let url = URL(string: String(decoding: line, as: UTF8.self)) else { print("no simulator URL"); return 1 }
        let speed = self.speed
        let clock: @Sendable () -> Date = {
            let elapsed = ContinuousClock.now - began
            return start.addingTimeInterval((Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * speed)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-soak-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        print("soak: \(hours) simulated hours of ops-room at \(Int(speed))×, \(Int(faultRate * 100))% of requests faulty, simulator \(url)")
        do {
            let configuration = ClientConfiguration(apiKey: APIKey(DemoKeys.full)!, region: .custom(url), requestTimeout: .seconds(5))
            let code = try await OpsgenieClient.withClient(configuration: configuration) { client in
                let journal = try ActionJournal(directory: folder, host: "soak")
                return try await soak(client: client, journal: journal, clock: clock, end: start.addingTimeInterval(hours * 3600))
            }
            try? toChild.fileHandleForWriting.close()
            child.waitUntilExit()
            return code
        } catch {
            print("soak failed: \(error)")
            child.terminate()
            return 1
        }
    }

    func soak(client: OpsgenieClient, journal: ActionJournal, clock: @escaping @Sendable () -> Date, end: Date) async throws -> Int32 {
        var settings = DashboardSettings(host: "soak", me: "alice@example.com", actor: "alice@example.com")
        settings.journaling = true
        let engine = DashboardEngine(backend: OpsgenieBackend(client: client), state: DashboardState(settings: settings, now: clock(), width: 200, height: 60),
                                     context: ActionContext(user: "alice@example.com", source: "vigil-soak", note: nil), clock: clock,
                                     logger: Logger(label: "soak") { _ in SwiftLogNoOpLogHandler() }, journal: journal)
        engine.start()
        var nextAction = clock().addingTimeInterval(600)
        var step = 0
        var frames = 0
        var rssAfterWarmUp: Int?
        let warmUpEnds = clock().addingTimeInterval(3600)
        var allActions: [Int: ActionRecord] = [:]
        var lastReport = clock()
        var usageStart = rusage()
        while clock() < end {
            engine.drain()
            engine.tick()
            for record in engine.state.actionLog.records { allActions[record.id] = record }
            frames += 1
            _ = engine.state.render()
            let now = clock()
            if rssAfterWarmUp == nil, now >= warmUpEnds {
                rssAfterWarmUp = residentBytes()
                getrusage(Int32(RUSAGE_SELF.rawValue), &usageStart)
            }
            if now >= nextAction, engine.state.prompt.overlay == nil {
                nextAction = now.addingTimeInterval(600)
                try await perform(Step.allCases[step % Step.allCases.count], engine: engine)
                step += 1
            }
            if now.timeIntervalSince(lastReport) >= 4 * 3600 {
                lastReport = now
                let pending = engine.state.pendingActions.count
                print(String(format: "  %5.1f h  alerts %4d  actions %4d (%d open)  rss %.1f MB", now.timeIntervalSince(end) / 3600 + hours,
                             engine.state.alerts.count, allActions.count, pending, Double(residentBytes()) / 1e6))
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        // Let every action end, with faults still on (the journal and the queue do the work).
        let deadline = ContinuousClock.now + .seconds(120)
        while !engine.state.pendingActions.isEmpty, ContinuousClock.now < deadline {
            engine.drain()
            engine.tick()
            try await Task.sleep(for: .milliseconds(20))
        }
        for record in engine.state.actionLog.records { allActions[record.id] = record }
        var usageEnd = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usageEnd)
        let rssEnd = residentBytes()
        let records = allActions.values.sorted { $0.id < $1.id }
        let confirmed = records.filter { $0.phase == .confirmed }.count
        let failed = records.compactMap { if case .failed(let reason) = $0.phase { reason } else { nil } }
        let open = records.filter(\.phase.isOpen)
        let unexplained = failed.filter { $0.trimmingCharacters(in: .whitespaces).isEmpty }.count
        let growth = Double(rssEnd - (rssAfterWarmUp ?? rssEnd)) / 1e6
        print("actions: \(records.count) — \(confirmed) confirmed, \(failed.count) failed with a reason, \(open.count) still open, \(unexplained) failed without a reason")
        for reason in Set(failed).sorted().prefix(5) { print("  failed: \(reason)") }
        print(String(format: "memory: %.1f MB after the first simulated hour, %.1f MB at the end: growth %.2f MB (target < 5 MB)",
                     Double(rssAfterWarmUp ?? 0) / 1e6, Double(rssEnd) / 1e6, growth))
        print(String(format: "CPU: %.1f s for the dashboard over the run after warm-up (%d loop iterations, each drawing a frame)",
                     cpuSeconds(usageEnd) - cpuSeconds(usageStart), frames))
        let ok = open.isEmpty && unexplained == 0 && growth < 5
        print(ok ? "soak: PASS" : "soak: FAIL")
        return ok ? 0 : 1
    }

    /// One scripted action, pressed the way a person would.
    func perform(_ step: Step, engine: DashboardEngine) async throws {
        func press(_ keys: [Key]) { for key in keys { engine.send(.key(key)) } }
        func type(_ text: String) { press(text.map { .character($0) }) }
        guard !engine.state.alerts.isEmpty else { return }
        // move to a different alert each time
        press([.character("j")])
        switch step {
        case .acknowledge: press([.character("a")])
        case .unacknowledge: press([.character("u")])
        case .snooze: press([.character("s"), .enter])
        case .assign:
            press([.character("o")])
            let deadline = ContinuousClock.now + .seconds(10)
            while engine.state.prompt.users.value == nil, ContinuousClock.now < deadline {
                engine.drain()
                try await Task.sleep(for: .milliseconds(10))
            }
            type("bob")
            press([.enter])
        case .note:
            press([.character("n")])
            type("soak note \(engine.state.actionLog.nextId)")
            press([.enter])
        case .close: press([.character("c"), .character("y")])
        }
        if engine.state.prompt.overlay != nil { press([.escape]) }
    }
}

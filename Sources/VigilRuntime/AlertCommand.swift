import Foundation
import Logging
import OperationsModel
import Synchronization
import VigilCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs the user's `on_new_alert` command for each announced alert
/// (``DashboardEffect/announce(_:)``).
///
/// The command is the user's own text, run as `/bin/sh -c COMMAND`; nothing from the API is
/// ever put into it. The alert's fields reach it only as environment variables
/// (``environment(for:source:)``). One runs at a time; alerts announced meanwhile wait in a
/// queue (oldest first, at most ``Configuration/maxQueued``: past that the oldest waiting are
/// dropped and the drop is said). A run past its timeout is ended (SIGTERM to its process
/// group, SIGKILL two seconds later). A failure goes to the message line and the log.
public final class AlertCommand: Sendable {
    /// What to run and how patiently.
    public struct Configuration: Sendable, Equatable {
        /// The command line, run by `/bin/sh -c`.
        public var command: String
        /// A run longer than this is ended.
        public var timeout: Duration
        /// Alerts waiting for their run, at most; older ones are dropped past this.
        public var maxQueued: Int
        /// The file the command's output is appended to (`nil`: discarded).
        public var outputFile: String?
        /// Names the source in `VIGIL_ALERT_SOURCE` when the alert carries none (one account).
        public var defaultSource: String

        /// A configuration with the documented defaults (30 s, 20 waiting).
        public init(command: String, timeout: Duration = .seconds(30), maxQueued: Int = 20, outputFile: String? = nil, defaultSource: String) {
            self.command = command; self.timeout = timeout; self.maxQueued = maxQueued
            self.outputFile = outputFile; self.defaultSource = defaultSource
        }
    }

    private struct Queue {
        var running = false
        var waiting: [Alert] = []
    }

    /// How a run ended.
    public enum Outcome: Sendable, Equatable {
        /// The command exited with this status (0: success).
        case exited(Int32)
        /// A signal ended it (not one of ours).
        case signalled(Int32)
        /// It ran past the timeout and was ended.
        case timedOut
        /// It could not be started, and why.
        case notStarted(String)
    }

    /// What this runner runs.
    public let configuration: Configuration
    private let queue = Mutex(Queue())
    private let report: @Sendable (String, StatusMessage.Level) -> Void
    private let logger: Logger
    /// Called after every run, for tests.
    private let finished: @Sendable (Alert, Outcome) -> Void

    /// A runner for `configuration`; `report` puts a line on the message line.
    public init(configuration: Configuration, logger: Logger, report: @escaping @Sendable (String, StatusMessage.Level) -> Void,
                finished: @escaping @Sendable (Alert, Outcome) -> Void = { _, _ in }) {
        self.configuration = configuration
        self.logger = logger
        self.report = report
        self.finished = finished
    }

    /// Runs the command for `alert` now, or after the runs before it.
    public func enqueue(_ alert: Alert) {
        let (start, dropped) = queue.withLock { queue -> (Bool, Int) in
            if queue.running {
                queue.waiting.append(alert)
                let excess = max(0, queue.waiting.count - configuration.maxQueued)
                queue.waiting.removeFirst(excess)
                return (false, excess)
            }
            queue.running = true
            return (true, 0)
        }
        if dropped > 0 {
            logger.warning("on_new_alert: \(counted(dropped, "waiting run")) dropped; more than \(configuration.maxQueued) queued")
            report("on_new_alert: \(counted(dropped, "older alert")) not run — more than \(configuration.maxQueued) waiting", .warning)
        }
        guard start else { return }
        Task { await self.drain(first: alert) }
    }

    private func drain(first: Alert) async {
        var next: Alert? = first
        while let alert = next {
            let outcome = await run(alert)
            describe(outcome, alert)
            finished(alert, outcome)
            next = queue.withLock { queue in
                if queue.waiting.isEmpty { queue.running = false; return nil }
                return queue.waiting.removeFirst()
            }
        }
    }

    private func describe(_ outcome: Outcome, _ alert: Alert) {
        let which = "on_new_alert for #\(alert.tinyId ?? "?")"
        let output = configuration.outputFile.map { " (output in \($0))" } ?? ""
        switch outcome {
        case .exited(0): logger.info("\(which): ran")
        case .exited(let code):
            logger.warning("\(which): exited \(code)")
            report("\(which) failed: exit status \(code)\(output)", .error)
        case .signalled(let signal):
            logger.warning("\(which): ended by signal \(signal)")
            report("\(which) failed: ended by signal \(signal)\(output)", .error)
        case .timedOut:
            logger.warning("\(which): still running after \(configuration.timeout); ended")
            report("\(which) ran past its \(configuration.timeout) timeout and was ended", .error)
        case .notStarted(let why):
            logger.error("\(which): not started: \(why)")
            report("\(which) could not start: \(why)", .error)
        }
    }

    /// Variables of Vigil's own environment that hold a secret: never handed to the command.
    public static let secretVariables: Set<String> = ["OPSGENIE_API_KEY", "JSM_API_TOKEN"]

    /// The command's environment: Vigil's own (`base`) without its secrets, and the alert's
    /// fields (``environment(for:source:)``).
    public static func commandEnvironment(base: [String: String], alert: Alert, source: String) -> [String: String] {
        base.filter { !secretVariables.contains($0.key) }.merging(environment(for: alert, source: source)) { $1 }
    }

    /// The variables the command gets besides the environment Vigil runs in: API text only
    /// here, never in the command line.
    public static func environment(for alert: Alert, source: String) -> [String: String] {
        func clean(_ text: String?) -> String { (text ?? "").replacingOccurrences(of: "\0", with: "") }
        return [
            "VIGIL_ALERT_ID": clean(alert.id),
            "VIGIL_ALERT_TINY_ID": clean(alert.tinyId),
            "VIGIL_ALERT_PRIORITY": clean(alert.priority?.rawValue),
            "VIGIL_ALERT_MESSAGE": clean(alert.message),
            "VIGIL_ALERT_SOURCE": clean(alert.origin ?? source),
            "VIGIL_ALERT_CREATED_AT": alert.createdAt.map { ISO8601DateFormatter().string(from: $0) } ?? "",
            "VIGIL_ALERT_TAGS": clean(alert.tags?.joined(separator: ",")),
        ]
    }

    /// One run: spawned in its own process group, polled for its end, ended at the timeout.
    func run(_ alert: Alert) async -> Outcome {
        let environment = Self.commandEnvironment(base: ProcessInfo.processInfo.environment, alert: alert, source: configuration.defaultSource)
        let pid: pid_t
        switch Self.spawn(["/bin/sh", "-c", configuration.command], environment: environment, output: configuration.outputFile) {
        case .success(let spawned): pid = spawned
        case .failure(let why): return .notStarted(why.message)
        }
        let deadline = ContinuousClock.now + configuration.timeout
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if ContinuousClock.now >= deadline {
                kill(-pid, SIGTERM)
                let grace = ContinuousClock.now + .seconds(2)
                while waitpid(pid, &status, WNOHANG) == 0 {
                    if ContinuousClock.now >= grace { kill(-pid, SIGKILL); _ = waitpid(pid, &status, 0); break }
                    try? await Task.sleep(for: .milliseconds(50))
                }
                return .timedOut
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import from the C macros.
        if status & 0x7F == 0 { return .exited((status >> 8) & 0xFF) }
        return .signalled(status & 0x7F)
    }

    struct SpawnError: Error { var message: String }

    /// posix_spawn with stdin from /dev/null, stdout and stderr appended to `output` (or
    /// /dev/null), the default signal mask and a process group of its own.
    static func spawn(_ argv: [String], environment: [String: String], output: String?) -> Result<pid_t, SpawnError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in cArguments + cEnvironment { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
        guard result == 0 else { return .failure(SpawnError(message: "\(argv[0]): \(String(cString: strerror(result)))")) }
        return .success(pid)
    }
}

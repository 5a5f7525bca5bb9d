import Foundation
import Logging
import OpsgenieKit
import Synchronization
import VigilCore
import VigilTerminal
#if canImport(Glibc)
import Glibc
#endif

/// Events produced off the UI thread (network results), waiting to be applied.
final class EventInbox: Sendable {
    private let events = Mutex<[DashboardEvent]>([])
    func push(_ event: DashboardEvent) { events.withLock { $0.append(event) } }
    func drain() -> [DashboardEvent] { events.withLock { e in defer { e = [] }; return e } }
}

/// Set by SIGINT, SIGTERM and SIGHUP; the loop sees it within one input timeout and restores the terminal.
let stopRequested = Atomic<Int32>(0)

/// Runs the dashboard: one thread owns the state and the terminal; effects run as tasks and
/// come back through the inbox.
final class DashboardRunner: @unchecked Sendable {
    let backend: any OperationsBackend
    var state: DashboardState
    let themes: [Theme]
    let noColor: Bool
    let logger: Logger
    let inbox = EventInbox()
    let context: ActionContext
    let clock: @Sendable () -> Date

    init(backend: any OperationsBackend, settings: DashboardSettings, themes: [Theme], initialTheme: String?, noColor: Bool,
         filters: [QuickFilter], logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.backend = backend
        self.themes = themes
        self.noColor = noColor
        self.logger = logger
        self.clock = clock
        var settings = settings
        settings.themeNames = themes.map(\.name)
        state = DashboardState(settings: settings, now: clock(), width: 80, height: 24)
        if let initialTheme, let index = themes.firstIndex(where: { $0.name == initialTheme }) { state.themeIndex = index }
        if !filters.isEmpty { state.quickFilters = Array((QuickFilter.defaults(me: settings.me) + filters).prefix(6)) }
        context = ActionContext(user: settings.actor, source: "vigil", note: nil)
    }

    /// Runs until quit or a stop signal, on a dedicated thread so blocking reads never starve tasks.
    func run() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread { [self] in
                self.loop()
                continuation.resume()
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    private func loop() {
        let terminal = Terminal()
        TerminalGuard.install()
        terminal.start(noColor: noColor)
        defer { terminal.stop(); TerminalGuard.restored() }
        applyTheme(terminal)
        var size = terminal.size
        _ = state.update(.resize(width: size.width, height: size.height))
        perform(state.update(.tick(clock())), terminal: terminal)
        perform([.loadSavedSearches], terminal: terminal)
        terminal.draw(state.render())
        var lastTick = clock()
        var themeIndex = state.themeIndex
        while !state.quitting {
            if stopRequested.load(ordering: .relaxed) != 0 { logger.info("stop signal"); break }
            var changed = false
            switch terminal.readKey(timeoutMilliseconds: 200) {
            case .gone:
                logger.warning("terminal went away; exiting")
                return
            case .resize:
                size = terminal.size
                _ = state.update(.resize(width: size.width, height: size.height))
                terminal.invalidate()
                changed = true
            case .key(let key):
                perform(state.update(.key(key)), terminal: terminal)
                changed = true
            case .none:
                break
            }
            for event in inbox.drain() {
                perform(state.update(event), terminal: terminal)
                changed = true
            }
            let now = clock()
            if now.timeIntervalSince(lastTick) >= 1 || changed {
                lastTick = now
                perform(state.update(.tick(now)), terminal: terminal)
                if state.themeIndex != themeIndex { themeIndex = state.themeIndex; applyTheme(terminal) }
                terminal.draw(state.render())
            }
        }
    }

    private func applyTheme(_ terminal: Terminal) {
        guard !themes.isEmpty else { return }
        terminal.apply(noColor ? ThemeLoader.monochrome : themes[state.themeIndex % themes.count])
    }

    private func perform(_ effects: [DashboardEffect], terminal: Terminal) {
        for effect in effects { run(effect, terminal: terminal) }
    }

    private func run(_ effect: DashboardEffect, terminal: Terminal) {
        let backend = self.backend
        let inbox = self.inbox
        let context = self.context
        let now = clock()
        let logger = self.logger
        func reportRateLimit() {
            let worst = backend.rateLimits.worst
            inbox.push(.rateLimitChanged(domain: worst?.0, status: worst?.1))
        }
        switch effect {
        case .poll(.alerts, let query, let pages):
            Task {
                var alertQuery = AlertQuery(query: query, limit: 100, sort: "createdAt", order: .desc)
                if query.hasPrefix("saved:") { alertQuery.query = nil; alertQuery.searchIdentifier = String(query.dropFirst(6)); alertQuery.searchIdentifierType = "id" }
                let result: Result<AlertPage, OpsgenieError>
                result = await attempt { () async throws(OpsgenieError) in try await backend.alerts(alertQuery, maxPages: pages) }
                if case .failure(let error) = result { logger.warning("alerts poll failed: \(error.description)") }
                reportRateLimit()
                inbox.push(.alertsLoaded(result))
            }
        case .poll(.heartbeats, _, _):
            Task {
                let result: Result<[Heartbeat], OpsgenieError>
                result = await attempt { () async throws(OpsgenieError) in try await backend.heartbeats() }
                reportRateLimit()
                inbox.push(.heartbeatsLoaded(result))
            }
        case .poll(.onCall, _, _):
            Task {
                let result: Result<[OnCallSummary], OpsgenieError>
                result = await attempt { () async throws(OpsgenieError) in try await backend.onCall(at: now) }
                reportRateLimit()
                inbox.push(.onCallLoaded(result))
            }
        case .loadDetail(let id):
            Task {
                do {
                    async let alert = backend.alert(id: id)
                    async let notes = backend.notes(alertId: id, limit: 5)
                    async let logs = backend.logs(alertId: id, limit: 5)
                    let detail = AlertDetail(alert: try await alert, notes: try await notes, logs: try await logs, error: nil, loadedAt: now)
                    inbox.push(.detailLoaded(alertId: id, .success(detail)))
                } catch let error as OpsgenieError {
                    inbox.push(.detailLoaded(alertId: id, .failure(error)))
                } catch {
                    inbox.push(.detailLoaded(alertId: id, .failure(.transport("\(error)"))))
                }
            }
        case .loadUsers:
            Task { if let users = try? await backend.users() { inbox.push(.usersLoaded(users)) } }
        case .loadEscalations:
            Task { if let escalations = try? await backend.escalations() { inbox.push(.escalationsLoaded(escalations)) } }
        case .loadSavedSearches:
            Task { if let searches = try? await backend.savedSearches() { inbox.push(.savedSearchesLoaded(searches)) } }
        case .perform(let id, let action, let alertId):
            logger.info("action \(id) \(action.verb) on \(alertId)")
            Task {
                switch await attempt({ () async throws(OpsgenieError) in try await backend.perform(action, alertId: alertId, context: context) }) {
                case .success(let receipt):
                    inbox.push(.actionAccepted(actionId: id, receipt: receipt))
                case .failure(let error):
                    logger.warning("action \(id) not accepted: \(error.description)")
                    inbox.push(.actionFinished(actionId: id, .failure(error)))
                }
            }
        case .confirm(let id, let receipt):
            Task {
                let result: Result<RequestStatus, OpsgenieError>
                result = await attempt { () async throws(OpsgenieError) in try await backend.confirm(receipt, timeout: .seconds(60)) }
                if case .failure(let error) = result { logger.warning("action \(id) failed: \(error.description)") }
                else { logger.info("action \(id) confirmed") }
                inbox.push(.actionFinished(actionId: id, result))
            }
        case .bell:
            terminal.bell()
        case .quit:
            break
        }
    }
}

/// Runs a typed-throwing call and keeps its outcome as a `Result`.
func attempt<T>(_ body: () async throws(OpsgenieError) -> T) async -> Result<T, OpsgenieError> {
    do { return .success(try await body()) } catch { return .failure(error) }
}

/// Restores the terminal on the way out, even after a crash signal.
enum TerminalGuard {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var haveSaved = false

    static func install() {
        if tcgetattr(STDIN_FILENO, &saved) == 0 { haveSaved = true }
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { _ in stopRequested.store(1, ordering: .relaxed) }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig) { sig in
                TerminalGuard.emergencyRestore()
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }

    /// Async-signal-safe: put the saved termios back and leave the alternate screen.
    static func emergencyRestore() {
        if haveSaved { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        let reset = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n"
        reset.withCString { _ = write(STDOUT_FILENO, $0, strlen($0)) }
    }

    static func restored() {
        if haveSaved { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
    }
}

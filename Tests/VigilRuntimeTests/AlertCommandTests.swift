import Foundation
import Logging
import OperationsModel
import Synchronization
import Testing
import VigilCore
@testable import VigilRuntime

/// The `on_new_alert` runner with real processes: environment, failures, timeout, one at a time.
@Suite("AlertCommand: running on_new_alert")
final class AlertCommandTests {
    final class Record: Sendable {
        let reports = Mutex<[String]>([])
        let finished = Mutex<[(String, AlertCommand.Outcome)]>([])
    }

    let folder: String = {
        let path = NSTemporaryDirectory() + "vigil-hook-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func runner(_ command: String, timeout: Duration = .seconds(10), maxQueued: Int = 20) -> (AlertCommand, Record) {
        let record = Record()
        let configuration = AlertCommand.Configuration(command: command, timeout: timeout, maxQueued: maxQueued, defaultSource: "opsgenie")
        let runner = AlertCommand(configuration: configuration, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
                                  report: { text, _ in record.reports.withLock { $0.append(text) } },
                                  finished: { alert, outcome in record.finished.withLock { $0.append((alert.id, outcome)) } })
        return (runner, record)
    }

    func alert(_ n: Int, message: String = "disk full") -> Alert {
        Alert(id: "id-\(n)", tinyId: String(n), message: message, status: .open, createdAt: Date(), priority: .p1)
    }

    /// Polls until `count` runs have finished (a deadline, not a sleep in place of the condition).
    func waitFor(_ record: Record, runs count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while record.finished.withLock({ $0.count }) < count {
            guard ContinuousClock.now < deadline else { Issue.record("only \(record.finished.withLock { $0.count }) of \(count) runs ended"); return }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test func theAlertReachesTheCommandOnlyThroughItsEnvironment() async throws {
        let pwned = folder + "/pwned"
        let out = folder + "/env"
        let (runner, record) = runner("printf '%s|%s|%s|%s|%s' \"$VIGIL_ALERT_ID\" \"$VIGIL_ALERT_TINY_ID\" \"$VIGIL_ALERT_PRIORITY\" \"$VIGIL_ALERT_SOURCE\" \"$VIGIL_ALERT_MESSAGE\" > \(out)")
        let message = "db down $(touch \(pwned)) `touch \(pwned)` \"; touch \(pwned)"
        runner.enqueue(alert(7, message: message))
        try await waitFor(record, runs: 1)
        #expect(record.finished.withLock { $0.map(\.1) } == [.exited(0)])
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "id-7|7|P1|opsgenie|\(message)")
        #expect(!FileManager.default.fileExists(atPath: pwned), "API text reached a shell")
        #expect(record.reports.withLock { $0 }.isEmpty, "a run that succeeds says nothing on the message line")
    }

    @Test func vigilsSecretsStayOutOfTheCommandsEnvironment() {
        let base = ["PATH": "/usr/bin:/bin", "OPSGENIE_API_KEY": "k", "JSM_API_TOKEN": "t", "VIGIL_ALERT_ID": "stale"]
        let environment = AlertCommand.commandEnvironment(base: base, alert: alert(3), source: "og-eu")
        #expect(environment["OPSGENIE_API_KEY"] == nil && environment["JSM_API_TOKEN"] == nil)
        #expect(environment["PATH"] == "/usr/bin:/bin" && environment["VIGIL_ALERT_ID"] == "id-3" && environment["VIGIL_ALERT_SOURCE"] == "og-eu")
    }

    @Test func aFailureAndATimeoutAreSaid() async throws {
        let (failing, failed) = runner("exit 3")
        failing.enqueue(alert(1))
        try await waitFor(failed, runs: 1)
        #expect(failed.finished.withLock { $0.map(\.1) } == [.exited(3)])
        #expect(failed.reports.withLock { $0 } == ["on_new_alert for #1 failed: exit status 3"])

        let (slow, timedOut) = runner("sleep 30", timeout: .milliseconds(300))
        let started = ContinuousClock.now
        slow.enqueue(alert(2))
        try await waitFor(timedOut, runs: 1)
        #expect(timedOut.finished.withLock { $0.map(\.1) } == [.timedOut])
        #expect(ContinuousClock.now - started < .seconds(10), "ended at the timeout, not when sleep would have")
        #expect(timedOut.reports.withLock { $0.first?.contains("ran past its") == true })
    }

    @Test func oneRunsAtATimeAndTheRestWaitInOrder() async throws {
        // mkdir is atomic: a second run while one holds the lock leaves a mark.
        let (runner, record) = runner("mkdir \(folder)/lock || touch \(folder)/overlap; sleep 0.1; rmdir \(folder)/lock")
        for n in 1...4 { runner.enqueue(alert(n)) }
        try await waitFor(record, runs: 4)
        #expect(record.finished.withLock { $0.map(\.0) } == ["id-1", "id-2", "id-3", "id-4"])
        #expect(!FileManager.default.fileExists(atPath: folder + "/overlap"), "two runs overlapped")
    }

    @Test func pastTheQueueLimitTheOldestWaitingAreDroppedAndSaid() async throws {
        let (runner, record) = runner("sleep 0.3", maxQueued: 1)
        for n in 1...4 { runner.enqueue(alert(n)) }
        try await waitFor(record, runs: 2)
        #expect(record.finished.withLock { $0.map(\.0) } == ["id-1", "id-4"])
        #expect(record.reports.withLock { $0 } == Array(repeating: "on_new_alert: 1 older alert not run — more than 1 waiting", count: 2))
    }

    @Test func aCommandThatCannotStartIsSaid() async throws {
        let (runner, record) = runner("/no/such/program")
        runner.enqueue(alert(5))
        try await waitFor(record, runs: 1)
        #expect(record.finished.withLock { $0.map(\.1) } == [.exited(127)], "sh says not found")
        #expect(record.reports.withLock { $0.first?.contains("exit status 127") == true })
    }
}

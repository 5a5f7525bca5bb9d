import Foundation
import OpsgenieKit
import ServiceSimulator
import Testing
import VigilCore
@testable import VigilRuntime
import VigilTesting

/// A fresh state folder for one test.
func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-journal-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The open actions a journal file holds, read as another program would.
func journaledActions(in journal: ActionJournal) throws -> [ActionRecord] {
    let data = try Data(contentsOf: journal.url)
    return try JSONDecoder().decode(ActionJournal.File.self, from: data).actions
}

@Suite struct JournalTests {
    @Test func savedActionsReadBackAndTheFileIsPrivate() throws {
        let folder = temporaryDirectory()
        let journal = try ActionJournal(directory: folder, host: "api.opsgenie.com")
        let record = ActionRecord(id: 1, action: .snooze(until: Date(timeIntervalSince1970: 1_795_000_000)), alertId: "a1", tinyId: "7",
                                  createdAt: Date(timeIntervalSince1970: 1_795_000_000),
                                  phase: .accepted(requestId: "r-1"), attempts: 1)
        try journal.save([record])
        #expect(journal.load().actions == [record])
        let mode = try FileManager.default.attributesOfItem(atPath: journal.url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(!FileManager.default.fileExists(atPath: journal.url.path + ".tmp"), "the temporary file was renamed over the journal")
    }

    @Test func aSecondVigilOnTheSameHostIsRefusedTheJournal() throws {
        let folder = temporaryDirectory()
        let first = try ActionJournal(directory: folder, host: "api.opsgenie.com")
        #expect(throws: JournalError.self) { try ActionJournal(directory: folder, host: "api.opsgenie.com") }
        _ = try ActionJournal(directory: folder, host: "api.eu.opsgenie.com")
        _ = first
    }

    @Test func anUnreadableJournalIsMovedAsideAndSaidSo() throws {
        let folder = temporaryDirectory()
        let journal = try ActionJournal(directory: folder, host: "h")
        try Data("{\"version\":1,\"actions\":[{\"id\":".utf8).write(to: journal.url)
        let restored = journal.load()
        #expect(restored.actions.isEmpty)
        #expect(restored.notices.first?.contains("could not be read") == true)
        let aside = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("unreadable") }
        #expect(aside.count == 1, "kept for a person to look at, not deleted")
    }

    @Test func anActionQueuedWhenVigilDiedIsSentAfterRestartAndConfirmed() async throws {
        let folder = temporaryDirectory()
        try await LiveDashboard.withSimulator { live in
            var journal: ActionJournal? = try ActionJournal(directory: folder, host: "sim")
            var first: DashboardEngine? = live.engine(journal: journal)
            try await first!.pump("first alerts") { !$0.alerts.isEmpty }
            let target = try first!.selectUnacknowledged()
            live.simulator.setFaults([FaultRule(route: "/v2/alerts", method: "POST", status: 503)])
            first!.send(.key(.character("a")))
            try await first!.pump("the acknowledge queued") { state in
                if case .queued = state.actionLog.records.last?.phase { true } else { false }
            }
            first!.flushJournal()
            #expect(try journaledActions(in: journal!).map(\.alertId) == [target.id], "on disk before Vigil dies")
            // Vigil dies here: no shutdown, nothing flushed beyond what the journal already holds.
            first = nil
            journal = nil
            live.simulator.setFaults([])

            let second = live.engine(journal: try ActionJournal(directory: folder, host: "sim"))
            try await second.pump("the resumed acknowledge confirmed") { state in
                state.actionLog.records.contains { $0.alertId == target.id && $0.phase == .confirmed }
            }
            #expect(live.simulator.alert(tinyId: target.tinyId ?? "")?.acknowledged == true)
            #expect(second.state.messages.contains { $0.text.contains("resuming 1 action") })
            try await second.settle()
        }
    }

    @Test func anAcceptedNoteIsConfirmedAfterRestartNotPostedAgain() async throws {
        let folder = temporaryDirectory()
        try await LiveDashboard.withSimulator { live in
            let alerts = try await live.client.listAlerts(AlertQuery(query: "status:open", limit: 1))
            let target = try #require(alerts.alerts.first)
            let before = live.simulator.notes(alertId: target.id).count
            // Sent and accepted by the API; then Vigil died before request status answered.
            let accepted = try await live.client.addNote(.id(target.id), note: "failing over to the replica")
            let journal = try ActionJournal(directory: folder, host: "sim")
            try journal.save([ActionRecord(id: 1, action: .addNote("failing over to the replica"), alertId: target.id, tinyId: target.tinyId ?? "?",
                                           createdAt: live.simulator.clock.now(), phase: .accepted(requestId: accepted.requestId), attempts: 1)])
            let engine = live.engine(journal: journal)
            try await engine.pump("the note confirmed") { $0.actionLog.records.first?.phase == .confirmed }
            #expect(live.simulator.notes(alertId: target.id).count == before + 1, "posted once")
            try await engine.pump("the journal emptied") { _ in (try? journaledActions(in: journal).isEmpty) == true }
            try await engine.settle()
        }
    }
}

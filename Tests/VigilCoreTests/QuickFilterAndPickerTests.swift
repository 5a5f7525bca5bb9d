import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("update: quick filters, pickers and key overrides")
struct QuickFilterAndPickerTests {
    @Test func configFiltersSurviveTheAccountsSavedSearches() {
        var state = loadedState { $0.quickFilters = [QuickFilter(name: "db", filter: .query("tag:db AND status:open"))] }
        #expect(state.alertPane.filters.quickFilters.map(\.name) == ["open", "unacked", "mine", "all", "db"])
        _ = state.update(.savedSearchesLoaded(.success([SavedSearchMeta(id: "s1", name: "payments"), SavedSearchMeta(id: "s2", name: "edge")])))
        #expect(state.alertPane.filters.quickFilters.map(\.name) == ["open", "unacked", "mine", "all", "db", "payments"])
        #expect(state.update(.key(.character("5"))) == [alertPoll(state, .query("tag:db AND status:open"))])
        _ = state.update(.alertsLoaded(.success(AlertPage(alerts: sampleAlerts, nextOffset: nil, pagesFetched: 1)), filter: .query("tag:db AND status:open")))
        #expect(state.update(.key(.character("6"))) == [alertPoll(state, .savedSearch(id: "s1", name: "payments"))])
        #expect(state.render().text.contains("saved: payments"))
    }

    @Test func savedSearchesThatFailToLoadKeepTheFiltersThereAre() {
        var state = loadedState { $0.quickFilters = [QuickFilter(name: "db", filter: .query("tag:db"))] }
        _ = state.update(.savedSearchesLoaded(.failure(.http(status: 403, message: "no", requestId: nil, internalCode: 40301, rateLimit: nil))))
        #expect(state.alertPane.filters.quickFilters.map(\.name) == ["open", "unacked", "mine", "all", "db"])
    }

    @Test func aPickerWhoseDataFailedToLoadSaysSoAndLoadsAgainOnTheNextOpen() {
        var state = loadedState()
        #expect(state.update(.key(.character("o"))) == [.loadUsers])
        #expect(state.render().text.contains("loading…"))
        _ = state.update(.usersLoaded(.failure(.transport("connection refused by 127.0.0.1:9"))))
        let screen = state.render().text
        #expect(screen.contains("could not load users"))
        #expect(!screen.contains("loading…"))
        _ = state.update(.key(.escape))
        #expect(state.update(.key(.character("o"))) == [.loadUsers], "opening it again retries")
        _ = state.update(.usersLoaded(.success([User(id: "u1", username: "alice@example.com", fullName: "Alice")])))
        #expect(state.render().text.contains("Alice <alice@example.com>"))
        _ = state.update(.key(.escape))
        #expect(state.update(.key(.character("o"))).isEmpty, "loaded once: not loaded again")
    }

    @Test func escalationsThatFailToLoadSaySoInThePicker() {
        var state = loadedState()
        #expect(state.update(.key(.character("e"))) == [.loadEscalations])
        _ = state.update(.escalationsLoaded(.failure(.http(status: 403, message: "forbidden", requestId: nil, internalCode: 40301, rateLimit: nil))))
        #expect(state.render().text.contains("could not load escalations"))
        #expect(state.update(.key(.enter)).isEmpty)
        #expect(state.messages.last?.text.contains("could not load escalations") == true)
    }

    @Test func rebindingACommandKeepsItsOtherKeys() {
        var keymap = Keymap.standard
        keymap.rebind(.moveDown, to: .character("J"))
        #expect(keymap.keys(for: .moveDown) == [.character("J"), .down])
        #expect(keymap.binding(for: .character("j")) == nil, "the old letter is free")
        keymap.rebind(.acknowledge, to: .character("x"))
        #expect(keymap.binding(for: .character("x"))?.command == .acknowledge)
        #expect(keymap.binding(for: .character("a")) == nil)
    }

    @Test func rebindingToAKeyInUseTakesItFromTheOtherCommand() {
        var keymap = Keymap.standard
        keymap.rebind(.refresh, to: .character("g"))
        #expect(keymap.binding(for: .character("g"))?.command == .refresh)
        #expect(keymap.keys(for: .top).isEmpty)
        var state = loadedState { $0.keymap = keymap }
        _ = state.update(.key(.down))
        #expect(state.selectedAlert?.tinyId == "4", "↓ still moves down")
        _ = state.update(.key(.character("g")))
        #expect(state.selectedAlert?.tinyId == "4", "g refreshes now; it no longer jumps to the top")
    }

    @Test func commandsReadAndWriteTheirConfigNames() {
        for command in Command.allCases { #expect(Command(rawValue: command.rawValue) == command) }
        #expect(Command(rawValue: "quick-filter-3") == .quickFilter(3))
        #expect(Command(rawValue: "quick-filter-7") == nil)
        #expect(Command.allCases.count == 35)
        #expect(Keymap.standard.binding(for: .control("l"))?.command == .redraw)
        #expect(Command(rawValue: "resolve") == .resolve)
    }
}

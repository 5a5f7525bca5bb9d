import Foundation
import OperationsModel

/// Prompts and pickers: while one is open it takes every key.
extension DashboardState {
    mutating func handle(_ key: Key, in overlay: Overlay) -> [DashboardEffect] {
        switch overlay {
        case .help, .messages, .shiftReport:
            self.prompt.overlay = nil
            return []
        case .confirmQuit, .confirmQuitSettled:
            self.prompt.overlay = nil
            if key == .character("y") || key == .character("Y") { quitting = true; return [.quit] }
            say("quit cancelled", .info)
            return []
        case .confirm(_, let action, let ids):
            self.prompt.overlay = nil
            if key == .character("y") || key == .character("Y") { return act(action, on: ids) }
            say("\(action.verb) cancelled", .info)
            return []
        case .confirmIncident(_, let action, let id):
            self.prompt.overlay = nil
            if key == .character("y") || key == .character("Y") { return act(action, onIncident: id) }
            say("\(action.verb) cancelled", .info)
            return []
        case .input(let purpose, let text):
            return edit(purpose, text: text, key: key)
        case .picker(let purpose, let field):
            return pick(purpose, field, key: key)
        case .chooseSource(let choice):
            return choose(choice, key: key)
        }
    }

    private mutating func edit(_ purpose: InputPurpose, text: TextField, key: Key) -> [DashboardEffect] {
        var field = text
        switch key {
        case .escape:
            prompt.overlay = nil
            say("\(purpose.word) cancelled", .info)
            return []
        case .enter:
            prompt.overlay = nil
            return submit(purpose, text: field.text)
        default:
            _ = field.edit(key)
        }
        prompt.overlay = .input(purpose, text: field)
        return []
    }

    private mutating func pick(_ purpose: PickerPurpose, _ field: PickerField, key: Key) -> [DashboardEffect] {
        var field = field
        let options = pickerOptions(purpose, filter: field.filter.text)
        switch field.handle(key, options: options.count) {
        case .cancelled:
            prompt.overlay = nil
            say("\(purpose.word) cancelled", .info)
        case .picked(let index):
            prompt.overlay = nil
            return choose(purpose, options[index].choice)
        case .nothingToPick:
            // Nothing to pick (a snooze that is not a duration, a name nobody has): the picker
            // stays open with what was typed, and says why, so nothing typed is lost.
            say(pickerStatus(purpose, filter: field.filter.text) ?? "nothing matches", .warning)
        case .kept:
            prompt.overlay = .picker(purpose, field)
        }
        return []
    }

    /// The options of a picker, filtered by what was typed.
    public func pickerOptions(_ purpose: PickerPurpose, filter: String) -> [PickerOption] {
        let all: [PickerOption]
        switch purpose {
        case .snooze:
            if !filter.isEmpty, let seconds = DurationText.parse(filter) {
                return [PickerOption(label: "snooze for \(filter)", choice: .snoozeFor(seconds, text: filter))]
            }
            if let until = DurationText.nextTime(filter, after: now, timeZone: settings.timeZone) {
                return [PickerOption(label: "snooze until next \(filter)", choice: .snoozeUntil(until, text: filter))]
            }
            all = SnoozePreset.allCases.map { PickerOption(label: $0.label, choice: .snooze($0)) }
        case .assign(let ids):
            all = assignOptions(ids)
        case .customAction(let id):
            var names = alertPane.details[id]?.alert?.actions ?? []
            for name in configuredActions(for: id)?.names ?? [] where !names.contains(name) { names.append(name) }
            all = names.map { PickerOption(label: $0, choice: .customAction($0)) }
        case .escalate(let ids):
            // With several sources an escalation is its own source's: only those of the alerts' sources.
            let wanted = Set(ids.compactMap(source(of:)))
            all = (prompt.escalations.value ?? []).filter { wanted.isEmpty || source(of: $0.id).map(wanted.contains) ?? true }.map { escalation in
                let name = escalation.name ?? escalation.id
                return PickerOption(label: name, choice: .escalation(.id(escalation.id), name: name))
            }
        }
        guard !filter.isEmpty else { return all }
        return all.filter { $0.label.lowercased().contains(filter.lowercased()) }
    }

    /// The custom actions config names for the alert's source, when its service cannot list them.
    func configuredActions(for alertId: String) -> ConfiguredActions? {
        let origin = alertPane.details[alertId]?.alert?.origin ?? alertPane.list.row(of: alertId).flatMap(alertPane.list.alert(atRow:))?.origin
        return settings.configuredActions[origin ?? ""]
    }

    /// The people an assignment to the alerts `ids` can name. With several sources, only those
    /// the alerts' own sources know: one source's by its id there, several sources' by a login
    /// every one of them knows; each person once.
    func assignOptions(_ ids: [String]) -> [PickerOption] {
        let people = prompt.users.value ?? []
        func option(_ user: User, _ reference: UserReference) -> PickerOption {
            PickerOption(label: "\(user.fullName ?? "") <\(user.username ?? user.id)>", choice: .user(reference))
        }
        let wanted = Set(ids.compactMap(source(of:)))
        guard !wanted.isEmpty else { return people.map { option($0, $0.username.map { .username($0) } ?? .id($0.id)) } }
        func login(_ user: User) -> String { (user.username ?? user.id).lowercased() }
        var knownTo: [String: Set<String>] = [:]
        for user in people { if let source = source(of: user.id) { knownTo[login(user), default: []].insert(source) } }
        var listed: Set<String> = []
        return people.compactMap { user in
            guard let source = source(of: user.id), wanted.contains(source), wanted.isSubset(of: knownTo[login(user)] ?? []),
                  listed.insert(login(user)).inserted else { return nil }
            return option(user, wanted.count == 1 ? .id(user.id) : .username(user.username ?? user.id))
        }
    }

    /// What a picker says instead of options while its data loads or after it failed, or when
    /// what was typed is not a snooze.
    public func pickerStatus(_ purpose: PickerPurpose, filter: String = "") -> String? {
        let data: PickerData<Int>
        switch purpose {
        case .snooze: return filter.isEmpty ? nil : DurationText.notADuration
        case .customAction(let id):
            if let configured = configuredActions(for: id), configured.names.isEmpty { return configured.note }
            guard let detail = alertPane.details[id] else { return "loading…" }
            if let error = detail.error { return "could not load the alert: \(error)" }
            return (detail.alert?.actions ?? []).isEmpty ? "this alert has no custom actions" : nil
        case .assign: data = prompt.users.map(\.count)
        case .escalate: data = prompt.escalations.map(\.count)
        }
        switch data {
        case .notLoaded, .loading: return "loading…"
        case .failed(let why): return "\(why) — Esc, then open it again to retry"
        case .loaded:
            guard showsSources, pickerOptions(purpose, filter: "").isEmpty, case .assign(let ids) = purpose else { return nil }
            let wanted = Set(ids.compactMap(source(of:)))
            return wanted.count > 1 ? "nobody is known to every source of \(targetsDescription(ids)): mark one source's alerts"
                : "nobody of \(wanted.first ?? "this source") is known to Vigil yet"
        }
    }

    private mutating func choose(_ purpose: PickerPurpose, _ choice: PickerChoice) -> [DashboardEffect] {
        let ids: [String]
        switch purpose {
        case .snooze(let a), .assign(let a), .escalate(let a): ids = a
        case .customAction(let id): ids = [id]
        }
        switch choice {
        case .snooze(.custom):
            prompt.overlay = .input(.snoozeDuration(alertIds: ids), text: "")
            return []
        case .snooze(let preset):
            guard let until = preset.end(from: now, timeZone: settings.timeZone) else { return [] }
            return askOrAct(.snooze, .snooze(until: until), on: ids, detail: " (\(preset.label))")
        case .snoozeFor(let seconds, let text):
            return askOrAct(.snooze, .snooze(until: now.addingTimeInterval(seconds)), on: ids, detail: " for \(text)")
        case .snoozeUntil(let until, let text):
            return askOrAct(.snooze, .snooze(until: until), on: ids, detail: " until \(text)")
        case .user(let user):
            let name = switch user {
            case .username(let login): login
            case .id(let id): prompt.users.value?.first { $0.id == id }.map { $0.fullName ?? $0.username ?? id } ?? id
            }
            return askOrAct(.assign, .assign(user), on: ids, detail: " to \(name)")
        case .customAction(let name):
            let message = ids.first.flatMap { rowAlert($0)?.message }.map { " " + TerminalText.fit($0, columns: 40) } ?? ""
            return askOrAct(.customAction, .customAction(name), on: ids, question: "Run '\(name)' on \(targetsDescription(ids))\(message)? y/N")
        case .escalation(let escalation, let name):
            // An escalation is one source's: the marked alerts of other sources are left, and said so.
            var chosen = ids
            var left = ""
            if case .id(let escalationId) = escalation, let owner = source(of: escalationId) {
                chosen = ids.filter { source(of: $0) == owner }
                let others = ids.filter { source(of: $0) != owner }
                if !others.isEmpty { left = "; not \(perSource(others) ?? "") (another source's escalation)" }
            }
            return askOrAct(.escalate, .escalate(escalation), on: chosen, detail: " to \(name)\(left)")
        }
    }

    private mutating func submit(_ purpose: InputPurpose, text: String) -> [DashboardEffect] {
        switch purpose {
        case .filter: return applyFilter(.query(text.trimmingCharacters(in: .whitespaces)), name: nil)
        case .note(let ids):
            let note = text.trimmingCharacters(in: .whitespaces)
            guard !note.isEmpty else { say("empty note not sent", .warning); return [] }
            return askOrAct(.note, .addNote(note), on: ids)
        case .incidentNote(let id):
            let note = text.trimmingCharacters(in: .whitespaces)
            guard !note.isEmpty else { say("empty note not sent", .warning); return [] }
            return act(.addNote(note), onIncident: id)
        case .snoozeDuration(let ids):
            if let until = DurationText.nextTime(text, after: now, timeZone: settings.timeZone) {
                return askOrAct(.snooze, .snooze(until: until), on: ids, detail: " until \(text)")
            }
            guard let seconds = DurationText.parse(text) else {
                // The field stays open with what was typed: fix it, or Esc.
                prompt.overlay = .input(purpose, text: TextField(text))
                say("'\(text)': \(DurationText.notADuration)", .error)
                return []
            }
            return askOrAct(.snooze, .snooze(until: now.addingTimeInterval(seconds)), on: ids, detail: " for \(text)")
        }
    }
}

extension PickerData {
    /// The same load state with the value transformed.
    func map<Other>(_ transform: (Value) -> Other) -> PickerData<Other> {
        switch self {
        case .notLoaded: .notLoaded
        case .loading: .loading
        case .loaded(let value): .loaded(transform(value))
        case .failed(let why): .failed(why)
        }
    }
}

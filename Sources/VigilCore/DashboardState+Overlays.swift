import Foundation
import OperationsModel

/// Prompts and pickers: while one is open it takes every key.
extension DashboardState {
    mutating func handle(_ key: Key, in overlay: Overlay) -> [DashboardEffect] {
        switch overlay {
        case .help:
            self.overlay = nil
            return []
        case .confirmQuit, .confirmQuitSettled:
            self.overlay = nil
            if key == .character("y") || key == .character("Y") { quitting = true; return [.quit] }
            say("quit cancelled", .info)
            return []
        case .confirm(_, let action, let ids):
            self.overlay = nil
            if key == .character("y") || key == .character("Y") { return act(action, on: ids) }
            say("\(action.verb) cancelled", .info)
            return []
        case .confirmIncident(_, let action, let id):
            self.overlay = nil
            if key == .character("y") || key == .character("Y") { return act(action, onIncident: id) }
            say("\(action.verb) cancelled", .info)
            return []
        case .input(let purpose, let text):
            return edit(purpose, text: text, key: key)
        case .picker(let purpose, let filter, let selected):
            return pick(purpose, filter: filter, selected: selected, key: key)
        }
    }

    private mutating func edit(_ purpose: InputPurpose, text: String, key: Key) -> [DashboardEffect] {
        var text = text
        switch key {
        case .escape:
            overlay = nil
            say("cancelled", .info)
            return []
        case .enter:
            overlay = nil
            return submit(purpose, text: text)
        case .backspace, .delete:
            if !text.isEmpty { text.removeLast() }
        case .control("u"):
            text = ""  // clears the field, as in a shell
        case .control("w"):
            // Deletes the last word, as in a shell.
            while text.last == " " { text.removeLast() }
            while let last = text.last, last != " " { _ = last; text.removeLast() }
        case .character(let c):
            text.append(c)
        default:
            break
        }
        overlay = .input(purpose, text: text)
        return []
    }

    private mutating func pick(_ purpose: PickerPurpose, filter: String, selected: Int, key: Key) -> [DashboardEffect] {
        var filter = filter
        var selected = selected
        let options = pickerOptions(purpose, filter: filter)
        switch key {
        case .escape:
            overlay = nil
            say("cancelled", .info)
            return []
        case .down: selected = min(selected + 1, max(0, options.count - 1))
        case .up: selected = max(0, selected - 1)
        case .enter:
            overlay = nil
            guard selected < options.count else { say(pickerStatus(purpose) ?? "nothing matches", .warning); return [] }
            return choose(purpose, options[selected].choice)
        case .backspace, .delete:
            if !filter.isEmpty { filter.removeLast() }
            selected = 0
        case .character(let c):
            filter.append(c)
            selected = 0
        default: break
        }
        overlay = .picker(purpose, filter: filter, selected: selected)
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
            all = SnoozePreset.allCases.map { PickerOption(label: $0.label, choice: .snooze($0)) }
        case .assign:
            all = (users.value ?? []).map { user in
                PickerOption(label: "\(user.fullName ?? "") <\(user.username ?? user.id)>",
                             choice: .user(user.username.map { .username($0) } ?? .id(user.id)))
            }
        case .customAction(let id):
            var names = details[id]?.alert?.actions ?? []
            for name in configuredActions(for: id)?.names ?? [] where !names.contains(name) { names.append(name) }
            all = names.map { PickerOption(label: $0, choice: .customAction($0)) }
        case .escalate:
            all = (escalations.value ?? []).map { escalation in
                let name = escalation.name ?? escalation.id
                return PickerOption(label: name, choice: .escalation(.id(escalation.id), name: name))
            }
        }
        guard !filter.isEmpty else { return all }
        return all.filter { $0.label.lowercased().contains(filter.lowercased()) }
    }

    /// The custom actions config names for the alert's source, when its service cannot list them.
    func configuredActions(for alertId: String) -> ConfiguredActions? {
        let origin = details[alertId]?.alert?.origin ?? alertList.row(of: alertId).flatMap(alertList.alert(atRow:))?.origin
        return settings.configuredActions[origin ?? ""]
    }

    /// What a picker says instead of options while its data loads or after it failed.
    public func pickerStatus(_ purpose: PickerPurpose) -> String? {
        let data: PickerData<Int>
        switch purpose {
        case .snooze: return nil
        case .customAction(let id):
            if let configured = configuredActions(for: id), configured.names.isEmpty { return configured.note }
            guard let detail = details[id] else { return "loading…" }
            if let error = detail.error { return "could not load the alert: \(error)" }
            return (detail.alert?.actions ?? []).isEmpty ? "this alert has no custom actions" : nil
        case .assign: data = users.map(\.count)
        case .escalate: data = escalations.map(\.count)
        }
        switch data {
        case .notLoaded, .loading: return "loading…"
        case .failed(let why): return "\(why) — Esc, then open it again to retry"
        case .loaded: return nil
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
            overlay = .input(.snoozeDuration(alertIds: ids), text: "")
            return []
        case .snooze(let preset):
            guard let until = preset.end(from: now, timeZone: settings.timeZone) else { return [] }
            return act(.snooze(until: until), on: ids)
        case .snoozeFor(let seconds, _):
            return act(.snooze(until: now.addingTimeInterval(seconds)), on: ids)
        case .user(let user):
            return act(.assign(user), on: ids)
        case .customAction(let name):
            let alert = ids.first.flatMap { loadedAlert($0) }
            let message = TerminalText.fit(alert?.message ?? "", columns: 40)
            overlay = .confirm(prompt: "Run '\(name)' on \(targetsDescription(ids)) \(message)? y/N", action: .customAction(name), alertIds: ids)
            return []
        case .escalation(let escalation, let name):
            overlay = .confirm(prompt: "Escalate \(targetsDescription(ids)) to \(name)? y/N", action: .escalate(escalation), alertIds: ids)
            return []
        }
    }

    private mutating func submit(_ purpose: InputPurpose, text: String) -> [DashboardEffect] {
        switch purpose {
        case .filter: return applyFilter(.query(text.trimmingCharacters(in: .whitespaces)), name: nil)
        case .note(let ids):
            let note = text.trimmingCharacters(in: .whitespaces)
            guard !note.isEmpty else { say("empty note not sent", .warning); return [] }
            return act(.addNote(note), on: ids)
        case .incidentNote(let id):
            let note = text.trimmingCharacters(in: .whitespaces)
            guard !note.isEmpty else { say("empty note not sent", .warning); return [] }
            return act(.addNote(note), onIncident: id)
        case .snoozeDuration(let ids):
            guard let seconds = DurationText.parse(text) else { say("cannot read '\(text)': use e.g. 90m, 2h, 1d", .error); return [] }
            return act(.snooze(until: now.addingTimeInterval(seconds)), on: ids)
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

import Foundation
import OpsgenieKit

/// Everything that can happen to the dashboard.
public enum DashboardEvent: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case tick(Date)
    /// Alerts for `query` (`nil`: for whatever query is current).
    case alertsLoaded(Result<AlertPage, OpsgenieError>, query: String? = nil)
    case heartbeatsLoaded(Result<[Heartbeat], OpsgenieError>)
    case onCallLoaded(Result<[OnCallSummary], OpsgenieError>)
    case detailLoaded(alertId: String, Result<AlertDetail, OpsgenieError>)
    case usersLoaded([User])
    case escalationsLoaded([Escalation])
    case savedSearchesLoaded([SavedSearchMeta])
    case actionAccepted(actionId: Int, receipt: ActionReceipt)
    case actionFinished(actionId: Int, Result<RequestStatus, OpsgenieError>)
    case rateLimitChanged(domain: RateLimitDomain?, status: RateLimitStatus?)
    /// Actions found in the journal at start, to resume or drop.
    case journalRestored([ActionRecord])
    /// A line for the message area from outside the dashboard (journal, config).
    case notice(String, StatusMessage.Level)
}

/// Work for the runner: I/O that comes back as events.
public enum DashboardEffect: Sendable, Equatable {
    case poll(DataKind, query: String, pages: Int)
    case loadDetail(alertId: String)
    case loadUsers, loadEscalations, loadSavedSearches
    case perform(actionId: Int, action: AlertAction, alertId: String)
    case confirm(actionId: Int, receipt: ActionReceipt)
    case bell
    case quit
}

extension DashboardState {
    /// Applies an event and returns the I/O to start. Pure: no clock, no network.
    public mutating func update(_ event: DashboardEvent) -> [DashboardEffect] {
        switch event {
        case .tick(let date):
            now = date
            return duePolls() + retryQueuedActions()
        case .resize(let w, let h):
            width = w
            height = h
            keepSelectionVisible()
            return []
        case .key(let key):
            return handle(key)
        case .alertsLoaded(let result, let forQuery):
            return receiveAlerts(result, forQuery: forQuery)
        case .heartbeatsLoaded(let result):
            if case .success(let beats) = result {
                heartbeats = beats.sorted { a, b in
                    let ra = a.expired == true ? 0 : (a.enabled == false ? 2 : 1)
                    let rb = b.expired == true ? 0 : (b.enabled == false ? 2 : 1)
                    return ra != rb ? ra < rb : a.name < b.name
                }
            }
            finishPoll(.heartbeats, error: result.failure)
            return []
        case .onCallLoaded(let result):
            if case .success(let summaries) = result { onCall = summaries }
            finishPoll(.onCall, error: result.failure)
            return []
        case .detailLoaded(let id, let result):
            switch result {
            case .success(let detail): details[id] = detail
            case .failure(let error): details[id] = AlertDetail(alert: nil, notes: [], logs: [], error: error.description, loadedAt: now)
            }
            return []
        case .usersLoaded(let list): users = list; return []
        case .escalationsLoaded(let list): escalations = list; return []
        case .savedSearchesLoaded(let searches):
            let saved = searches.prefix(2).map { QuickFilter(name: $0.name, query: "", savedSearchId: $0.id) }
            quickFilters = Array(QuickFilter.defaults(me: settings.me).prefix(4)) + saved
            return []
        case .actionAccepted(let id, let receipt):
            guard let index = actions.firstIndex(where: { $0.id == id }) else { return [] }
            actions[index].phase = .accepted(requestId: receipt.requestId)
            return [.confirm(actionId: id, receipt: receipt)]
        case .actionFinished(let id, let result):
            return finishAction(id, result)
        case .rateLimitChanged(let domain, let status):
            if let domain, let status { rateLimit = (domain, status) } else { rateLimit = nil }
            return []
        case .journalRestored(let records):
            return resume(records)
        case .notice(let text, let level):
            say(text, level)
            return []
        }
    }

    // MARK: Polling

    /// Starts a poll of one kind now; if one is in flight, polls again as soon as it answers
    /// (never two of a kind at once).
    mutating func pollNow(_ kind: DataKind) -> [DashboardEffect] {
        guard feeds[kind]?.inFlight != true else {
            feeds[kind]?.repollWhenDone = true
            return []
        }
        feeds[kind]?.nextDue = nil
        return duePolls()
    }

    mutating func duePolls() -> [DashboardEffect] {
        var effects: [DashboardEffect] = []
        for kind in DataKind.allCases {
            guard var feed = feeds[kind], !feed.inFlight else { continue }
            if let due = feed.nextDue, due > now { continue }
            feed.inFlight = true
            feed.polls += 1
            feed.startedAt = now
            feed.repollWhenDone = false
            feeds[kind] = feed
            effects.append(.poll(kind, query: query, pages: settings.alertPages))
        }
        return effects
    }

    /// The kind polled most often: it keeps its interval through server and network faults
    /// and so notices first when the API is back.
    var probeKind: DataKind {
        DataKind.allCases.min { (settings.intervals[$0] ?? 10, $0.rawValue) < (settings.intervals[$1] ?? 10, $1.rawValue) } ?? .alerts
    }

    /// When to poll `kind` again after `failures` consecutive failures.
    ///
    /// - Rate limited (`X-RateLimit-State` BURST/THROTTLED: 2×; a 429: 4×), and never sooner
    ///   than the period the API asked for.
    /// - Other faults: the probe kind (alerts by default) keeps its interval — each of its
    ///   polls already retried with backoff inside the client — so recovery is seen within one
    ///   interval; the other kinds double up to 4× and are polled at once when the probe
    ///   succeeds again.
    /// Jitter of up to 10% keeps the kinds (and several screens) from polling in step.
    func pollDelay(_ kind: DataKind, failures: Int, throttled: Bool) -> TimeInterval {
        let base = settings.intervals[kind] ?? 10
        var delay = base
        if throttled {
            delay = max(base * pow(2, Double(min(failures + 1, 2))), Double(rateLimit?.status.periodSeconds ?? 0))
        } else if failures > 0, kind != probeKind {
            delay = base * pow(2, Double(min(failures, 3) - 1))
        }
        return delay + jitter(kind, base: delay)
    }

    /// Up to 10% of `base`, different per screen (the seed), per kind and per poll, so that
    /// the kinds and several screens on one account do not poll in step. Derived from the
    /// state, not a random source, so `update` stays pure and tests repeatable.
    func jitter(_ kind: DataKind, base: TimeInterval) -> TimeInterval {
        var x = settings.jitterSeed ^ UInt64(feeds[kind]?.polls ?? 0) &* 0x9E37_79B9_7F4A_7C15
        for scalar in kind.rawValue.unicodeScalars { x = (x ^ UInt64(scalar.value)) &* 0x100_0000_01B3 }
        // splitmix64 finaliser
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        x ^= x >> 31
        return Double(x % 1000) / 10000 * base
    }

    mutating func finishPoll(_ kind: DataKind, error: OpsgenieError?) {
        var feed = feeds[kind] ?? FeedStatus()
        feed.inFlight = false
        let recovered = error == nil && feed.failures > 0
        if let error {
            feed.lastError = error
            feed.failures += 1
        } else {
            feed.lastError = nil
            feed.failures = 0
            feed.lastSuccess = now
        }
        let throttled = error?.faultClass == .rateLimit || rateLimit?.status.state == .throttled || rateLimit?.status.state == .burst
        feed.nextDue = feed.repollWhenDone ? now : now.addingTimeInterval(pollDelay(kind, failures: feed.failures, throttled: throttled))
        feeds[kind] = feed
        if recovered {
            // The API answers again: kinds that were backing off poll now.
            for other in DataKind.allCases where other != kind && (feeds[other]?.failures ?? 0) > 0 && feeds[other]?.lastError?.faultClass != .rateLimit {
                feeds[other]?.nextDue = now
            }
        }
    }

    mutating func receiveAlerts(_ result: Result<AlertPage, OpsgenieError>, forQuery: String?) -> [DashboardEffect] {
        var effects: [DashboardEffect] = []
        if let forQuery, forQuery != query {
            // The answer for a filter that was changed while it was in flight: poll the new one.
            feeds[.alerts]?.inFlight = false
            feeds[.alerts]?.nextDue = now
            return duePolls()
        }
        if case .success(let page) = result {
            let sorted = Self.sortedByDefaultOrder(page.alerts)
            if everLoaded, settings.bellOnP1, sorted.contains(where: { !seen.contains($0.id) && ($0.priority ?? .p5) <= .p2 }) {
                effects.append(.bell)
            }
            if !everLoaded { for alert in sorted { seen.insert(alert.id) } }
            everLoaded = true
            let previousIndex = selectedIndex ?? 0
            alerts = sorted
            // Actions confirmed after this poll started are not in its answer yet.
            if let started = feeds[.alerts]?.startedAt {
                for record in actions where record.phase == .confirmed && (record.finishedAt ?? .distantPast) >= started {
                    applyLocally(record)
                }
            }
            totalAlerts = page.nextOffset.map { _ in sorted.count }
            if selectedAlertId == nil || selectedIndex == nil {
                // The selected alert left the list: stay on the same row number.
                selectedAlertId = alerts.isEmpty ? nil : alerts[min(previousIndex, alerts.count - 1)].id
            }
            // Keep per-alert memory to the alerts on screen, so weeks of running do not grow it.
            let onScreen = Set(alerts.map(\.id))
            marked = marked.intersection(onScreen)
            details = details.filter { onScreen.contains($0.key) }
            if seen.count > 4 * max(onScreen.count, 1_000) { seen = seen.intersection(onScreen) }
            keepSelectionVisible()
            if let id = selectedAlertId, details[id] == nil { effects.append(.loadDetail(alertId: id)) }
        }
        finishPoll(.alerts, error: result.failure)
        return effects
    }

    /// `alerts` in the default order — priority first (P1 on top), then newest first — sorting
    /// small keys rather than moving whole alerts (a poll of thousands must not hold up a key press).
    static func sortedByDefaultOrder(_ alerts: [Alert]) -> [Alert] {
        let keys = alerts.indices.map { i in (rank: alerts[i].priority?.rank ?? 6, created: alerts[i].createdAt ?? .distantPast, index: i) }
        let order = keys.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.created != b.created { return a.created > b.created }
            return alerts[a.index].id < alerts[b.index].id
        }
        return order.map { alerts[$0.index] }
    }

    // MARK: Keys

    mutating func handle(_ key: Key) -> [DashboardEffect] {
        if let overlay { return handle(key, in: overlay) }
        guard let binding = settings.keymap.binding(for: key) else {
            if case .control("c") = key { return requestQuit() }
            return []
        }
        if let reason = whyDisabled(binding.command) {
            say("\(binding.description): \(reason)", .warning)
            return []
        }
        switch binding.command {
        case .moveDown: move(by: 1)
        case .moveUp: move(by: -1)
        case .pageDown: move(by: max(1, alertRows - 1))
        case .pageUp: move(by: -max(1, alertRows - 1))
        case .top: move(to: 0)
        case .bottom: move(to: alerts.count - 1)
        case .nextPane, .previousPane:
            let panes = visiblePanes
            let index = panes.firstIndex(of: focus) ?? 0
            focus = panes[(index + (binding.command == .nextPane ? 1 : panes.count - 1)) % panes.count]
            if focus != .alerts { secondaryPane = focus }
            else if !isWide { secondaryPane = Self.cycle(after: secondaryPane) }
        case .openDetail:
            secondaryPane = .detail
            focus = .detail
            if let id = selectedAlertId { return [.loadDetail(alertId: id)] }
        case .acknowledge: return act(.acknowledge, on: actionTargets())
        case .unacknowledge: return act(.unacknowledge, on: actionTargets())
        case .close:
            let targets = actionTargets()
            let prompt: String
            if targets.count == 1, let alert = alerts.first(where: { $0.id == targets[0] }) {
                prompt = "Close #\(alert.tinyId ?? "?") \(TerminalText.fit(alert.message ?? "", columns: 50))? y/N"
            } else {
                prompt = "Close \(targets.count) marked alerts? y/N"
            }
            overlay = .confirm(prompt: prompt, action: .close, alertIds: targets)
        case .escalate:
            overlay = .picker(.escalate(alertIds: actionTargets()), filter: "", selected: 0)
            return escalations.isEmpty ? [.loadEscalations] : []
        case .snooze: overlay = .picker(.snooze(alertIds: actionTargets()), filter: "", selected: 0)
        case .assign:
            overlay = .picker(.assign(alertIds: actionTargets()), filter: "", selected: 0)
            return users.isEmpty ? [.loadUsers] : []
        case .note: overlay = .input(.note(alertIds: actionTargets()), text: "")
        case .mark:
            if let id = selectedAlertId {
                if marked.contains(id) { marked.remove(id) } else { marked.insert(id) }
                move(by: 1)
            }
        case .filter: overlay = .input(.filter, text: query)
        case .refresh:
            for kind in DataKind.allCases { feeds[kind]?.nextDue = nil }
            details = [:]
            return duePolls()
        case .nextTheme:
            themeIndex = (themeIndex + 1) % max(1, settings.themeNames.count)
            say("theme: \(themeName)", .info)
        case .help: overlay = .help
        case .quit: return requestQuit()
        case .quickFilter1, .quickFilter2, .quickFilter3, .quickFilter4, .quickFilter5, .quickFilter6:
            let n = Int(String(binding.command.rawValue.last!))! - 1
            guard n < quickFilters.count else { say("no quick filter \(n + 1)", .warning); return [] }
            return applyFilter(quickFilters[n].savedSearchId.map { "saved:\($0)" } ?? quickFilters[n].query, name: quickFilters[n].name)
        }
        if selectedAlertId != nil, binding.command == .moveDown || binding.command == .moveUp || binding.command == .top
            || binding.command == .bottom || binding.command == .pageDown || binding.command == .pageUp || binding.command == .mark {
            if let id = selectedAlertId { seen.insert(id); if details[id] == nil { return [.loadDetail(alertId: id)] } }
        }
        return []
    }

    /// Why a command cannot run now, or `nil` when it can.
    public func whyDisabled(_ command: Command) -> String? {
        if command.isWrite && settings.readOnly { return "read-only mode" }
        if command.needsAlert && selectedAlertId == nil && marked.isEmpty { return "no alert selected" }
        return nil
    }

    mutating func requestQuit() -> [DashboardEffect] {
        if pendingActions.isEmpty { quitting = true; return [.quit] }
        overlay = .confirmQuit
        return []
    }

    /// Marked alerts if any, else the selected one.
    func actionTargets() -> [String] {
        if !marked.isEmpty { return alerts.map(\.id).filter { marked.contains($0) } }
        return selectedAlertId.map { [$0] } ?? []
    }

    mutating func act(_ action: AlertAction, on ids: [String]) -> [DashboardEffect] {
        guard !ids.isEmpty else { say("no alert selected", .warning); return [] }
        var effects: [DashboardEffect] = []
        for id in ids {
            let record = ActionRecord(id: nextActionId, action: action, alertId: id,
                                      tinyId: alerts.first { $0.id == id }?.tinyId ?? "?", createdAt: now, phase: .sending, attempts: 1)
            nextActionId += 1
            actions.append(record)
            effects.append(.perform(actionId: record.id, action: action, alertId: id))
        }
        if ids.count > 1 { marked = [] }
        say("\(action.verb) → \(ids.count == 1 ? "#" + (alerts.first { $0.id == ids[0] }?.tinyId ?? "?") : "\(ids.count) alerts"): sending", .info)
        if actions.count > 500 { actions.removeFirst(actions.count - 500) }
        return effects
    }

    mutating func finishAction(_ id: Int, _ result: Result<RequestStatus, OpsgenieError>) -> [DashboardEffect] {
        guard let index = actions.firstIndex(where: { $0.id == id }) else { return [] }
        let record = actions[index]
        switch result {
        case .success:
            actions[index].phase = .confirmed
            actions[index].finishedAt = now
            say("\(record.action.verb) #\(record.tinyId): confirmed", .info)
            // Reflect the confirmed state until the next poll shows it.
            applyLocally(record)
            details[record.alertId] = nil
            return pollNow(.alerts) + (record.alertId == selectedAlertId ? [.loadDetail(alertId: record.alertId)] : [])
        case .failure(let error):
            // Unreachable, or an answer that could not be read (a 202 with a damaged body may
            // still have applied): the outcome is unknown.
            let unknownOutcome = error.isTransient || error.faultClass == .badResponse
            if !record.action.isRepeatSafe, unknownOutcome, !error.certainlyNotApplied {
                // The request may have reached Opsgenie before the connection failed: sending a
                // note again could post it twice, so say so instead of retrying.
                actions[index].phase = .failed(reason: "\(error.faultClass.rawValue) error after sending; the note may have been posted — check the notes before adding it again")
                actions[index].finishedAt = now
                say("note #\(record.tinyId): not confirmed (\(error.description)); check the notes before adding it again", .error)
                return []
            }
            if unknownOutcome && error.faultClass != .rejected {
                // The API could not be reached: keep it and send it again when polling recovers.
                actions[index].phase = .queued(reason: error.faultClass.rawValue)
                // Wait a little longer after each attempt: 5 s, 10 s, 20 s … at most a minute.
                actions[index].retryAt = now.addingTimeInterval(min(settings.actionRetryBase * pow(2, Double(max(0, record.attempts - 1))), 60))
                say("\(record.action.verb) #\(record.tinyId): queued (\(error.faultClass.rawValue)), will retry", .warning)
                return []
            }
            actions[index].phase = .failed(reason: error.message.isEmpty ? error.description : error.message)
            actions[index].finishedAt = now
            say("\(record.action.verb) #\(record.tinyId) failed: \(error.description)", .error)
            return []
        }
    }

    /// Sends queued actions again once the alert feed answers and their wait is over.
    mutating func retryQueuedActions() -> [DashboardEffect] {
        guard let feed = feeds[.alerts], feed.lastError == nil, feed.lastSuccess != nil else { return [] }
        var effects: [DashboardEffect] = []
        for index in actions.indices {
            guard case .queued = actions[index].phase, (actions[index].retryAt ?? .distantPast) <= now else { continue }
            actions[index].phase = .sending
            actions[index].attempts += 1
            effects.append(.perform(actionId: actions[index].id, action: actions[index].action, alertId: actions[index].alertId))
        }
        return effects
    }

    mutating func applyLocally(_ record: ActionRecord) {
        guard let i = alerts.firstIndex(where: { $0.id == record.alertId }) else { return }
        switch record.action {
        case .acknowledge: alerts[i].acknowledged = true
        case .unacknowledge: alerts[i].acknowledged = false
        case .close: alerts[i].status = .closed
        case .snooze(let until): alerts[i].snoozed = true; alerts[i].snoozedUntil = until
        case .assign(let owner):
            switch owner { case .username(let u): alerts[i].owner = u; case .id(let id): alerts[i].owner = users.first { $0.id == id }?.username ?? id }
        default: break
        }
    }

    mutating func applyFilter(_ newQuery: String, name: String?) -> [DashboardEffect] {
        query = newQuery
        say("filter: \(name.map { "\($0) — " } ?? "")\(newQuery.isEmpty ? "all alerts" : newQuery)", .info)
        // A poll for the old filter still in flight is discarded when it answers, and the new one starts then.
        return pollNow(.alerts)
    }

    /// Takes over actions from the journal: confirms accepted ones by request status (never
    /// sending them again), queues the rest to send when the API answers, and drops with a
    /// notice those older than the maximum age and notes that may already have been posted.
    mutating func resume(_ records: [ActionRecord]) -> [DashboardEffect] {
        var effects: [DashboardEffect] = []
        var dropped: [String] = []
        for var record in records where record.phase.isOpen {
            record.id = nextActionId
            nextActionId += 1
            if now.timeIntervalSince(record.createdAt) > settings.actionMaxAge {
                record.phase = .failed(reason: "not replayed: older than \(Int(settings.actionMaxAge / 60)) min when Vigil started")
                record.finishedAt = now
                dropped.append("\(record.action.verb) #\(record.tinyId)")
            } else {
                switch record.phase {
                case .accepted(let requestId):
                    effects.append(.confirm(actionId: record.id, receipt: ActionReceipt(requestId: requestId)))
                case .sending where !record.action.isRepeatSafe:
                    record.phase = .failed(reason: "Vigil stopped while sending this note; it may have been posted — check the notes before adding it again")
                    record.finishedAt = now
                    say("note #\(record.tinyId): interrupted while sending; check the notes before adding it again", .warning)
                default:
                    record.phase = .queued(reason: "resumed from the journal")
                }
            }
            actions.append(record)
        }
        if !dropped.isEmpty {
            say("dropped \(dropped.count) journaled action(s) older than \(Int(settings.actionMaxAge / 60)) min: \(dropped.prefix(5).joined(separator: ", "))", .warning)
        }
        let resumed = actions.filter(\.phase.isOpen).count
        if resumed > 0 { say("resuming \(resumed) action(s) from the journal", .info) }
        return effects + retryQueuedActions()
    }

    // MARK: Overlays

    mutating func handle(_ key: Key, in overlay: Overlay) -> [DashboardEffect] {
        switch overlay {
        case .help:
            self.overlay = nil
            return []
        case .confirmQuit:
            self.overlay = nil
            if key == .character("y") || key == .character("Y") { quitting = true; return [.quit] }
            say("quit cancelled", .info)
            return []
        case .confirm(_, let action, let ids):
            self.overlay = nil
            if key == .character("y") || key == .character("Y") { return act(action, on: ids) }
            say("\(action.verb) cancelled", .info)
            return []
        case .input(let purpose, var text):
            switch key {
            case .escape:
                self.overlay = nil
                say("cancelled", .info)
                return []
            case .enter:
                self.overlay = nil
                return submit(purpose, text: text)
            case .backspace, .delete:
                if !text.isEmpty { text.removeLast() }
            case .character(let c):
                text.append(c)
            default:
                break
            }
            self.overlay = .input(purpose, text: text)
            return []
        case .picker(let purpose, var filter, var selected):
            let options = pickerOptions(purpose, filter: filter)
            switch key {
            case .escape:
                self.overlay = nil
                say("cancelled", .info)
                return []
            case .down: selected = min(selected + 1, max(0, options.count - 1))
            case .up: selected = max(0, selected - 1)
            case .enter:
                self.overlay = nil
                guard selected < options.count else { say("nothing matches", .warning); return [] }
                return choose(purpose, option: options[selected])
            case .backspace, .delete:
                if !filter.isEmpty { filter.removeLast() }
                selected = 0
            case .character(let c):
                filter.append(c)
                selected = 0
            default: break
            }
            self.overlay = .picker(purpose, filter: filter, selected: selected)
            return []
        }
    }

    /// A choice in a picker.
    public struct PickerOption: Sendable, Hashable {
        public var label: String
        public var value: String
    }

    /// Snooze presets.
    static let snoozePresets: [(String, String)] = [("15 minutes", "15m"), ("1 hour", "1h"), ("4 hours", "4h"),
                                                     ("until next 09:00", "next0900"), ("custom… (type e.g. 90m, 2h)", "custom")]

    /// The options of a picker, filtered by what was typed.
    public func pickerOptions(_ purpose: PickerPurpose, filter: String) -> [PickerOption] {
        let all: [PickerOption]
        switch purpose {
        case .snooze: all = Self.snoozePresets.map { PickerOption(label: $0.0, value: $0.1) }
        case .assign: all = users.map { PickerOption(label: "\($0.fullName ?? "") <\($0.username ?? $0.id)>", value: $0.username ?? $0.id) }
        case .escalate: all = escalations.map { PickerOption(label: $0.name ?? $0.id, value: $0.name ?? $0.id) }
        }
        guard !filter.isEmpty else { return all }
        if case .snooze = purpose, Self.parseDuration(filter) != nil {
            return [PickerOption(label: "snooze for \(filter)", value: filter)]
        }
        return all.filter { $0.label.lowercased().contains(filter.lowercased()) }
    }

    mutating func choose(_ purpose: PickerPurpose, option: PickerOption) -> [DashboardEffect] {
        switch purpose {
        case .snooze(let ids):
            if option.value == "custom" { overlay = .input(.snoozeDuration(alertIds: ids), text: ""); return [] }
            guard let until = snoozeEnd(option.value) else { say("cannot read \(option.value): use 15m, 2h, 1d", .error); return [] }
            return act(.snooze(until: until), on: ids)
        case .assign(let ids): return act(.assign(.username(option.value)), on: ids)
        case .escalate(let ids):
            overlay = .confirm(prompt: "Escalate \(ids.count == 1 ? "#" + (alerts.first { $0.id == ids[0] }?.tinyId ?? "?") : "\(ids.count) alerts") to \(option.value)? y/N",
                               action: .escalate(.name(option.value)), alertIds: ids)
            return []
        }
    }

    mutating func submit(_ purpose: InputPurpose, text: String) -> [DashboardEffect] {
        switch purpose {
        case .filter: return applyFilter(text.trimmingCharacters(in: .whitespaces), name: nil)
        case .note(let ids):
            let note = text.trimmingCharacters(in: .whitespaces)
            guard !note.isEmpty else { say("empty note not sent", .warning); return [] }
            return act(.addNote(note), on: ids)
        case .snoozeDuration(let ids):
            guard let until = snoozeEnd(text) else { say("cannot read '\(text)': use e.g. 90m, 2h, 1d", .error); return [] }
            return act(.snooze(until: until), on: ids)
        }
    }

    /// The end of a snooze given as a preset or a duration like `90m`.
    func snoozeEnd(_ text: String) -> Date? {
        if text == "next0900" {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone.current
            var next = calendar.date(bySettingHour: 9, minute: 0, second: 0, of: now) ?? now
            if next <= now { next = calendar.date(byAdding: .day, value: 1, to: next) ?? next }
            return next
        }
        return Self.parseDuration(text).map { now.addingTimeInterval($0) }
    }

    /// Reads `90m`, `2h`, `1d`, `45s`, `1h30m`.
    public static func parseDuration(_ text: String) -> TimeInterval? {
        var total: TimeInterval = 0
        var number = ""
        var sawUnit = false
        for c in text.lowercased() where !c.isWhitespace {
            if c.isNumber { number.append(c); continue }
            guard let n = Double(number) else { return nil }
            switch c {
            case "s": total += n
            case "m": total += n * 60
            case "h": total += n * 3600
            case "d": total += n * 86400
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit, total > 0 else { return nil }
        return total
    }

    // MARK: Selection

    mutating func move(by delta: Int) {
        guard !alerts.isEmpty else { return }
        move(to: (selectedIndex ?? 0) + delta)
    }

    mutating func move(to index: Int) {
        guard !alerts.isEmpty else { return }
        selectedAlertId = alerts[min(max(0, index), alerts.count - 1)].id
        keepSelectionVisible()
    }

    mutating func keepSelectionVisible() {
        let rows = max(1, alertRows)
        guard let index = selectedIndex else { scrollTop = 0; return }
        if index < scrollTop { scrollTop = index }
        if index >= scrollTop + rows { scrollTop = index - rows + 1 }
        scrollTop = max(0, min(scrollTop, max(0, alerts.count - rows)))
    }

    mutating func say(_ text: String, _ level: StatusMessage.Level) {
        messages.append(StatusMessage(text: TerminalText.sanitize(text), level: level, at: now))
        if messages.count > 50 { messages.removeFirst(messages.count - 50) }
    }

    static func cycle(after pane: Pane) -> Pane {
        switch pane { case .detail: .onCall; case .onCall: .heartbeats; default: .detail }
    }
}

extension Result {
    var failure: Failure? { if case .failure(let e) = self { return e } else { return nil } }
}

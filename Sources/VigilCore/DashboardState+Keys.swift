import Foundation
import OperationsModel

extension DashboardState {
    /// A key press: what it means is decided in one place (``meaning(of:)``); this carries it out.
    mutating func handle(_ key: Key) -> [DashboardEffect] {
        if wallWatch.showing, layout != nil {
            // Someone is at the screen: stop the flash. The alerts stay new (●) until selected.
            wallWatch.silenced.formUnion(wallWatch.alarm)
            wallWatch.alarm = []
        }
        switch meaning(of: key) {
        case .tooSmall: return handleTooSmall(key)
        case .overlay(let overlay): return handle(key, in: overlay)
        case .quit: return requestQuit()
        case .clearMarks:
            say("\(alertPane.marked.count) mark\(alertPane.marked.count == 1 ? "" : "s") cleared", .info)
            alertPane.marked = []
            return []
        case .refused(let text, let level):
            say(text, level)
            return []
        case .nothing: return []
        case .incidentCommand(let command): return runOnIncidents(command) ?? []
        case .command(let command): return run(command)
        }
    }

    /// A key while the terminal is too small to draw the frame: nothing the person cannot see
    /// acts. Only quit (and its question), help and redraw do; anything else says why not.
    private mutating func handleTooSmall(_ key: Key) -> [DashboardEffect] {
        switch prompt.overlay {
        case .help?, .confirmQuit?, .confirmQuitSettled?: return handle(key, in: prompt.overlay!)
        default: break
        }
        let command = settings.keymap.binding(for: key)?.command
        if case .control("c") = key, command == nil { return requestQuit() }
        // A note or a filter being typed is not thrown away by its own letters: `q` in a text
        // field quits only by asking first (Ctrl-C does the same), and the text stays.
        if case .input(_, let field)? = prompt.overlay, command == .quit, !field.text.isEmpty {
            say("terminal too small (\(width)×\(height), need \(Layout.minimumWidth)×\(Layout.minimumHeight)): your text is kept; enlarge it to go on typing",
                .warning)
            return []
        }
        switch command {
        case .quit?: return requestQuit()
        case .help?: prompt.overlay = .help; return []
        case .redraw?: return [.redraw]
        default:
            say("terminal too small (\(width)×\(height), need \(Layout.minimumWidth)×\(Layout.minimumHeight)): key ignored", .warning)
            return []
        }
    }

    /// Why a command cannot run now, or `nil` when it can.
    public func whyDisabled(_ command: Command) -> String? {
        if command.isWrite && settings.readOnly { return "read-only mode" }
        if onIncidents { return whyDisabledOnIncidents(command) }
        if panes.onList, command.needsAlert || command == .mark { return "acts on alerts: Tab to the alert list" }
        if command == .resolve { return "resolve acts on incidents: Tab to the incidents pane" }
        if command == .customAction, !alertPane.marked.isEmpty { return "one alert at a time: Esc clears the marks" }
        if actsOnForgotten { return command.needsAlert && selectedAlert == nil ? "no alert selected" : nil }
        if command.needsAlert && alertPane.selectedId == nil && alertPane.marked.isEmpty { return "no alert selected" }
        return nil
    }

    /// Runs a command of the keymap.
    mutating func run(_ command: Command) -> [DashboardEffect] {
        switch command {
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom, .mark:
            if panes.focus == .detail, command != .mark {
                scrollDetail(command)
                return []
            }
            if alertPane.forgotten.showing, panes.focus == .alerts {
                alertPane.forgotten.move(command, page: alertRows)
                panes.detailScroll = 0
                return selectedAlert.flatMap { alertPane.details[$0.id] == nil ? [.loadDetail(alertId: $0.id)] : nil } ?? []
            }
            if panes.onList, command != .mark {
                let entries = panes.focus == .onCall ? feeds.onCall.count : feeds.heartbeats.count
                // On-call takes two lines a schedule; a heartbeat one.
                let rows = max(1, (((panes.focus == .onCall ? layout?.onCall : layout?.heartbeats) ?? layout?.secondary)?.height ?? 8) - 2)
                panes.scrollList(command, count: entries, page: panes.focus == .onCall ? max(1, rows / 2) : rows)
                return []
            }
            navigate(command)
            return selectionMoved()
        case .nextPane, .previousPane:
            switchPane(forward: command == .nextPane)
            return loadIncidentDetailIfShown()
        case .openDetail:
            panes.detailSubject = .alert
            panes.secondary = .detail
            panes.focus = .detail
            return selectedAlert.map { [.loadDetail(alertId: $0.id)] } ?? []
        case .acknowledge, .unacknowledge, .close, .escalate, .snooze, .assign, .note:
            return startAction(command)
        case .customAction:
            // One alert at a time: custom actions differ per alert.
            guard let id = selectedAlert?.id else { say("custom action: no alert selected", .warning); return [] }
            if let choice = sourceChoice(for: command) { prompt.overlay = .chooseSource(choice); return [] }
            prompt.overlay = .picker(.customAction(alertId: id), PickerField())
            return alertPane.details[id] == nil ? [.loadDetail(alertId: id)] : []
        case .resolve:
            return []  // disabled unless the incidents pane has the focus
        case .filter:
            // The current filter, selected: typing replaces it, → keeps it to edit.
            if let refused = alertPane.filters.refusedQuery {
                // The query the service refused, to fix (not selected: typing edits it).
                prompt.overlay = .input(.filter, text: TextField(refused))
                alertPane.filters.refusedQuery = nil
            } else {
                prompt.overlay = .input(.filter, text: TextField(alertPane.filters.current.queryText ?? "", selected: true))
            }
            return []
        case .refresh:
            feeds.polls.requestAll()
            alertPane.details = [:]
            say("refreshing every feed now", .info)
            return duePolls()
        case .nextTheme:
            themeIndex = (themeIndex + 1) % max(1, settings.themeNames.count)
            say("theme: \(themeName)", .info)
            return [.applyTheme(themeName)]
        case .help:
            prompt.overlay = .help
            return []
        case .messages:
            prompt.overlay = .messages
            return []
        case .shiftReport:
            prompt.overlay = .shiftReport(nil)
            return [.loadShiftReport(since: now.addingTimeInterval(-ShiftReport.shiftLength), until: now)]
        case .forgotten:
            return alertPane.forgotten.toggle(at: now)
        case .redraw:
            return [.redraw]
        case .quit:
            return requestQuit()
        case .wall:
            wallWatch.showing.toggle()
            // The wall counts unacknowledged alerts: poll now so it has them.
            return wallWatch.showing ? pollNow(.alerts) : []
        case .quickFilter(let number):
            guard number >= 1, number <= alertPane.filters.quickFilters.count else { say("no quick filter \(number)", .warning); return [] }
            let quick = alertPane.filters.quickFilters[number - 1]
            return applyFilter(quick.filter, name: quick.name)
        }
    }

    /// j/k, PgDn/PgUp, g/G while the detail has the focus: its lines scroll (the view keeps
    /// the last screenful in view however far this goes).
    mutating func scrollDetail(_ command: Command) {
        let page = max(1, detailRows - 1)
        switch command {
        case .moveDown: panes.detailScroll += 1
        case .moveUp: panes.detailScroll = max(0, panes.detailScroll - 1)
        case .pageDown: panes.detailScroll += page
        case .pageUp: panes.detailScroll = max(0, panes.detailScroll - page)
        case .top: panes.detailScroll = 0
        case .bottom: panes.detailScroll = 10_000
        default: break
        }
        panes.detailScroll = min(panes.detailScroll, 10_000)
    }

    /// Lines the detail pane shows at once.
    var detailRows: Int { max(1, ((layout?.detail ?? layout?.secondary)?.height ?? 8) - 2) }

    private mutating func navigate(_ command: Command) {
        switch command {
        case .moveDown: move(by: 1)
        case .moveUp: move(by: -1)
        case .pageDown: move(by: max(1, alertRows - 1))
        case .pageUp: move(by: -max(1, alertRows - 1))
        case .top: move(to: 0)
        case .bottom: move(to: alertPane.list.total - 1)
        case .mark:
            guard let id = alertPane.selectedId else { return }
            if alertPane.marked.contains(id) { alertPane.marked.remove(id) } else { alertPane.marked.insert(id) }
            move(by: 1)
        default: break
        }
    }

    /// Tab: the next pane. In a narrow terminal every pane takes its turn in the one slot
    /// below the alerts (detail, incidents, on-call, heartbeats), and back on the alerts the
    /// slot shows the alert's detail again.
    private mutating func switchPane(forward: Bool) {
        let order: [Pane] = isWide ? visiblePanes : [.alerts, .detail, .incidents, .onCall, .heartbeats]
        let index = order.firstIndex(of: panes.focus) ?? 0
        panes.focus = order[(index + (forward ? 1 : order.count - 1)) % order.count]
        // The detail shows whichever list had the focus last.
        if panes.focus == .alerts { panes.detailSubject = .alert }
        if panes.focus == .incidents { panes.detailSubject = .incident }
        if panes.focus != .alerts { panes.secondary = panes.focus } else if !isWide { panes.secondary = .detail }
        panes.detailScroll = 0
    }

    /// An action key: act at once, or open the prompt or picker the action needs first. A
    /// merged row asks first which source's copy (`chosen`: the answer).
    mutating func startAction(_ command: Command, on chosen: [String]? = nil) -> [DashboardEffect] {
        if chosen == nil, let choice = sourceChoice(for: command) { prompt.overlay = .chooseSource(choice); return [] }
        let targets = chosen ?? withCopies(actionTargets())
        switch command {
        case .acknowledge: return askOrAct(command, .acknowledge, on: targets)
        case .unacknowledge: return askOrAct(command, .unacknowledge, on: targets)
        case .close: return askOrAct(command, .close, on: targets, question: closePrompt(targets))
        case .snooze:
            prompt.overlay = .picker(.snooze(alertIds: targets), PickerField())
            return []
        case .assign:
            prompt.overlay = .picker(.assign(alertIds: targets), PickerField())
            guard prompt.users.needsLoad else { return [] }
            prompt.users = .loading
            return [.loadUsers]
        case .escalate:
            prompt.overlay = .picker(.escalate(alertIds: targets), PickerField())
            guard prompt.escalations.needsLoad else { return [] }
            prompt.escalations = .loading
            return [.loadEscalations]
        case .note:
            prompt.overlay = .input(.note(alertIds: targets), text: "")
            return []
        default:
            return []
        }
    }

    private func closePrompt(_ targets: [String]) -> String {
        if targets.count == 1, let alert = rowAlert(targets[0]) {
            return "Close \(targetsDescription(targets)) \(TerminalText.fit(alert.message ?? "", columns: 50))? y/N"
        }
        return confirmPrompt(.close, targets)
    }

    /// One rule for every alert action: it asks first when its command does
    /// (``Command/asksFirst``, the same property help reads) or when it acts on marked alerts
    /// (saying how many and from which sources); otherwise it acts at once.
    mutating func askOrAct(_ command: Command, _ action: AlertAction, on ids: [String], detail: String = "",
                           question: String? = nil) -> [DashboardEffect] {
        guard !ids.isEmpty, command.asksFirst || !alertPane.marked.isEmpty else { return act(action, on: ids) }
        prompt.overlay = .confirm(prompt: question ?? confirmPrompt(action, ids, detail: detail), action: action, alertIds: ids)
        return []
    }

    /// `Acknowledge 3 marked alerts (og-eu 2, jsm 1)? y/N`.
    func confirmPrompt(_ action: AlertAction, _ ids: [String], detail: String = "") -> String {
        let verb = switch action {
        case .acknowledge: "Acknowledge"
        case .unacknowledge: "Unacknowledge"
        case .close: "Close"
        case .snooze: "Snooze"
        case .assign: "Assign"
        case .addNote: "Add the note to"
        case .escalate: "Escalate"
        case .customAction(let name): "Run '\(name)' on"
        default: action.verb
        }
        return "\(verb) \(targetsDescription(ids, naming: true))\(detail)? y/N"
    }

    mutating func requestQuit() -> [DashboardEffect] {
        if pendingActions.isEmpty { quitting = true; return [.quit] }
        prompt.overlay = .confirmQuit
        return []
    }

    /// Whether alert keys act on the acknowledged-and-forgotten view's selection: it shows, and
    /// the focus is on it or on the detail of its alert.
    var actsOnForgotten: Bool {
        alertPane.forgotten.showing && (panes.focus == .alerts || (panes.focus == .detail && panes.detailSubject == .alert))
    }

    /// Marked alerts if any, else the selected one.
    func actionTargets() -> [String] {
        if actsOnForgotten { return selectedAlert.map { [$0.id] } ?? [] }
        if !alertPane.marked.isEmpty { return alertPane.list.loaded.map(\.alert.id).filter { alertPane.marked.contains($0) } }
        return alertPane.selectedId.map { [$0] } ?? []
    }

    mutating func applyFilter(_ newFilter: AlertFilter, name: String?) -> [DashboardEffect] {
        if alertPane.filters.beforeChange == nil, alertPane.everLoaded, feedStatus[.alerts]?.lastError == nil { alertPane.filters.beforeChange = alertPane.filters.current }
        alertPane.filters.current = newFilter
        say("filter: \(name.map { "\($0) — " } ?? "")\(filterDescription == "all" ? "all alerts" : filterDescription)", .info)
        if settings.me == nil, newFilter.queryText?.contains("owner:me") == true {
            // Without `user` nobody is "me": the list would be empty with no word of why.
            say("mine needs who you are: put user = \"you@example.com\" in config.toml (vigil init asks for it)", .warning)
        }
        // A poll for the old filter still in flight is discarded when it answers, and the new one starts then.
        return pollNow(.alerts)
    }
}

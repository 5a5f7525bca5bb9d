import Foundation
import OperationsModel

extension DashboardState {
    /// A key press: an open overlay takes every key; otherwise the keymap says which command runs.
    mutating func handle(_ key: Key) -> [DashboardEffect] {
        if layout == nil { return handleTooSmall(key) }
        if wall {
            // Someone is at the screen: stop the flash. The alerts stay new (●) until selected.
            wallSilenced.formUnion(wallAlarm)
            wallAlarm = []
        }
        if let overlay { return handle(key, in: overlay) }
        guard let binding = settings.keymap.binding(for: key) else {
            if case .control("c") = key { return requestQuit() }
            if key == .escape, !marked.isEmpty {
                // Marks make the next a/s/o/c act on them all: Esc is the way out.
                say("\(marked.count) mark\(marked.count == 1 ? "" : "s") cleared", .info)
                marked = []
            } else if key != .escape {
                // A key that does nothing says so: a rebound key, a quick filter that is not there.
                say("\(key) does nothing here: ? lists the keys", .info)
            }
            return []
        }
        if wall {
            // The wall is for looking at: only W, q and ? do anything.
            guard [.wall, .quit, .help].contains(binding.command) else {
                say("wall view: W returns to the dashboard", .info)
                return []
            }
        }
        if let reason = whyDisabled(binding.command) {
            say("\(binding.description): \(reason)", .warning)
            return []
        }
        if onIncidents, let effects = runOnIncidents(binding.command) { return effects }
        return run(binding.command)
    }

    /// A key while the terminal is too small to draw the frame: nothing the person cannot see
    /// acts. Only quit (and its question), help and redraw do; anything else says why not.
    private mutating func handleTooSmall(_ key: Key) -> [DashboardEffect] {
        switch overlay {
        case .help?, .confirmQuit?, .confirmQuitSettled?: return handle(key, in: overlay!)
        default: break
        }
        let command = settings.keymap.binding(for: key)?.command
        if case .control("c") = key, command == nil { return requestQuit() }
        // A note or a filter being typed is not thrown away by its own letters: `q` in a text
        // field quits only by asking first (Ctrl-C does the same), and the text stays.
        if case .input(_, let field)? = overlay, command == .quit, !field.text.isEmpty {
            say("terminal too small (\(width)×\(height), need \(Layout.minimumWidth)×\(Layout.minimumHeight)): your text is kept; enlarge it to go on typing",
                .warning)
            return []
        }
        switch command {
        case .quit?: return requestQuit()
        case .help?: overlay = .help; return []
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
        if command == .resolve { return "resolve acts on incidents: Tab to the incidents pane" }
        if command == .customAction, !marked.isEmpty { return "one alert at a time: Esc clears the marks" }
        if command.needsAlert && selectedAlertId == nil && marked.isEmpty { return "no alert selected" }
        return nil
    }

    /// Runs a command of the keymap.
    mutating func run(_ command: Command) -> [DashboardEffect] {
        switch command {
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom, .mark:
            if focus == .detail, command != .mark {
                scrollDetail(command)
                return []
            }
            navigate(command)
            return selectionMoved()
        case .nextPane, .previousPane:
            switchPane(forward: command == .nextPane)
            return loadIncidentDetailIfShown()
        case .openDetail:
            detailSubject = .alert
            secondaryPane = .detail
            focus = .detail
            return selectedAlertId.map { [.loadDetail(alertId: $0)] } ?? []
        case .acknowledge, .unacknowledge, .close, .escalate, .snooze, .assign, .note:
            return startAction(command)
        case .customAction:
            // One alert at a time: custom actions differ per alert.
            guard let id = selectedAlertId else { say("custom action: no alert selected", .warning); return [] }
            if let choice = sourceChoice(for: command) { overlay = .chooseSource(choice); return [] }
            overlay = .picker(.customAction(alertId: id), filter: "", selected: 0)
            return details[id] == nil ? [.loadDetail(alertId: id)] : []
        case .resolve:
            return []  // disabled unless the incidents pane has the focus
        case .filter:
            // The current filter, selected: typing replaces it, → keeps it to edit.
            if let refused = refusedQuery {
                // The query the service refused, to fix (not selected: typing edits it).
                overlay = .input(.filter, text: TextField(refused))
                refusedQuery = nil
            } else {
                overlay = .input(.filter, text: TextField(filter.queryText ?? "", selected: true))
            }
            return []
        case .refresh:
            polls.requestAll()
            details = [:]
            return duePolls()
        case .nextTheme:
            themeIndex = (themeIndex + 1) % max(1, settings.themeNames.count)
            say("theme: \(themeName)", .info)
            return [.applyTheme(themeName)]
        case .help:
            overlay = .help
            return []
        case .messages:
            overlay = .messages
            return []
        case .shiftReport:
            overlay = .shiftReport(nil)
            return [.loadShiftReport(since: now.addingTimeInterval(-ShiftReport.shiftLength), until: now)]
        case .forgotten:
            forgottenView.toggle()
            guard forgottenView else { return [] }
            forgottenAskedAt = now
            return [.loadForgotten]
        case .redraw:
            return [.redraw]
        case .quit:
            return requestQuit()
        case .wall:
            wall.toggle()
            // The wall counts unacknowledged alerts: poll now so it has them.
            return wall ? pollNow(.alerts) : []
        case .quickFilter(let number):
            guard number >= 1, number <= quickFilters.count else { say("no quick filter \(number)", .warning); return [] }
            let quick = quickFilters[number - 1]
            return applyFilter(quick.filter, name: quick.name)
        }
    }

    /// j/k, PgDn/PgUp, g/G while the detail has the focus: its lines scroll (the view keeps
    /// the last screenful in view however far this goes).
    mutating func scrollDetail(_ command: Command) {
        let page = max(1, detailRows - 1)
        switch command {
        case .moveDown: detailScroll += 1
        case .moveUp: detailScroll = max(0, detailScroll - 1)
        case .pageDown: detailScroll += page
        case .pageUp: detailScroll = max(0, detailScroll - page)
        case .top: detailScroll = 0
        case .bottom: detailScroll = 10_000
        default: break
        }
        detailScroll = min(detailScroll, 10_000)
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
        case .bottom: move(to: alertList.total - 1)
        case .mark:
            guard let id = selectedAlertId else { return }
            if marked.contains(id) { marked.remove(id) } else { marked.insert(id) }
            move(by: 1)
        default: break
        }
    }

    /// Tab: the next pane. In a narrow terminal every pane takes its turn in the one slot
    /// below the alerts (detail, incidents, on-call, heartbeats), and back on the alerts the
    /// slot shows the alert's detail again.
    private mutating func switchPane(forward: Bool) {
        let panes: [Pane] = isWide ? visiblePanes : [.alerts, .detail, .incidents, .onCall, .heartbeats]
        let index = panes.firstIndex(of: focus) ?? 0
        focus = panes[(index + (forward ? 1 : panes.count - 1)) % panes.count]
        // The detail shows whichever list had the focus last.
        if focus == .alerts { detailSubject = .alert }
        if focus == .incidents { detailSubject = .incident }
        if focus != .alerts { secondaryPane = focus } else if !isWide { secondaryPane = .detail }
        detailScroll = 0
    }

    /// An action key: act at once, or open the prompt or picker the action needs first. A
    /// merged row asks first which source's copy (`chosen`: the answer).
    mutating func startAction(_ command: Command, on chosen: [String]? = nil) -> [DashboardEffect] {
        if chosen == nil, let choice = sourceChoice(for: command) { overlay = .chooseSource(choice); return [] }
        let targets = chosen ?? withCopies(actionTargets())
        switch command {
        case .acknowledge: return confirmIfMarked(.acknowledge, on: targets)
        case .unacknowledge: return confirmIfMarked(.unacknowledge, on: targets)
        case .close:
            overlay = .confirm(prompt: closePrompt(targets), action: .close, alertIds: targets)
            return []
        case .snooze:
            overlay = .picker(.snooze(alertIds: targets), filter: "", selected: 0)
            return []
        case .assign:
            overlay = .picker(.assign(alertIds: targets), filter: "", selected: 0)
            guard users.needsLoad else { return [] }
            users = .loading
            return [.loadUsers]
        case .escalate:
            overlay = .picker(.escalate(alertIds: targets), filter: "", selected: 0)
            guard escalations.needsLoad else { return [] }
            escalations = .loading
            return [.loadEscalations]
        case .note:
            overlay = .input(.note(alertIds: targets), text: "")
            return []
        default:
            return []
        }
    }

    private func closePrompt(_ targets: [String]) -> String {
        if targets.count == 1, let alert = loadedAlert(targets[0]) {
            return "Close \(targetsDescription(targets)) \(TerminalText.fit(alert.message ?? "", columns: 50))? y/N"
        }
        return confirmPrompt(.close, targets)
    }

    /// One rule for every action: marked alerts if any, else the selected one; an action over
    /// marks asks first, saying how many and from which sources.
    mutating func confirmIfMarked(_ action: AlertAction, on ids: [String], detail: String = "") -> [DashboardEffect] {
        guard !marked.isEmpty, !ids.isEmpty else { return act(action, on: ids) }
        overlay = .confirm(prompt: confirmPrompt(action, ids, detail: detail), action: action, alertIds: ids)
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
        overlay = .confirmQuit
        return []
    }

    /// Marked alerts if any, else the selected one.
    func actionTargets() -> [String] {
        if !marked.isEmpty { return alertList.loaded.map(\.alert.id).filter { marked.contains($0) } }
        return selectedAlertId.map { [$0] } ?? []
    }

    mutating func applyFilter(_ newFilter: AlertFilter, name: String?) -> [DashboardEffect] {
        if filterBeforeChange == nil, everLoaded, feeds[.alerts]?.lastError == nil { filterBeforeChange = filter }
        filter = newFilter
        say("filter: \(name.map { "\($0) — " } ?? "")\(filterDescription == "all" ? "all alerts" : filterDescription)", .info)
        // A poll for the old filter still in flight is discarded when it answers, and the new one starts then.
        return pollNow(.alerts)
    }
}

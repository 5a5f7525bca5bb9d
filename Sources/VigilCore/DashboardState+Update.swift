import Foundation
import OperationsModel

extension DashboardState {
    /// Applies an event and returns the work to start. Pure: no clock, no network, no files.
    ///
    /// Each kind of event is handled in the file named after its concern:
    /// `+Polling` (ticks and poll answers), `+Alerts` (the alert list and selection), `+Keys`
    /// (the keymap's commands), `+Overlays` (prompts and pickers), `+Actions` (the action
    /// lifecycle and the journal).
    public mutating func update(_ event: DashboardEvent) -> [DashboardEffect] {
        var effects = apply(event)
        if prompt.overlay == .confirmQuit, pendingActions.isEmpty {
            // What the question was about is settled. The question stays, saying so: closing
            // it under the person's finger would hand their answer (n) to the dashboard.
            prompt.overlay = .confirmQuitSettled
            say("every action confirmed", .info)
        }
        if settings.journaling { effects += actionLog.journal() }
        return effects
    }

    private mutating func apply(_ event: DashboardEvent) -> [DashboardEffect] {
        switch event {
        case .started:
            return [.applyTheme(themeName), .loadSavedSearches] + duePolls()
        case .tick(let date):
            now = date
            return duePolls() + retryQueuedActions()
        case .resize(let w, let h):
            let ignoring = layout == nil && messages.last?.text.hasPrefix("terminal too small") == true
            width = w
            height = h
            // The line that said keys were ignored does not outlive the reason.
            if ignoring, layout != nil { say("terminal \(w)×\(h): keys act again", .info) }
            keepSelectionVisible()
            return loadPagesInView()
        case .key(let key):
            return handle(key)
        case .alertListLoaded(let result, let forFilter):
            return receiveAlerts(result, for: forFilter) + alertPane.forgotten.refresh(at: now, wall: wallWatch.showing)
        case .alertPagesLoaded(let result, let keys, let forFilter):
            return receivePages(result, keys: keys, for: forFilter)
        case .heartbeatsLoaded, .onCallLoaded, .rateLimitChanged, .sourcesChanged:
            for (line, level) in feeds.update(event, at: now) { say(line, level) }
            return []
        case .incidentsLoaded(let result):
            return receiveIncidents(result)
        case .incidentDetailLoaded:
            return incidentPane.update(event)
        case .detailLoaded(_, let result):
            _ = alertPane.update(event, at: now)
            // An escalation among its responders: its rules come from the (cached) escalations.
            let escalated = result.success?.alert?.responders?.contains { $0.type == .escalation } == true
            return escalated ? prompt.wantEscalations() : []
        case .usersLoaded, .escalationsLoaded, .shiftReportLoaded:
            return prompt.update(event)
        case .savedSearchesLoaded:
            return alertPane.filters.update(event)
        case .forgottenLoaded:
            return alertPane.forgotten.update(event, at: now, staleAfter: settings.staleAck)
        case .actionAccepted(let id, let receipt):
            return acceptAction(id, receipt: receipt)
        case .actionFinished(let id, let result):
            return finishAction(id, result)
        case .journalRestored(let records):
            return resume(records)
        case .notice(let text, let level):
            say(text, level)
            return []
        }
    }

    /// Adds a line to the message area (sanitised; the last 50 are kept).
    mutating func say(_ text: String, _ level: StatusMessage.Level) {
        messages.append(StatusMessage(text: TerminalText.sanitize(text), level: level, at: now))
        if messages.count > 50 { messages.removeFirst(messages.count - 50) }
    }
}

extension Result {
    var failure: Failure? { if case .failure(let e) = self { return e } else { return nil } }
    var success: Success? { if case .success(let v) = self { return v } else { return nil } }
}

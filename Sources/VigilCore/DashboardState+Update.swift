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
        if overlay == .confirmQuit, pendingActions.isEmpty {
            // What the question was about is settled. The question stays, saying so: closing
            // it under the person's finger would hand their answer (n) to the dashboard.
            overlay = .confirmQuitSettled
            say("every action confirmed", .info)
        }
        if settings.journaling {
            let open = pendingActions
            if open != journaled {
                journaled = open
                effects.append(.persistActions(open))
            }
        }
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
            return receiveAlerts(result, for: forFilter) + refreshForgotten()
        case .alertPagesLoaded(let result, let keys, let forFilter):
            return receivePages(result, keys: keys, for: forFilter)
        case .heartbeatsLoaded(let result, let limits):
            receiveHeartbeats(result, limits: limits)
            return []
        case .onCallLoaded(let result, let limits):
            receiveOnCall(result, limits: limits)
            return []
        case .incidentsLoaded(let result):
            return receiveIncidents(result)
        case .incidentDetailLoaded(let id, let result):
            receiveIncidentDetail(id, result)
            return []
        case .detailLoaded(let id, let result):
            receiveDetail(id, result)
            // An escalation among its responders: its rules come from the (cached) escalations.
            let escalated = result.success?.alert?.responders?.contains { $0.type == .escalation } == true
            guard escalated, escalations.needsLoad else { return [] }
            escalations = .loading
            return [.loadEscalations]
        case .usersLoaded(let result):
            users = Self.pickerData(result, what: "users")
            return []
        case .escalationsLoaded(let result):
            escalations = Self.pickerData(result, what: "escalations")
            return []
        case .savedSearchesLoaded(let result):
            receiveSavedSearches(result)
            return []
        case .shiftReportLoaded(let report):
            // Only into the summary still open for it.
            if case .shiftReport? = overlay { overlay = .shiftReport(report) }
            return []
        case .forgottenLoaded(let result):
            switch result {
            case .success(let alerts):
                forgotten = ForgottenAlerts.from(alerts, now: now, staleAfter: settings.staleAck)
                forgottenError = nil
            case .failure(let error):
                forgottenError = error
            }
            return []
        case .actionAccepted(let id, let receipt):
            return acceptAction(id, receipt: receipt)
        case .actionFinished(let id, let result):
            return finishAction(id, result)
        case .rateLimitChanged(let domain, let status):
            if let domain, let status { rateLimit = RateLimitReading(domain: domain, status: status) } else { rateLimit = nil }
            return []
        case .journalRestored(let records):
            return resume(records)
        case .notice(let text, let level):
            say(text, level)
            return []
        case .sourcesChanged(let health):
            receiveSources(health)
            return []
        }
    }

    /// Adds a line to the message area (sanitised; the last 50 are kept).
    mutating func say(_ text: String, _ level: StatusMessage.Level) {
        messages.append(StatusMessage(text: TerminalText.sanitize(text), level: level, at: now))
        if messages.count > 50 { messages.removeFirst(messages.count - 50) }
    }

    static func pickerData<Value>(_ result: Result<Value, OperationsError>, what: String) -> PickerData<Value> {
        switch result {
        case .success(let value): .loaded(value)
        case .failure(let error): .failed("could not load \(what): \(error.description)")
        }
    }
}

extension Result {
    var failure: Failure? { if case .failure(let e) = self { return e } else { return nil } }
    var success: Success? { if case .success(let v) = self { return v } else { return nil } }
}

extension DashboardState {
    /// The acknowledged-and-forgotten list is read again with the alerts, at most once a
    /// minute, while its view or the wall (which counts it) is on screen.
    mutating func refreshForgotten() -> [DashboardEffect] {
        guard forgottenView || wall else { return [] }
        // A read under way (asked for, not answered) or one less than a minute old: nothing more.
        if let asked = forgottenAskedAt, now.timeIntervalSince(asked) < 60 { return [] }
        forgottenAskedAt = now
        return [.loadForgotten]
    }
}

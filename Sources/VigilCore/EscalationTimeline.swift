import Foundation
import OperationsModel

/// An escalation's rules laid out from an alert's creation: when each step notifies whom, which
/// steps have passed, which is next, and which an acknowledgement or close has stopped.
public struct EscalationTimeline: Sendable, Hashable {
    /// Where a step stands.
    public enum StepState: Sendable, Hashable { case passed, next, later, stopped }

    /// One rule of the escalation, placed in time.
    public struct Step: Sendable, Hashable {
        /// When it fires (the alert's creation plus the rule's delay).
        public var at: Date
        /// `if not acked` or `if not closed`.
        public var condition: String
        /// Who it notifies, with who is on call for a schedule.
        public var recipient: String
        public var state: StepState
    }

    /// The escalation's name.
    public var name: String
    public var steps: [Step]
    /// When the escalation started: the alert's creation, or the moment it was escalated to
    /// (by hand or by a policy) when the log says so.
    public var start: Date

    /// Lays `escalation` out for `alert` at `now`, from `start` (the alert's creation when
    /// `nil`); on-call names come from `onCall`.
    public init(escalation: Escalation, alert: Alert, now: Date, onCall: [OnCallSummary], start: Date? = nil) {
        name = escalation.name ?? escalation.id
        let created = max(start ?? .distantPast, alert.createdAt ?? now)
        self.start = created
        var sawNext = false
        steps = (escalation.rules ?? []).map { rule in
            let at = created.addingTimeInterval(Self.seconds(rule.delay))
            let untilClosed = rule.condition == "if-not-closed"
            let stopped = alert.status == .closed || (!untilClosed && alert.acknowledged == true)
            let state: StepState
            if at <= now { state = .passed } else if stopped { state = .stopped } else if !sawNext { state = .next; sawNext = true } else { state = .later }
            return Step(at: at, condition: untilClosed ? "if not closed" : "if not acked",
                        recipient: Self.describe(rule.recipient, onCall: onCall), state: state)
        }
    }

    static func seconds(_ delay: EscalationDelay?) -> TimeInterval {
        let amount = Double(delay?.timeAmount ?? 0)
        switch delay?.timeUnit {
        case "hours": return amount * 3600
        case "days": return amount * 86400
        default: return amount * 60
        }
    }

    static func describe(_ recipient: Recipient?, onCall: [OnCallSummary]) -> String {
        guard let recipient else { return "?" }
        let summary = recipient.type == .schedule ? onCall.first { $0.scheduleId == recipient.id || $0.scheduleName == recipient.name } : nil
        // A service that names recipients by id only (JSM): the schedule's name from on-call.
        let name = summary?.scheduleName ?? recipient.name ?? recipient.username ?? recipient.id ?? "?"
        guard recipient.type == .schedule else { return "\(recipient.type?.rawValue ?? "?") \(name)" }
        let now = summary?.current.map { $0.split(separator: "@").first.map(String.init) ?? $0 }
        return "\(name)" + (now.map { $0.isEmpty ? " (nobody on call)" : " (\($0.joined(separator: ", ")))" } ?? "")
    }

    /// Lines for the detail pane: a heading, then a line per step, the next one with a countdown.
    func lines(alert: Alert, now: Date) -> [(String, CellStyle)] {
        let created = start
        let after = created.timeIntervalSince(alert.createdAt ?? created)
        let since = after >= 60 ? " (escalated \(compactAge(after)) after the alert was created; steps count from then)" : ""
        var lines: [(String, CellStyle)] = [("escalation \(name)\(since):", CellStyle(.title, bold: true))]
        for step in steps {
            let offset = "+" + compactAge(step.at.timeIntervalSince(created))
            switch step.state {
            case .passed: lines.append(("  \(offset) \(step.condition) → \(step.recipient) — passed", CellStyle(.dim)))
            case .stopped: lines.append(("  \(offset) \(step.condition) → \(step.recipient) — stopped", CellStyle(.dim)))
            case .later: lines.append(("  \(offset) \(step.condition) → \(step.recipient)", CellStyle(.text)))
            case .next:
                lines.append(("  next: notify \(step.recipient) in \(countdown(step.at.timeIntervalSince(now))) \(step.condition)",
                              CellStyle(.warn, bold: true)))
            }
        }
        return lines
    }
}

extension DashboardState {
    /// The timeline of the first escalation among the alert's responders, once escalations are loaded.
    func escalationTimeline(for alert: Alert) -> EscalationTimeline? {
        guard let responder = alert.responders?.first(where: { $0.type == .escalation }),
              let escalation = prompt.escalations.value?.first(where: { $0.id == responder.id || ($0.name != nil && $0.name == responder.name) })
        else { return nil }
        return EscalationTimeline(escalation: escalation, alert: alert, now: now, onCall: feeds.onCall,
                                  start: escalatedAt(alert, to: escalation))
    }

    /// When the alert's log says it was escalated to `escalation` (the latest such entry).
    func escalatedAt(_ alert: Alert, to escalation: Escalation) -> Date? {
        // With several sources its name reads `jsm: platform_escalation`; the log has the service's own.
        let names = [escalation.id, escalation.name, escalation.name?.components(separatedBy: ": ").last].compactMap { $0 }
        return alertPane.details[alert.id]?.logs
            .filter { log in (log.log ?? "").contains("scalated to") && names.contains { (log.log ?? "").contains($0) } }
            .compactMap(\.createdAt).max()
    }

    /// An escalation responder's name as the timeline gives it (JSM names it by id only; with
    /// several sources its id stood in for the name): from the loaded escalations.
    func escalationName(_ responder: Responder) -> String? {
        guard responder.type == .escalation else { return nil }
        return prompt.escalations.value?.first { $0.id == responder.id }?.name
    }
}

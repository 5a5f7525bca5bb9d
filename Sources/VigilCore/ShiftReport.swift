import Foundation
import OperationsModel

/// What happened in a window, for the shift handover: alerts raised, acknowledged, closed and
/// still open by priority and source; the P1 and P2 alerts with who acted and how long it took;
/// incidents opened and resolved; who was on call at either end. Every number comes from the
/// alerts and incidents the services listed for the window (``ShiftReport/build(...)``).
public struct ShiftReport: Sendable, Hashable, Codable {
    /// Counts of one slice of the window's alerts.
    public struct Tally: Sendable, Hashable, Codable {
        /// Alerts created in the window.
        public var raised = 0
        /// Of those, acknowledged within the window.
        public var acknowledged = 0
        /// Of those, closed within the window.
        public var closed = 0
        /// Of those, not closed at the end of the window.
        public var stillOpen = 0
        public init() {}
    }

    /// A P1 or P2 alert raised in the window.
    public struct UrgentAlert: Sendable, Hashable, Codable {
        public var tinyId: String
        public var source: String?
        public var priority: String
        public var message: String
        public var createdAt: Date
        public var acknowledgedBy: String?
        /// Seconds from creation to acknowledgement.
        public var timeToAcknowledge: Int?
        public var closedBy: String?
        /// Seconds from creation to close.
        public var timeToClose: Int?
        /// `open`, `acked`, `closed` at the end of the window.
        public var state: String
    }

    /// An incident opened in the window.
    public struct IncidentLine: Sendable, Hashable, Codable {
        public var tinyId: String
        public var source: String?
        public var priority: String
        public var message: String
        public var createdAt: Date
        /// `open`, `resolved`, `closed`.
        public var status: String
    }

    /// Who was on call for a schedule at the start and at the end of the window.
    public struct OnCallLine: Sendable, Hashable, Codable {
        public var schedule: String
        public var source: String?
        public var atStart: [String]
        public var atEnd: [String]
    }

    /// The window the dashboard's summary (`H`) covers: a shift.
    public static let shiftLength: TimeInterval = 12 * 3600

    public var since: Date
    public var until: Date
    /// The sources, by name (empty with one).
    public var sources: [String]
    public var total = Tally()
    public var byPriority: [String: Tally] = [:]
    public var bySource: [String: Tally] = [:]
    /// P1 and P2 alerts raised in the window, oldest first.
    public var urgent: [UrgentAlert] = []
    public var incidentsOpened: [IncidentLine] = []
    /// Of the incidents opened in the window, those resolved or closed by its end.
    public var incidentsResolved: Int { incidentsOpened.filter { $0.status != "open" }.count }
    public var onCall: [OnCallLine] = []
    /// What the report could not read, said, not hidden (a source down, incidents elsewhere).
    public var caveats: [String] = []

    /// Builds the report from what the services listed: the alerts created in the window (any
    /// status, as they are at its end), incidents, and on-call at either end.
    public static func build(since: Date, until: Date, sources: [String], alerts: [Alert], incidents: [Incident],
                             onCallAtStart: [OnCallSummary], onCallAtEnd: [OnCallSummary], caveats: [String]) -> ShiftReport {
        // Several sources merged into one backend (the dashboard's summary): named by the alerts' tags.
        let named = sources.isEmpty ? Array(Set(alerts.compactMap(\.origin))).sorted() : sources
        var report = ShiftReport(since: since, until: until, sources: named)
        // Caveats carry the services' words (an error message, a team's name): printed, never raw.
        report.caveats = caveats.map(TerminalText.sanitize)
        let window = since...until
        func within(_ seconds: Int64?, of created: Date) -> Bool {
            guard let seconds else { return false }
            return window.contains(created.addingTimeInterval(Double(seconds) / 1000))
        }
        for alert in alerts {
            guard let created = alert.createdAt, window.contains(created) else { continue }
            let priority = alert.priority?.rawValue ?? "P?"
            let acknowledged = within(alert.report?.ackTime, of: created) || (alert.report?.ackTime == nil && alert.acknowledged == true)
            let closed = alert.status == .closed && (alert.report?.closeTime.map { within($0, of: created) } ?? true)
            func count(_ tally: inout Tally, acknowledged: Bool, closed: Bool) {
                tally.raised += 1
                if acknowledged { tally.acknowledged += 1 }
                if closed { tally.closed += 1 } else { tally.stillOpen += 1 }
            }
            count(&report.total, acknowledged: acknowledged, closed: closed)
            count(&report.byPriority[priority, default: Tally()], acknowledged: acknowledged, closed: closed)
            // One alert in two sources (merged) counts once in the total (open while any copy is)
            // and in each of its sources with that source's own copy's state.
            if let copies = alert.copies, copies.count > 1 {
                for copy in copies {
                    count(&report.bySource[copy.source, default: Tally()], acknowledged: copy.acknowledged == true || copy.status == .closed && acknowledged,
                          closed: copy.status == .closed)
                }
            } else if let origin = alert.origin {
                count(&report.bySource[origin, default: Tally()], acknowledged: acknowledged, closed: closed)
            }
            if priority == "P1" || priority == "P2" {
                report.urgent.append(UrgentAlert(
                    tinyId: alert.tinyId ?? alert.id, source: alert.copies.map { $0.map(\.source).joined(separator: "+") } ?? alert.origin,
                    priority: priority,
                    message: TerminalText.sanitize(alert.message ?? ""), createdAt: created,
                    acknowledgedBy: alert.report?.acknowledgedBy.map(TerminalText.sanitize),
                    timeToAcknowledge: alert.report?.ackTime.map { Int($0 / 1000) },
                    closedBy: alert.report?.closedBy.map(TerminalText.sanitize),
                    timeToClose: closed ? alert.report?.closeTime.map { Int($0 / 1000) } : nil,
                    state: closed ? "closed" : acknowledged ? "acked" : "open"))
            }
        }
        report.urgent.sort { ($0.createdAt, $0.priority) < ($1.createdAt, $1.priority) }
        report.incidentsOpened = incidents.compactMap { incident in
            guard let created = incident.createdAt, window.contains(created) else { return nil }
            return IncidentLine(tinyId: incident.tinyId ?? incident.id, source: incident.origin, priority: incident.priority?.rawValue ?? "P?",
                                message: TerminalText.sanitize(incident.message ?? ""), createdAt: created, status: incident.status ?? "open")
        }.sorted { $0.createdAt < $1.createdAt }
        let end = Dictionary(onCallAtEnd.map { ("\($0.origin ?? "")/\($0.scheduleId)", $0) }, uniquingKeysWith: { a, _ in a })
        var seen: Set<String> = []
        for summary in onCallAtStart + onCallAtEnd {
            let key = "\(summary.origin ?? "")/\(summary.scheduleId)"
            guard seen.insert(key).inserted else { continue }
            let start = onCallAtStart.first { "\($0.origin ?? "")/\($0.scheduleId)" == key }
            report.onCall.append(OnCallLine(schedule: TerminalText.sanitize(summary.scheduleName), source: summary.origin,
                                            atStart: (start?.current ?? []).map(TerminalText.sanitize),
                                            atEnd: (end[key]?.current ?? []).map(TerminalText.sanitize)))
        }
        return report
    }
}

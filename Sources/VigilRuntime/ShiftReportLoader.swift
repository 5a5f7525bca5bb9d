import Foundation
import OperationsModel
import VigilCore

/// Reads what a shift report needs from each source: its alerts created in the window (newest
/// first, page by page until the window's start, any status), its incidents, and who was on
/// call at either end. What cannot be read is said in the report's caveats.
public enum ShiftReportLoader {
    /// One source to report on (`name` is `nil` with one source).
    public struct Source: Sendable {
        public var name: String?
        public var backend: any OperationsBackend
        public init(name: String?, backend: any OperationsBackend) { self.name = name; self.backend = backend }
    }

    /// The report, and whether every source's alerts could be read (the numbers are whole).
    /// How a caveat begins when a source's alerts could not be read (what follows: why, and what to do).
    public static let alertsUnread = "alerts could not be read: "

    /// Whether no source's alerts could be read: then the report has nothing true to count.
    public static func readNothing(_ report: ShiftReport, sources: Int) -> Bool {
        report.caveats.filter { $0.contains(alertsUnread) }.count >= max(1, sources)
    }

    public static func load(_ sources: [Source], since: Date, until: Date, maxPages: Int = 200) async -> (report: ShiftReport, complete: Bool) {
        var alerts: [Alert] = []
        var incidents: [Incident] = []
        var atStart: [OnCallSummary] = []
        var atEnd: [OnCallSummary] = []
        var caveats: [String] = []
        var complete = true
        for source in sources {
            let prefix = source.name.map { "\($0): " } ?? ""
            do {
                let read = try await alertsCreated(in: since...until, from: source.backend, maxPages: maxPages)
                alerts += read.alerts.map { var alert = $0; alert.origin = source.name ?? alert.origin; return alert }
                if read.cut { caveats.append(prefix + "more than \(maxPages) pages of alerts: the oldest of the window are not counted"); complete = false }
            } catch {
                complete = false
                caveats.append(prefix + Self.alertsUnread + error.description)
            }
            if let elsewhere = source.backend.incidentsElsewhere {
                caveats.append(prefix + elsewhere)
            } else {
                do {
                    let page = try await source.backend.incidents(matching: "status:open OR status:resolved OR status:closed", limit: 500)
                    incidents += page.incidents.map { var incident = $0; incident.origin = source.name ?? incident.origin; return incident }
                } catch {
                    caveats.append(prefix + "incidents could not be read: \(error.headline)")
                }
            }
            for (date, isStart) in [(since, true), (until, false)] {
                do {
                    let answer = try await source.backend.onCall(at: date)
                    let named = answer.value.map { var summary = $0; summary.origin = source.name ?? summary.origin; return summary }
                    if isStart { atStart += named } else { atEnd += named }
                    if isStart { caveats += answer.limits.map { prefix + $0.text } }
                } catch {
                    if isStart { caveats.append(prefix + "on-call could not be read: \(error.headline)") }
                }
            }
        }
        let report = ShiftReport.build(since: since, until: until, sources: sources.compactMap(\.name), alerts: alerts, incidents: incidents,
                                       onCallAtStart: atStart, onCallAtEnd: atEnd, caveats: caveats)
        return (report, complete)
    }

    /// Alerts created in `window`, any status, read newest first until one older than the window.
    static func alertsCreated(in window: ClosedRange<Date>, from backend: any OperationsBackend,
                              maxPages: Int) async throws(OperationsError) -> (alerts: [Alert], cut: Bool) {
        var found: [Alert] = []
        var offset = 0
        for _ in 0..<maxPages {
            let page = try await backend.alerts(AlertQuery(query: nil, offset: offset, limit: 100, sort: .createdAt, order: .desc), maxPages: 1)
            found += page.alerts.filter { $0.createdAt.map(window.contains) ?? false }
            let oldest = page.alerts.compactMap(\.createdAt).min()
            guard let next = page.nextOffset, !page.alerts.isEmpty, (oldest ?? .distantPast) >= window.lowerBound else { return (found, false) }
            offset = next
        }
        return (found, true)
    }
}

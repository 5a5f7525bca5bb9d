import Foundation

/// How a shift report is printed: plain text for a terminal, Markdown for a ticket or chat,
/// JSON for scripts.
public enum ShiftReportFormat: String, Sendable, CaseIterable {
    case text, markdown, json
}

extension ShiftReport {
    /// The report in `format`. Times are UTC.
    public func rendered(_ format: ShiftReportFormat) -> String {
        switch format {
        case .text: return lines(markdown: false).joined(separator: "\n") + "\n"
        case .markdown: return lines(markdown: true).joined(separator: "\n") + "\n"
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) + "\n" } ?? "{}\n"
        }
    }

    static func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    static func span(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        return String(format: "%dh%02dm", seconds / 3600, (seconds % 3600) / 60)
    }

    private func lines(markdown: Bool) -> [String] {
        let hours = Int((until.timeIntervalSince(since) / 3600).rounded())
        var out: [String] = []
        let title = "Shift report \(Self.time(since)) → \(Self.time(until)) (\(hours)h)"
            + (sources.isEmpty ? "" : " · sources \(sources.joined(separator: ", "))")
        out.append(markdown ? "## " + title : title)
        if markdown { out.append("") }
        func heading(_ text: String) { out.append(markdown ? "### " + text : text) }
        func row(_ name: String, _ t: Tally) -> String {
            markdown ? "| \(name) | \(t.raised) | \(t.acknowledged) | \(t.closed) | \(t.stillOpen) |"
                : "  " + name.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + [t.raised, t.acknowledged, t.closed, t.stillOpen].map { String($0).leftPadded(to: 8) }.joined()
        }
        heading("Alerts raised in the window")
        out.append(markdown ? "| | raised | acked | closed | still open |\n|---|---:|---:|---:|---:|"
                   : "  " + "".padding(toLength: 10, withPad: " ", startingAt: 0) + ["raised", "acked", "closed", "open"].map { $0.leftPadded(to: 8) }.joined())
        out.append(row("all", total))
        for priority in byPriority.keys.sorted() { out.append(row(priority, byPriority[priority]!)) }
        for source in sources where bySource[source] != nil { out.append(row(source, bySource[source]!)) }
        out.append("")
        heading("P1 and P2 alerts (\(urgent.count))")
        if urgent.isEmpty { out.append(markdown ? "none" : "  none") }
        for alert in urgent {
            var what: [String] = []
            if let seconds = alert.timeToAcknowledge { what.append("acked in \(Self.span(seconds))" + (alert.acknowledgedBy.map { " by \($0)" } ?? "")) }
            if let seconds = alert.timeToClose { what.append("closed in \(Self.span(seconds))" + (alert.closedBy.map { " by \($0)" } ?? "")) }
            if what.isEmpty { what.append(alert.state == "open" ? "still open, not acknowledged" : alert.state) }
            let tag = alert.source.map { "\($0) " } ?? ""
            let head = "#\(alert.tinyId) \(alert.priority) \(tag)\(Self.time(alert.createdAt).suffix(6)) \(alert.message)"
            let outcome = what.joined(separator: ", ")
            if markdown {
                out.append("- \(head) — \(outcome)")
            } else if TerminalText.width(of: head + outcome) + 5 <= 80 {
                out.append("  \(head) — \(outcome)")
            } else {
                // Two lines within 80 columns: the alert, then what happened to it.
                out.append("  " + TerminalText.fit(head, columns: 78))
                out.append("      " + TerminalText.fit(outcome, columns: 74))
            }
        }
        out.append("")
        heading("Incidents: \(incidentsOpened.count) opened, \(incidentsResolved) resolved")
        for incident in incidentsOpened {
            let line = "#\(incident.tinyId) \(incident.priority) \(incident.source.map { "\($0) " } ?? "")\(incident.status) \(incident.message)"
            out.append(markdown ? "- " + line : "  " + line)
        }
        out.append("")
        heading("On call (start → end)")
        if onCall.isEmpty { out.append(markdown ? "none" : "  none") }
        for line in onCall {
            let start = line.atStart.isEmpty ? "nobody" : line.atStart.joined(separator: ", ")
            let end = line.atEnd.isEmpty ? "nobody" : line.atEnd.joined(separator: ", ")
            let text = "\(line.source.map { "\($0) · " } ?? "")\(line.schedule): \(start) → \(end)"
            out.append(markdown ? "- " + text : "  " + text)
        }
        if !caveats.isEmpty {
            if markdown { out.append("") }
            heading("Not in this report")
            for caveat in caveats { out.append((markdown ? "- " : "  ") + caveat) }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

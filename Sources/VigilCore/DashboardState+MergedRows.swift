import Foundation
import OperationsModel

/// How a row several sources list is shown: its sources in the source column, each source's
/// copy on a line of its own in the detail, and the list's title saying how many alerts are
/// in more than one source (counted once in the total).
extension DashboardState {
    /// ` · 38 in two sources` for the alert list's title (`38+` when more alerts matched than
    /// Vigil compares); `nil` with one source or none shared.
    var sharedFigure: String? {
        guard showsSources, alertPane.list.shared > 0 else { return nil }
        let sources = self.feeds.sources.count > 2 ? "several sources" : "two sources"
        return " · \(alertPane.list.shared)\(alertPane.list.sharedIsExact ? "" : "+") in \(sources)"
    }

    /// The source cell of a row: `og-eu+jsm` for a merged row, else its source.
    func sourcesLabel(_ alert: Alert) -> String {
        guard let copies = alert.copies, copies.count > 1 else { return alert.origin ?? "-" }
        return copies.map(\.source).joined(separator: "+")
    }

    /// Columns the source cell takes so a merged row names its sources (`og-eu+jsm`), at most
    /// 13; 0 while no row is merged.
    var mergedSourceColumn: Int {
        guard alertPane.list.shared > 0 else { return 0 }
        return min(13, TerminalText.width(of: feeds.sources.map(\.name).joined(separator: "+")))
    }

    /// A merged row's detail: a line per source with that copy's own state.
    func copyLines(_ alert: Alert) -> [(String, CellStyle)] {
        guard let copies = alert.copies, copies.count > 1 else { return [] }
        var lines: [(String, CellStyle)] = [("seen by \(copies.count) sources (one row; actions ask which):", CellStyle(.title, bold: true))]
        for copy in copies {
            let owner = copy.owner.flatMap { $0.isEmpty ? nil : $0 } ?? "-"
            var text = "  \(copy.source) #\(copy.tinyId ?? "?") \(copy.priority?.rawValue ?? "P?") "
                + "\(copyState(copy)) · owner \(owner) · created \(paneAge(now.timeIntervalSince(copy.createdAt ?? now))) ago"
            var role = ColorRole.text
            if let pending = pendingAction(on: copy.id) {
                (text, role) = (text + " · \(pending.request.verb)…", .pending)
            } else if recentlyFailed(copy.id), let last = actionLog.records.last(where: { $0.targetId == copy.id }), case .failed(let why) = last.phase {
                (text, role) = (text + " · \(last.request.verb) FAILED — \(why)", .failed)
            }
            lines.append((text, CellStyle(role)))
        }
        return lines
    }

    /// The last action on a copy of a merged row failed within two minutes: the row shows `!`.
    func copyRecentlyFailed(_ alert: Alert) -> Bool {
        alert.copies?.contains { recentlyFailed($0.id) } ?? false
    }

    /// A row's STATE: the alert's own, or for a merged row whose copies differ, each source's
    /// in the sources' order (`open/ack`), coloured by the most urgent.
    func rowStateLabel(_ alert: Alert) -> (String, ColorRole) {
        let own = stateLabel(alert)
        guard let copies = alert.copies, copies.count > 1 else { return own }
        let words = copies.map { copy -> String in
            let word = copyState(copy)
            return word == "acked" ? "ack" : word == "closed" ? "cls" : word.hasPrefix("snz") ? "snz" : word
        }
        return Set(words).count > 1 ? (words.joined(separator: "/"), own.1) : own
    }

    /// Who owns a row: the alert's owner, or for a merged row the first copy's that has one
    /// (an assignment in one source shows, not `-`).
    func rowOwner(_ alert: Alert) -> String? {
        if let owner = alert.owner, !owner.isEmpty { return owner }
        return alert.copies?.lazy.compactMap { $0.owner }.first { !$0.isEmpty }
    }

    /// A copy's state as a row would say it: `open`, `acked`, `snz 20m`, `closed`.
    func copyState(_ copy: AlertCopy) -> String {
        stateLabel(Alert(id: copy.id, status: copy.status, acknowledged: copy.acknowledged, snoozed: copy.snoozed,
                         snoozedUntil: copy.snoozedUntil)).0
    }

    /// The copy of a merged row with this (scoped) id, when its row is loaded.
    func alertCopy(_ id: String) -> AlertCopy? {
        guard showsSources else { return nil }
        for (_, alert) in alertPane.list.loaded { if let copy = alert.copies?.first(where: { $0.id == id }) { return copy } }
        return nil
    }

    /// An open action on any copy of a merged row (the row shows it pending).
    func pendingCopyAction(_ alert: Alert) -> ActionRecord? {
        alert.copies?.lazy.compactMap { pendingAction(on: $0.id) }.first
    }
}

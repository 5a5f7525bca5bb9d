import Foundation
import OperationsModel

/// What the screen says about the state, shared by the views: how fresh each feed is, what is
/// pending, the clock, an alert's state word and colour.
extension DashboardState {

    // MARK: Status line

    /// How fresh a kind of data is: `ok` while it was polled within its interval, its age
    /// once it is late (then the STALE banner follows at three intervals).
    /// `n/a` when the account cannot read it at all (a plan without heartbeats): never `ok`
    /// for what Vigil cannot see.
    func age(_ kind: DataKind) -> String {
        if unreadable(kind) { return "n/a" }
        guard let last = feedStatus[kind]?.lastSuccess else { return feedStatus[kind]?.lastError == nil ? "…" : "never" }
        let age = now.timeIntervalSince(last)
        return age <= lateAfter(kind) ? "ok" : compactAge(age)
    }

    /// Whether a pane has nothing because the account may not read it (its plan, its rights).
    func unreadable(_ kind: DataKind) -> Bool {
        guard feeds.limits[kind]?.isEmpty == false else { return false }
        switch kind {
        case .heartbeats: return feeds.heartbeats.isEmpty
        case .onCall: return feeds.onCall.isEmpty
        default: return false
        }
    }

    /// The age of the last good data of a stale kind: `15s`, `3m`, or `never`.
    func staleAge(_ kind: DataKind) -> String {
        guard let last = feedStatus[kind]?.lastSuccess else { return feedStatus[kind]?.lastError == nil ? "…" : "never" }
        return compactAge(now.timeIntervalSince(last))
    }

    var staleKinds: [DataKind] { DataKind.allCases.filter { isStale($0) } }

    /// When a failing kind is tried again: `, retry in 20s`, `, retrying` while the try is under way.
    func retryText(_ kind: DataKind) -> String {
        guard let feed = feedStatus[kind], feed.lastError != nil else { return "" }
        if feed.inFlight { return ", retrying" }
        guard let due = feed.nextDue, due > now else { return "" }
        return ", retry in \(compactAge(due.timeIntervalSince(now)))"
    }

    /// What a pane with no data yet says while its first answer is awaited: `loading…`, then
    /// after a few seconds how long it has been waited for (a hung API shows as one).
    func waitingText(_ kind: DataKind, what: String) -> String {
        guard let feed = feedStatus[kind], feed.inFlight, let started = feed.startedAt, now.timeIntervalSince(started) >= 3 else { return "loading \(what)…" }
        return "waiting for \(what): no answer for \(compactAge(now.timeIntervalSince(started))) (\(settings.host))"
    }

    /// `pending 2 (1 queued) 40s`: actions not yet confirmed, how many wait to be sent again,
    /// and the oldest one's age; `nil` when there are none.
    var pendingSummary: String? {
        let pending = pendingActions
        guard !pending.isEmpty else { return nil }
        let oldest = pending.map(\.createdAt).min().map { compactAge(now.timeIntervalSince($0)) } ?? ""
        let queued = pending.filter { if case .queued = $0.phase { true } else { false } }.count
        return "pending \(pending.count)\(queued > 0 ? " (\(queued) queued)" : "") \(oldest)"
    }

    /// The clock in UTC: `HH:MMZ`, or `HH:MM:SSZ` with ``DashboardSettings/clockSeconds``.
    var clockText: String { Self.clockFormat(now, seconds: settings.clockSeconds) }

    /// `HH:MM:SSZ` (or `HH:MMZ`) in UTC, from plain arithmetic.
    static func clockFormat(_ date: Date, seconds showSeconds: Bool = true) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86400) + 86400) % 86400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return showSeconds ? "\(two(day / 3600)):\(two(day % 3600 / 60)):\(two(day % 60))Z" : "\(two(day / 3600)):\(two(day % 3600 / 60))Z"
    }

    // MARK: Alerts

    static func role(for priority: AlertPriority?) -> ColorRole {
        switch priority?.rank ?? 3 { case 1: .p1; case 2: .p2; case 3: .p3; case 4: .p4; default: .p5 }
    }

    /// Snoozed and not yet woken.
    func isSnoozed(_ alert: Alert) -> Bool {
        alert.status != .closed && alert.snoozed == true && (alert.snoozedUntil.map { $0 > now } ?? true)
    }

    /// A snooze's time left as the STATE column has room for it (`snz ` and at most 5 more):
    /// `45m`, `1h05m`, `18h` (ten hours and more to the hour), `2d03h`.
    static func snoozeLeft(_ seconds: TimeInterval) -> String {
        (36_000..<86_400).contains(seconds) ? "\(Int(seconds) / 3600)h" : countdown(seconds)
    }

    func stateLabel(_ alert: Alert) -> (String, ColorRole) {
        if alert.status == .closed { return ("closed", .dim) }
        if isSnoozed(alert) { return (alert.snoozedUntil.map { "snz \(Self.snoozeLeft($0.timeIntervalSince(now)))" } ?? "snoozed", .dim) }
        if alert.acknowledged == true { return ("acked", .ok) }
        return ("open", .critical)
    }

    // MARK: Detail

    // MARK: Message and hints

    // MARK: Overlays

}

import Foundation
import OperationsModel

extension DashboardState {
    /// Starts every poll that is due now.
    mutating func duePolls() -> [DashboardEffect] {
        polls.startDue(at: now).map { $0 == .alerts ? .pollAlerts(alertListRequest) : .poll($0) }
    }

    /// Polls `kind` now; if one is in flight, polls again as soon as it answers (never two of a
    /// kind at once).
    mutating func pollNow(_ kind: DataKind) -> [DashboardEffect] {
        polls.requestNow(kind)
        return duePolls()
    }

    /// Records a poll's answer with the scheduler.
    mutating func finishPoll(_ kind: DataKind, error: OperationsError?) {
        polls.finish(kind, error: error, at: now, rateLimit: rateLimit?.status)
    }

    mutating func receiveHeartbeats(_ result: Result<[Heartbeat], OperationsError>, limits: [FeatureLimit]) {
        if case .success(let beats) = result {
            // By source when several share the screen; expired first, then enabled, then disabled; by name.
            heartbeats = Self.groupedBySource(beats)
            self.limits[.heartbeats] = limits.isEmpty ? nil : limits
        }
        finishPoll(.heartbeats, error: result.failure)
    }

    mutating func receiveOnCall(_ result: Result<[OnCallSummary], OperationsError>, limits: [FeatureLimit]) {
        if case .success(let summaries) = result {
            onCall = summaries
            self.limits[.onCall] = limits.isEmpty ? nil : limits
        }
        finishPoll(.onCall, error: result.failure)
    }

    /// The account's saved searches take the number keys left after the defaults and the
    /// config's filters. A failure keeps the filters there are.
    mutating func receiveSavedSearches(_ result: Result<[SavedSearchMeta], OperationsError>) {
        guard case .success(let searches) = result else { return }
        quickFilters = QuickFilter.onKeys(me: settings.me, configured: settings.quickFilters, savedSearches: searches)
    }
}

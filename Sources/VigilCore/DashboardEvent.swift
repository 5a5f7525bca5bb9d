import Foundation
import OperationsModel

/// Everything that can happen to the dashboard: keys, time, and the answers to its effects.
public enum DashboardEvent: Sendable {
    /// The runner is ready: resume work and start the first polls.
    case started
    case key(Key)
    case resize(width: Int, height: Int)
    case tick(Date)
    /// A poll's answer for `filter` (`nil`: for whatever filter is current).
    case alertListLoaded(Result<AlertListSnapshot, OperationsError>, filter: AlertFilter? = nil)
    /// Pages loaded on demand.
    case alertPagesLoaded(Result<[AlertPageKey: [Alert]], OperationsError>, keys: [AlertPageKey], filter: AlertFilter)
    /// Heartbeats, and what the account cannot read of them (a plan, a team): not failures.
    case heartbeatsLoaded(Result<[Heartbeat], OperationsError>, limits: [FeatureLimit] = [])
    /// On-call, and the schedules or names that cannot be read.
    case onCallLoaded(Result<[OnCallSummary], OperationsError>, limits: [FeatureLimit] = [])
    /// The open incidents.
    case incidentsLoaded(Result<IncidentPage, OperationsError>)
    /// One incident with its notes and log.
    case incidentDetailLoaded(incidentId: String, Result<IncidentDetail, OperationsError>)
    case detailLoaded(alertId: String, Result<AlertDetail, OperationsError>)
    /// The assign picker's users, or why they could not be loaded.
    case usersLoaded(Result<[User], OperationsError>)
    /// The escalate picker's escalations, or why they could not be loaded.
    case escalationsLoaded(Result<[Escalation], OperationsError>)
    case savedSearchesLoaded(Result<[SavedSearchMeta], OperationsError>)
    /// The open acknowledged alerts (with their acknowledge times).
    case forgottenLoaded(Result<[Alert], OperationsError>)
    /// The shift summary, read.
    case shiftReportLoaded(ShiftReport)
    case actionAccepted(actionId: Int, receipt: ActionReceipt)
    case actionFinished(actionId: Int, Result<RequestStatus, OperationsError>)
    case rateLimitChanged(domain: RateLimitDomain?, status: RateLimitStatus?)
    /// Actions found in the journal at start, to resume or drop.
    case journalRestored([ActionRecord])
    /// A line for the message area from outside the dashboard (journal, config).
    case notice(String, StatusMessage.Level)
    /// How each of several sources is doing (which are failing and why).
    case sourcesChanged([SourceHealth])
}

extension DashboardEvent {
    /// Every matching alert in one answer (a small account, a test).
    public static func alertsLoaded(_ result: Result<AlertPage, OperationsError>, filter: AlertFilter? = nil) -> DashboardEvent {
        .alertListLoaded(result.map { AlertListSnapshot(complete: $0.alerts) }, filter: filter)
    }
}

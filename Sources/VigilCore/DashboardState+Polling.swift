import Foundation
import OperationsModel

extension DashboardState {
    /// Starts every poll that is due now.
    mutating func duePolls() -> [DashboardEffect] {
        feeds.polls.startDue(at: now).map { $0 == .alerts ? .pollAlerts(alertListRequest) : .poll($0) }
    }

    /// Polls `kind` now; if one is in flight, polls again as soon as it answers (never two of a
    /// kind at once).
    mutating func pollNow(_ kind: DataKind) -> [DashboardEffect] {
        feeds.polls.requestNow(kind)
        return duePolls()
    }

    /// Records a poll's answer with the scheduler.
    /// A feed that starts failing says why once, whole, in the messages (`m` reads it at any
    /// width, where the status line has room for a word); one that answers again says so.
    mutating func finishPoll(_ kind: DataKind, error: OperationsError?) {
        let wasFailing = feedStatus[kind]?.lastError != nil
        feeds.finishPoll(kind, error: error, at: now)
        if let error, !wasFailing {
            say("\(kind.rawValue): \(error.description)\(retryText(kind))", .warning)
        } else if error == nil, wasFailing {
            say("\(kind.rawValue): answering again", .info)
        }
    }
}

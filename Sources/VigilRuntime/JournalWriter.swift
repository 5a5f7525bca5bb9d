import Foundation
import Synchronization
import VigilCore

/// Writes the action journal on a background queue, so its `fsync` never holds up the
/// thread that reads keys and draws. Writes are coalesced: only the newest list matters.
final class JournalWriter: Sendable {
    private let journal: ActionJournal
    private let queue = DispatchQueue(label: "vigil.journal")
    private let newest = Mutex<[ActionRecord]?>(nil)
    private let onFailure: @Sendable (JournalError) -> Void

    init(journal: ActionJournal, onFailure: @escaping @Sendable (JournalError) -> Void) {
        self.journal = journal
        self.onFailure = onFailure
    }

    /// Queues `actions` to replace the journal's contents.
    func write(_ actions: [ActionRecord]) {
        newest.withLock { $0 = actions }
        queue.async { [self] in
            let taken: [ActionRecord]? = newest.withLock { value in defer { value = nil }; return value }
            guard let actions = taken else { return }
            do throws(JournalError) { try journal.save(actions) } catch { onFailure(error) }
        }
    }

    /// Waits until every queued write is on disk.
    func flush() { queue.sync {} }
}

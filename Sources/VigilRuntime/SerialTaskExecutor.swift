import Foundation

/// One long-lived thread that runs the engine's tasks (polls, actions, confirmations) between
/// their awaits.
///
/// On Linux the global executor's worker threads end after a few idle seconds, so a screen
/// that polls every 10 s started threads anew for nearly every poll: more CPU than the poll.
/// The work between awaits is small (build a request, decode an answer), so one thread that
/// stays is enough and costs nothing while it waits.
public final class SerialTaskExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var enqueued = 0

    /// Jobs handed to this executor so far (the engine's tasks run here when it is set).
    public var jobsEnqueued: Int {
        condition.lock()
        defer { condition.unlock() }
        return enqueued
    }

    /// Starts the thread, named `name` for `top -H` and debuggers.
    public init(name: String) {
        let thread = Thread { [self] in
            // The kernel's name for the thread (at most 15 bytes): what `top -H` and `ps -L` show.
            try? String(name.prefix(15)).write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
            run()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        enqueued += 1
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}

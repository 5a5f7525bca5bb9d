import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Sleeps until the terminal has input, another thread calls ``wake()``, or a timeout
/// passes — one `poll(2)` on standard input and a pipe, so an idle dashboard does no work
/// at all between the things it is waiting for.
public final class TerminalWaiter: Sendable {
    /// What ended a wait.
    public struct Wakeup: Sendable, Equatable {
        /// Standard input has bytes to read.
        public var input = false
        /// ``wake()`` was called.
        public var woken = false
        /// Standard input hung up or failed: the terminal is gone.
        public var hangup = false
    }

    private let readEnd: Int32
    private let writeEnd: Int32
    private let pending = Atomic<Bool>(false)

    /// Creates the wake pipe (non-blocking, closed on exec).
    public init() {
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// The pipe's write end, for a signal handler: writing a byte to it ends the wait
    /// (`write(2)` is async-signal-safe; the handler may run on any thread).
    public var signalWakeDescriptor: Int32 { writeEnd }

    /// Wakes the waiting thread; any thread, any number of times (one byte per wait at most).
    public func wake() {
        guard !pending.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Waits up to `milliseconds` (negative: for ever). A signal ends the wait early with
    /// nothing set, so the caller can look at its flags.
    public func wait(milliseconds: Int32, input descriptor: Int32 = STDIN_FILENO) -> Wakeup {
        var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
        var wakeup = Wakeup()
        guard poll(&fds, 2, milliseconds) > 0 else { return wakeup }
        let inputEvents = Int32(fds[0].revents)
        wakeup.input = inputEvents & Int32(POLLIN) != 0
        wakeup.hangup = inputEvents & Int32(POLLHUP | POLLERR | POLLNVAL) != 0 && !wakeup.input
        if fds[1].revents & Int16(POLLIN) != 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            while read(readEnd, &buffer, buffer.count) > 0 {}
            pending.store(false, ordering: .releasing)
            wakeup.woken = true
        }
        return wakeup
    }
}

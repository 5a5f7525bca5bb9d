import Foundation
import Testing
@testable import VigilTerminal
#if canImport(Glibc)
import Glibc
#endif

@Suite("TerminalWaiter: sleeps until input, a wake-up or the timeout")
struct TerminalWaiterTests {
    /// A pipe standing in for the terminal's input.
    func withInput(_ body: (Int32, Int32) throws -> Void) rethrows {
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        defer { close(fds[0]); close(fds[1]) }
        try body(fds[0], fds[1])
    }

    @Test func aWakeFromAnotherThreadEndsTheWaitAtOnce() {
        withInput { input, _ in
            let waiter = TerminalWaiter()
            let thread = Thread { usleep(50_000); waiter.wake() }
            thread.start()
            let started = ContinuousClock.now
            let wakeup = waiter.wait(milliseconds: 20_000, input: input)
            #expect(wakeup.woken && !wakeup.input)
            #expect(ContinuousClock.now - started < .seconds(10), "ended by the wake, not the 20 s timeout")
        }
    }

    @Test func inputEndsTheWaitAndWakesDoNotPileUp() {
        withInput { input, write_ in
            let waiter = TerminalWaiter()
            var byte: UInt8 = 65
            _ = write(write_, &byte, 1)
            #expect(waiter.wait(milliseconds: 20_000, input: input).input)
            waiter.wake()
            waiter.wake()
            waiter.wake()
            #expect(waiter.wait(milliseconds: 0, input: -1).woken)
            #expect(!waiter.wait(milliseconds: 0, input: -1).woken, "three wakes before a wait are one wake-up")
        }
    }

    @Test func nothingHappeningWaitsForTheTimeout() {
        withInput { input, _ in
            let wakeup = TerminalWaiter().wait(milliseconds: 30, input: input)
            #expect(wakeup == TerminalWaiter.Wakeup())
        }
    }
}

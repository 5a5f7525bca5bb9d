import ArgumentParser
import Foundation
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// Where `vigil` starts: parses the command line, sets up the threads the command runs on,
/// then runs it.
///
/// The dashboard (`vigil`, `vigil demo`) runs all of Swift concurrency and all network I/O
/// on ONE event-loop thread: SwiftNIO's singleton group, sized to one loop and installed as
/// the global executor. A poll is then one wake of that thread (request, answer, decode)
/// and one of the terminal's, with no hand-off between a task pool and the I/O thread, and
/// libdispatch's worker pool (whose monitor wakes every second for good once a worker has
/// run) is never started. `main` itself is not `async`: on Linux an async `main` drains the
/// main queue through libdispatch.
@main
enum ProgramEntry {
    static func main() {
        let command: any ParsableCommand
        do { command = try Vigil.parseAsRoot() } catch { Vigil.exit(withError: error) }
        if command is Dashboard || command is Demo { useOneEventLoop() }
        let parsed = ParsedCommand(command: command)
        // Detached: `main` is on the main actor, whose queue nothing here drains.
        Task.detached { await parsed.run() }
        // The command ends the process (`exit`); until then this thread only waits.
        while true { pause() }
    }

    /// One event loop for I/O and tasks alike; before anything touches NIO's singletons.
    static func useOneEventLoop() {
        NIOSingletons.groupLoopCountSuggestion = 1
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}

/// The parsed command, handed once from `main` to the task that runs it (and touched by
/// nothing else).
private struct ParsedCommand: @unchecked Sendable {
    var command: any ParsableCommand

    /// Runs the command and ends the process with its outcome.
    func run() async -> Never {
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
            Vigil.exit()
        } catch {
            Vigil.exit(withError: ProgramEntry.runFailure(error))
        }
    }
}

extension ProgramEntry {
    /// An error from a command that already parsed: a bad config file or scenario is not a
    /// mistake in the command line, so it is said without the usage after it.
    static func runFailure(_ error: any Error) -> any Error {
        guard let validation = error as? ValidationError else { return error }
        return CommandFailure(validation.message)
    }
}

import Foundation
import Logging
import OpsgenieKit
import Synchronization

/// Writes log lines to `$XDG_STATE_HOME/vigil/vigil.log` (never to the terminal the dashboard
/// owns), with the API key or token redacted from every line.
struct FileLogHandler: LogHandler {
    final class Sink: Sendable {
        let handle: Mutex<FileHandle?>
        let redact: @Sendable (String) -> String
        init(path: String, redact: @escaping @Sendable (String) -> String) {
            let url = URL(fileURLWithPath: path)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Append mode: every write lands at the end of the file as it is then, so two Vigils
            // on one host (the wall and a laptop) interleave whole lines instead of writing over
            // each other's from where each opened it.
            let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
            handle = Mutex(descriptor >= 0 ? FileHandle(fileDescriptor: descriptor, closeOnDealloc: true) : nil)
            self.redact = redact
        }
        func write(_ line: String) {
            let safe = redact(line)
            handle.withLock { try? $0?.write(contentsOf: Data(safe.utf8)) }
        }
    }

    let sink: Sink
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let stamp = ServiceJSON.formatDate(Date())
        sink.write("\(stamp) \(event.level) \(label): \(event.message)\n")
    }

    /// The state folder: `$XDG_STATE_HOME/vigil`.
    static var stateDirectory: String {
        let base = ProcessInfo.processInfo.environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (HomeDirectory.path + "/.local/state")
        return base + "/vigil"
    }

    /// A logger writing to the state folder's log file, with `redact` applied to every line.
    static func logger(redact: @escaping @Sendable (String) -> String) -> Logger {
        let sink = Sink(path: stateDirectory + "/vigil.log", redact: redact)
        return Logger(label: "vigil") { label in FileLogHandler(sink: sink, label: label) }
    }

    /// A logger that never writes the Opsgenie key.
    static func logger(key: APIKey?) -> Logger { logger { line in key.map { $0.redacts(line) } ?? line } }
}

import Foundation
import VigilCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the journal cannot be used.
public struct JournalError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, with the path.
    public var description: String
}

/// The actions not yet confirmed or failed, kept on disk so that a crash, `kill -9` or a
/// restart loses none of them.
///
/// Every change is written to a temporary file, `fsync`'d and renamed over the journal, and
/// the folder is `fsync`'d, so the file on disk is always either the old or the new list, never
/// half of one. One journal per API host; a lock file keeps two Vigils on the same host from
/// overwriting each other's actions.
public final class ActionJournal: Sendable {
    /// The journal file.
    public let url: URL
    private let lockDescriptor: Int32

    /// What was found at start.
    public struct Restored: Sendable {
        /// Actions to resume (or drop when too old).
        public var actions: [ActionRecord]
        /// Things the person should know (a journal that could not be read).
        public var notices: [String]
    }

    struct File: Codable {
        var version: Int
        var actions: [ActionRecord]
    }

    /// Opens (creating if needed) the journal for `host` in `directory`, and takes its lock.
    public init(directory: URL, host: String) throws(JournalError) {
        let safeHost = String(host.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }).prefix(100)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw JournalError(description: "cannot create \(directory.path): \(error.localizedDescription)")
        }
        url = directory.appendingPathComponent("journal-\(safeHost).json")
        let lockPath = url.path + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw JournalError(description: "cannot open \(lockPath): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw JournalError(description: "another Vigil on this host holds \(lockPath)")
        }
        lockDescriptor = fd
    }

    deinit { close(lockDescriptor) }

    /// Reads the journal. A file that cannot be read is moved aside (never deleted) and said so.
    public func load() -> Restored {
        guard let data = FileManager.default.contents(atPath: url.path), !data.isEmpty else { return Restored(actions: [], notices: []) }
        do {
            let file = try JSONDecoder().decode(File.self, from: data)
            guard file.version == 1 else { throw JournalError(description: "version \(file.version) is not 1") }
            return Restored(actions: file.actions, notices: [])
        } catch {
            let aside = url.path + ".unreadable-\(UUID().uuidString.prefix(8))"
            rename(url.path, aside)
            return Restored(actions: [], notices: ["the action journal could not be read and was moved to \(aside); no actions resumed"])
        }
    }

    /// Replaces the journal with `actions`, durably.
    public func save(_ actions: [ActionRecord]) throws(JournalError) {
        let data: Data
        do { data = try JSONEncoder().encode(File(version: 1, actions: actions)) } catch {
            throw JournalError(description: "cannot encode the journal: \(error)")
        }
        let temporary = url.path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw JournalError(description: "cannot write \(temporary): \(String(cString: strerror(errno)))") }
        var written = 0
        let ok = data.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let n = write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return fsync(fd) == 0
        }
        let failure = String(cString: strerror(errno))
        close(fd)
        guard ok else { throw JournalError(description: "cannot write \(temporary): \(failure)") }
        guard rename(temporary, url.path) == 0 else {
            throw JournalError(description: "cannot replace \(url.path): \(String(cString: strerror(errno)))")
        }
        let directory = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 { fsync(directory); close(directory) }
    }
}

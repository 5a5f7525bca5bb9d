import Foundation

/// A problem in a file the user edits: names the file, the line and the fix.
struct FileProblem: Error, CustomStringConvertible {
    var path: String
    var line: Int?
    var problem: String
    var fix: String
    /// The file's further problems, in line order: a file is read whole, and every mistake in it
    /// said in one run.
    var more: [FileProblem] = []

    var description: String {
        ([self] + more).map { "\($0.path)\($0.line.map { ":\($0)" } ?? ""): \($0.problem) — \($0.fix)" }.joined(separator: "\n")
    }

    /// The problems as one error, the first line's first (`nil` when there are none).
    static func all(_ problems: [FileProblem]) -> FileProblem? {
        let ordered = problems.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
        guard var first = ordered.first else { return nil }
        first.more = Array(ordered.dropFirst())
        return first
    }

    /// The 1-based line where `key` is assigned (optionally inside `[section]`), for semantic errors.
    static func line(of key: String, in text: String, section: String? = nil) -> Int? {
        var current: String?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                current = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                continue
            }
            guard section == nil || current == section else { continue }
            let name = line.split(separator: "=", maxSplits: 1).first?.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) ?? ""
            if name == key { return index + 1 }
        }
        return nil
    }
}

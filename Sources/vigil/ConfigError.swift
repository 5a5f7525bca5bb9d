import Foundation

/// A problem in a file the user edits: names the file, the line and the fix.
struct FileProblem: Error, CustomStringConvertible {
    var path: String
    var line: Int?
    var problem: String
    var fix: String

    var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(problem) — \(fix)"
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

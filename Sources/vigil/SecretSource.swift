import Foundation
import JSMOpsKit
import OperationsModel
import OpsgenieKit
import ServiceHTTP
import TOMLKit
import VigilCore

/// A secret from the environment or a file — never from a flag (flags show in `ps`).
enum SecretSource {
    /// Why `value` cannot be a credential, or `nil` when it can: a control character (an Esc, a
    /// DEL, a stray byte pasted with it) or a space inside cannot travel in a header, and an
    /// error about it must never print the value.
    static func problem(with value: String, what: String) -> String? {
        guard let index = value.unicodeScalars.firstIndex(where: { $0.properties.generalCategory == .control || $0 == " " }) else { return nil }
        let position = value.unicodeScalars.distance(from: value.unicodeScalars.startIndex, to: index) + 1
        let kind = value.unicodeScalars[index] == " " ? "a space" : "a control character"
        return "the \(what) has \(kind) at character \(position) of \(value.unicodeScalars.count), which no service accepts"
    }

    /// The value of `variable`, else the first line of `file`, trimmed; `missing` says what to
    /// do when neither is there. A file readable by others adds a warning.
    static func read(variable: String, file: String?, what: String, missing: String, warnings: inout [String]) throws -> String {
        if let value = ProcessInfo.processInfo.environment[variable]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
            if let problem = problem(with: value, what: what) {
                throw FileProblem(path: variable, line: nil, problem: problem, fix: "set \(variable) again from the original, without it")
            }
            return value
        }
        guard let file else { throw FileProblem(path: variable, line: nil, problem: "no \(what)", fix: missing) }
        return try read(file: file, what: what, warnings: &warnings)
    }

    /// The first line of `file`, trimmed; a file readable by others adds a warning.
    static func read(file: String, what: String, warnings: inout [String]) throws -> String {
        let path = HomeDirectory.expandingTilde(file)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw FileProblem(path: path, line: nil, problem: "cannot read the \(what) file", fix: "check the path and that you may read it")
        }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw FileProblem(path: path, line: 1, problem: "the \(what) file is empty", fix: "put the \(what) on the first line") }
        if let problem = problem(with: value, what: what) {
            throw FileProblem(path: path, line: 1, problem: problem, fix: "write the \(what) again from the original, alone on the first line (or run vigil init)")
        }
        if let warning = ConfigFile.permissionWarning(path) { warnings.append(warning) }
        return value
    }
}

/// Reads the Opsgenie API key: `OPSGENIE_API_KEY`, else the key file.
enum APIKeySource {
    static func load(keyFile: String?, warnings: inout [String]) throws -> APIKey {
        let text = try SecretSource.read(variable: "OPSGENIE_API_KEY", file: keyFile, what: "API key",
                                         missing: "run `vigil init` to set up an account, or export OPSGENIE_API_KEY, or pass --api-key-file (or api_key_file in config.toml); try `vigil demo` for no account",
                                         warnings: &warnings)
        return APIKey(text)!
    }
}

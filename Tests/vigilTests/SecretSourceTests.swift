import Foundation
import Testing
@testable import vigil

/// A credential with a stray control character (an Esc or a DEL pasted with it) is refused where
/// it is read, saying where in it the character is, never what the credential is.
@Suite("Secrets as read")
struct SecretSourceTests {
    @Test func aKeyFileWithAControlCharacterIsRefusedWithoutShowingTheKey() throws {
        let path = NSTemporaryDirectory() + "vigil-key-\(UUID().uuidString)"
        try "my-secret-key-5678\u{7f}\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var warnings: [String] = []
        do {
            _ = try SecretSource.read(file: path, what: "API key", warnings: &warnings)
            Issue.record("a key with a DEL in it was taken")
        } catch let problem as FileProblem {
            let text = problem.description
            #expect(text.contains("a control character at character 19 of 19") && text.contains(":1:"), "\(text)")
            #expect(!text.contains("my-secret"), "the key is never repeated: \(text)")
        }
    }

    @Test func spacesInsideAreRefusedAndAnOrdinaryKeyIsTaken() {
        #expect(SecretSource.problem(with: "abc def", what: "API key") == "the API key has a space at character 4 of 7, which no service accepts")
        #expect(SecretSource.problem(with: "0b9f3c1e-aaaa-bbbb-cccc-123456789abc", what: "API key") == nil)
    }
}

extension SecretSourceTests {
    @Test func initAsksAgainForASecretWithAnEscInItAndNeverEchoesIt() throws {
        var answers = ["\u{1b}", "real-key-1234"]
        let shown = LockedText()
        let prompt = InitPrompter(readLine: { nil }, readSecret: { answers.isEmpty ? nil : answers.removeFirst() }, write: { shown.append($0) })
        #expect(try prompt.askSecret("API key") == "real-key-1234")
        #expect(shown.text.contains("the secret has a control character at character 1 of 1") && shown.text.contains("paste it again"), "\(shown.text)")
        #expect(!shown.text.contains("real-key"))
    }
}

/// Text written by a prompt, gathered for a test.
final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var gathered = ""
    func append(_ piece: String) { lock.lock(); gathered += piece; lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return gathered }
}

import Foundation
import JSMOpsKit
import OperationsModel
import OpsgenieKit
import ServiceHTTP
import TOMLKit
import VigilCore

/// "Did you mean …?" for a misspelt name.
enum Suggestion {
    /// The known name closest to `word` by edit distance, when it is close enough to be a typo.
    static func closest(to word: String, in known: Set<String>) -> String? {
        let scored = known.map { ($0, distance(word.lowercased(), $0.lowercased())) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        guard let best = scored.first, best.1 <= max(1, min(3, word.count / 3)) else { return nil }
        return best.0
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

import Foundation
import JSMOpsKit
import OperationsModel
import OpsgenieKit
import ServiceHTTP
import TOMLKit
import VigilCore

/// The user's home: `$HOME` when set, as every XDG path means it (Foundation's
/// `NSHomeDirectory()` reads the password database and ignores `HOME`).
enum HomeDirectory {
    static var path: String {
        ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }

    /// `~` and `~/…` from this home; any other path as it is.
    static func expandingTilde(_ path: String) -> String {
        if path == "~" { return self.path }
        if path.hasPrefix("~/") { return self.path + path.dropFirst() }
        return path
    }
}

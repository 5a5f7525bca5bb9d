import Foundation
import OperationsModel

/// Where the Opsgenie API lives: one of the two public regions or a custom base URL
/// (a simulator, a proxy, a test server).
public enum OpsgenieRegion: Sendable, Hashable, CustomStringConvertible {
    /// `https://api.opsgenie.com`, the default for most accounts.
    case us
    /// `https://api.eu.opsgenie.com`, for accounts hosted in the EU.
    case eu
    /// Any other base URL. Plain `http://` is accepted only for loopback hosts.
    case custom(URL)

    /// The base URL requests are sent to.
    public var baseURL: URL {
        switch self {
        case .us: return URL(string: "https://api.opsgenie.com")!
        case .eu: return URL(string: "https://api.eu.opsgenie.com")!
        case .custom(let url): return url
        }
    }

    /// The host name, for the status line.
    public var host: String { baseURL.host ?? baseURL.absoluteString }

    public var description: String {
        switch self {
        case .us: return "us"
        case .eu: return "eu"
        case .custom(let url): return url.absoluteString
        }
    }

    /// Parses `us`, `eu` or an absolute URL.
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "us": self = .us
        case "eu": self = .eu
        default:
            guard let url = URL(string: text), url.scheme != nil, url.host != nil else { return nil }
            self = .custom(url)
        }
    }

    /// Checks the base URL is safe to send a key to: `https`, or `http` to a loopback host.
    public func validate() throws(OperationsError) {
        let url = baseURL
        guard let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw OperationsError.invalidConfiguration("API URL \(url.absoluteString) needs a scheme and a host, e.g. https://api.opsgenie.com")
        }
        switch scheme {
        case "https": return
        case "http":
            guard Self.isLoopback(host: host) else {
                throw OperationsError.invalidConfiguration(
                    "refusing to send the API key over plain http to \(host): use https, or http only to a loopback host (127.0.0.1, ::1, localhost)")
            }
        default:
            throw OperationsError.invalidConfiguration("API URL scheme \(scheme) is not supported: use https")
        }
    }

    /// Whether `host` names this machine (127.0.0.0/8, ::1 or localhost).
    public static func isLoopback(host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h == "::1" { return true }
        let parts = h.split(separator: ".")
        if parts.count == 4, parts[0] == "127", parts.allSatisfy({ UInt8($0) != nil }) { return true }
        return false
    }
}

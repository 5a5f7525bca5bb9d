import Foundation

/// How requests reach a service: straight, through the proxy the environment names, or
/// through one set in config.
public enum ProxySetting: Sendable, Hashable {
    /// `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` and `NO_PROXY` (either case), as curl and
    /// kubectl read them. Loopback hosts are never sent through an environment proxy (as Go's
    /// and kubectl's rule): the embedded simulator must keep working behind a corporate proxy.
    case environment
    /// No proxy, whatever the environment says.
    case direct
    /// This proxy for every host of the source, loopback included (`proxy = "…"` in config).
    case server(URL)

    /// Reads a `proxy` setting: `"none"`/`"direct"`, `"env"`, or a URL (`http://proxy.corp:3128`).
    public static func parse(_ text: String) -> ProxySetting? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case "none", "direct", "off": return .direct
        case "env", "environment", "": return .environment
        default:
            let withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed
            guard let url = URL(string: withScheme), url.host?.isEmpty == false, url.scheme == "http" else { return nil }
            return .server(url)
        }
    }

    /// The proxy a request to `url` goes through, if any.
    public func route(for url: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> ProxyRoute? {
        switch self {
        case .direct: return nil
        case .server(let proxy): return ProxyRoute(proxy)
        case .environment:
            guard let host = url.host?.lowercased() else { return nil }
            if Self.isLoopback(host) { return nil }
            func variable(_ name: String) -> String? {
                let value = environment[name.lowercased()] ?? environment[name.uppercased()]
                return value?.isEmpty == false ? value : nil
            }
            let port = url.port ?? (url.scheme == "http" ? 80 : 443)
            if let noProxy = variable("no_proxy"), Self.bypasses(host: host, port: port, noProxy: noProxy) { return nil }
            let named = (url.scheme == "https" ? variable("https_proxy") : variable("http_proxy")) ?? variable("all_proxy")
            guard let named else { return nil }
            let withScheme = named.contains("://") ? named : "http://" + named
            return URL(string: withScheme).flatMap(ProxyRoute.init)
        }
    }

    /// Whether `NO_PROXY` exempts a host: `*`, an exact host or IP, a domain (`corp.example`
    /// or `.corp.example` matches it and its subdomains), each optionally with `:port`.
    static func bypasses(host: String, port: Int, noProxy: String) -> Bool {
        for raw in noProxy.split(separator: ",") {
            var entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if entry.isEmpty { continue }
            if entry == "*" { return true }
            if let colon = entry.lastIndex(of: ":"), !entry.hasPrefix("["), let entryPort = Int(entry[entry.index(after: colon)...]) {
                guard entryPort == port else { continue }
                entry = String(entry[..<colon])
            }
            if entry.hasPrefix("*.") { entry.removeFirst() }
            let domain = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            if host == domain || host.hasSuffix("." + domain) { return true }
        }
        return false
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}

/// A proxy requests go through: where it is, and the credentials it asks for (never shown).
public struct ProxyRoute: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int
    /// `user:password` from the proxy URL, sent to the proxy only.
    let credentials: (user: String, password: String)?

    init?(_ url: URL) {
        guard let host = url.host, !host.isEmpty else { return nil }
        self.host = host
        port = url.port ?? 3128
        if let user = url.user, !user.isEmpty {
            credentials = (user.removingPercentEncoding ?? user, (url.password ?? "").removingPercentEncoding ?? "")
        } else {
            credentials = nil
        }
    }

    public static func == (a: ProxyRoute, b: ProxyRoute) -> Bool {
        a.host == b.host && a.port == b.port && a.credentials?.user == b.credentials?.user && a.credentials?.password == b.credentials?.password
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(host); hasher.combine(port); hasher.combine(credentials?.user)
    }

    /// `http://proxy.corp:3128` (with `user@` when it has credentials; never the password).
    public var description: String {
        "http://\(credentials.map { "\($0.user)@" } ?? "")\(host):\(port)"
    }
}

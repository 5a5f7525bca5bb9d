import Foundation
import HTTPTypes
import Hummingbird

/// The demo site and accounts of the simulated Jira Service Management Operations API.
public enum JSMDemo {
    /// The site's cloud id, as `GET /_edge/tenant_info` answers it.
    public static let cloudId = "0f6c2b9e-5d1a-4c1e-9a57-7d3f1e2a4b6c"
    /// The account with every right.
    public static let email = "alice@example.com"          // full rights
    /// The API token of ``email``.
    public static let token = "vigil-demo-token"
    /// The account that can read alerts and configuration, and write nothing.
    public static let readOnlyEmail = "viewer@example.com"  // read and config only
    /// The API token of ``readOnlyEmail``.
    public static let readOnlyToken = "vigil-demo-read-only-token"
}

/// An Atlassian account as Basic auth presents it: the e-mail address and an API token.
public struct JSMAccount: Hashable, Sendable {
    /// The account's e-mail address (compared without regard to case).
    public var email: String
    /// The API token.
    public var token: String

    /// Creates an account.
    public init(email: String, token: String) {
        self.email = email.lowercased()
        self.token = token
    }

    /// The two demo accounts: ``JSMDemo/email`` with every right, ``JSMDemo/readOnlyEmail`` with read and configuration.
    public static let demo: [JSMAccount: AccessRights] = [
        JSMAccount(email: JSMDemo.email, token: JSMDemo.token): .all,
        JSMAccount(email: JSMDemo.readOnlyEmail, token: JSMDemo.readOnlyToken): .readOnly,
    ]
}

/// An error answer of the JSM side: `{"errors":[{title, code}]}` ([OAS `ErrorResponses`]), or
/// `{code, message}` for 401 ([OAS `UnauthorizedErrorResponse`]); on the Jira platform routes
/// (`/rest/api/3/…`) Jira's `{"errorMessages":[…],"errors":{}}`.
struct JSMFailure: Error {
    var status: Int
    var title: String
    var code: String? = nil
    var headers: [String: String] = [:]

    /// The `code` of an `ErrorResponse` for a status. The schema types it as a free string;
    /// Atlassian's examples use upper-case reasons (`BAD_REQUEST`), so the simulator does too.
    static func reason(for status: Int) -> String {
        switch status {
        case 400: "BAD_REQUEST"
        case 401: "UNAUTHORIZED"
        case 402: "PAYMENT_REQUIRED"
        case 403: "FORBIDDEN"
        case 404: "NOT_FOUND"
        case 405: "METHOD_NOT_ALLOWED"
        case 409: "CONFLICT"
        case 422: "UNPROCESSABLE_ENTITY"
        case 429: "TOO_MANY_REQUESTS"
        case 502: "BAD_GATEWAY"
        case 503: "SERVICE_UNAVAILABLE"
        case 504: "GATEWAY_TIMEOUT"
        default: status >= 500 ? "INTERNAL_SERVER_ERROR" : "ERROR"
        }
    }

    /// The error body as JSON.
    func payload(jiraPlatform: Bool) -> Data {
        let object: [String: Any]
        if jiraPlatform {
            object = ["errorMessages": [title], "errors": [String: String]()]
        } else if status == 401 {
            object = ["code": 401, "message": title]
        } else {
            object = ["errors": [["title": title, "code": code ?? Self.reason(for: status)]]]
        }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }

    /// The 401 every route answers for missing or wrong credentials.
    static let unauthorized = JSMFailure(status: 401, title: "Unauthorized; scope does not match")

    /// A 404 naming what was not found.
    static func notFound(_ what: String) -> JSMFailure { JSMFailure(status: 404, title: what) }

    /// A 422 validation failure (JSM answers 422, not 400, for bad parameters).
    static func invalid(_ what: String) -> JSMFailure { JSMFailure(status: 422, title: what) }
}

/// Who made a JSM request, and what they may do.
struct JSMCaller {
    var email: String
    var rights: AccessRights

    /// Throws the 403 `ErrorResponses` JSM answers when the account lacks `right`.
    func require(_ right: AccessRights) throws(JSMFailure) {
        guard rights.contains(right) else {
            throw JSMFailure(status: 403, title: "You are not allowed to perform this operation: the account needs \(Self.scope(of: right))",
                             code: "FORBIDDEN")
        }
    }

    /// The JSM scope that corresponds to a simulator right, for 403 titles.
    static func scope(of right: AccessRights) -> String {
        switch right {
        case .read: "read:ops-alert:jira-service-management"
        case .createAndUpdate: "write:ops-alert:jira-service-management"
        case .delete: "delete:ops-alert:jira-service-management"
        case .configuration: "read:ops-config:jira-service-management"
        default: "more rights"
        }
    }
}

extension SimulatorResponder {
    /// Reads `Authorization: Basic base64(email:token)` and finds the account; anything else is the 401.
    func authenticateJSM(_ request: Request) throws(JSMFailure) -> JSMCaller {
        guard let header = request.headers[.authorization], header.hasPrefix("Basic "),
              let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":") else {
            throw JSMFailure.unauthorized
        }
        let account = JSMAccount(email: String(decoded[..<colon]), token: String(decoded[decoded.index(after: colon)...]))
        guard let rights = simulator.configuration.jsmAccounts[account] else { throw JSMFailure.unauthorized }
        return JSMCaller(email: account.email, rights: rights)
    }
}

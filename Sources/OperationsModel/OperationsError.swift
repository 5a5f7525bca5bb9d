import Foundation

/// Any failure talking to an alerting service (Opsgenie or JSM Operations), with what happened and what to do about it.
///
/// The description is stable, safe to log and never contains the API key: it is built
/// only from the status, Opsgenie's `message`, the `requestId` and fixed remedy text.
public struct OperationsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The broad class of a failure, for the status line and for retry decisions.
    public enum FaultClass: String, Sendable, Hashable, CaseIterable {
        /// 401: the key is wrong, disabled, or sent to the wrong region.
        case auth
        /// 402 / 403: the key or plan lacks a right.
        case permission
        /// 429: a rate-limit domain is exhausted.
        case rateLimit = "rate limit"
        /// 5xx.
        case server
        /// Connection refused, reset, timed out, DNS.
        case network
        /// A body that is not what the API describes: malformed, truncated, wrong types, too large.
        case badResponse = "bad response"
        /// 400 / 404 / 409 / 422 and other answers about the request itself.
        case request
        /// A write Opsgenie accepted (202) but then reported as failed on request status.
        case rejected
        /// A setting that cannot work (URL, key).
        case configuration
    }

    private enum Code: Hashable {
        case http
        case transport
        case timeout
        case badResponse
        case requestFailed
        case requestStatusTimeout
        case configuration
    }

    /// Which service answered: remedies differ (keys and regions for Opsgenie; email, API
    /// token, site and cloudId for JSM Operations).
    public enum Service: String, Sendable, Hashable {
        case opsgenie, jsm
    }

    private let code: Code
    /// The service the failure came from.
    public let service: Service
    /// The HTTP status, when the API answered.
    public let status: Int?
    /// the service's `message` field (or a transport/decoding detail).
    public let message: String
    /// Opsgenie's `requestId`, for a support ticket.
    public let requestId: String?
    /// The internal code Opsgenie sends with 403 (40301: missing access right; 40302: not supported).
    public let internalCode: Int?
    /// Rate-limit headers seen on the failing response.
    public let rateLimit: RateLimitStatus?

    private init(code: Code, status: Int? = nil, message: String, requestId: String? = nil,
                 internalCode: Int? = nil, rateLimit: RateLimitStatus? = nil, service: Service = .opsgenie) {
        self.code = code
        self.service = service
        self.status = status
        self.message = message
        self.requestId = requestId
        self.internalCode = internalCode
        self.rateLimit = rateLimit
    }

    /// An error answer from the API.
    public static func http(status: Int, message: String, requestId: String?, internalCode: Int?,
                            rateLimit: RateLimitStatus?, service: Service = .opsgenie) -> OperationsError {
        OperationsError(code: .http, status: status, message: message, requestId: requestId,
                        internalCode: internalCode, rateLimit: rateLimit, service: service)
    }
    /// The connection failed or broke.
    public static func transport(_ detail: String) -> OperationsError {
        OperationsError(code: .transport, message: detail)
    }
    /// No complete answer within the request timeout.
    public static func timeout(_ detail: String) -> OperationsError {
        OperationsError(code: .timeout, message: detail)
    }
    /// The body could not be read as the API describes it.
    public static func badResponse(_ detail: String, status: Int? = nil, requestId: String? = nil) -> OperationsError {
        OperationsError(code: .badResponse, status: status, message: detail, requestId: requestId)
    }
    /// Request status reported the write as failed, with Opsgenie's reason.
    public static func requestFailed(reason: String, requestId: String, service: Service = .opsgenie) -> OperationsError {
        OperationsError(code: .requestFailed, message: reason, requestId: requestId, service: service)
    }
    /// Request status still said "not processed" when the deadline passed.
    public static func requestStatusTimeout(requestId: String) -> OperationsError {
        OperationsError(code: .requestStatusTimeout, message: "no outcome yet", requestId: requestId)
    }
    /// A setting that cannot work.
    public static func invalidConfiguration(_ detail: String) -> OperationsError {
        OperationsError(code: .configuration, message: detail)
    }

    /// The broad class, for the status line.
    public var faultClass: FaultClass {
        switch code {
        case .transport, .timeout: return .network
        case .badResponse: return .badResponse
        case .requestFailed: return .rejected
        case .requestStatusTimeout: return .network
        case .configuration: return .configuration
        case .http:
            switch status ?? 0 {
            case 401: return .auth
            case 402, 403: return .permission
            case 429: return .rateLimit
            case 500...599: return .server
            default: return .request
            }
        }
    }

    /// Whether sending the same request again may succeed (transport errors, 429, 5xx but 501).
    public var isTransient: Bool {
        switch code {
        case .transport, .timeout: return true
        case .http:
            guard let status else { return false }
            return status == 429 || (status >= 500 && status != 501)
        default: return false
        }
    }

    /// No answer in time: a read that waited its whole timeout. Not tried again inside the same
    /// call (the screen would wait several timeouts before saying so); the next poll retries.
    public var isTimeout: Bool { code == .timeout }

    /// Whether the request certainly did not change anything on the server
    /// (rejected before processing: 429 throttling, 503 at capacity).
    public var certainlyNotApplied: Bool {
        code == .http && (status == 429 || status == 503)
    }

    /// What to do about it, from Opsgenie's table of response codes.
    public var remedy: String {
        switch code {
        case .transport, .timeout:
            return "check the network and the API host; Vigil keeps retrying"
        case .badResponse:
            return "the API sent something unexpected; Vigil keeps the last good data and retries"
        case .requestFailed:
            return service == .jsm ? "JSM Operations refused the change; see the reason" : "Opsgenie refused the change; see the reason"
        case .requestStatusTimeout:
            return "the service has not processed the request yet; it may still apply, check the alert's log"
        case .configuration:
            return "fix the setting and start again"
        case .http where service == .jsm:
            return jsmRemedy
        case .http:
            switch status ?? 0 {
            case 400: return "the request body was not valid JSON; report this as a Vigil bug"
            case 401: return "check the API key, that its integration is enabled, and the region host (us: api.opsgenie.com, eu: api.eu.opsgenie.com)"
            case 402: return "the account's plan does not include this; upgrade the plan or avoid the action"
            case 403:
                if internalCode == 40302 { return "Opsgenie does not support this request for this key; use a key from an API integration" }
                return "the key lacks the access right for this (Read, Create and Update, Delete or Configuration Access); ask for a key with that right"
            case 404: return "check the identifier, and that the key's integration can see it"
            case 409: return "the name or id conflicts with an existing entity"
            case 422: return "correct the named field and try again"
            case 429: return "rate limited; Vigil backs off and retries"
            case 501: return "the API does not implement this"
            case 500...599: return "Opsgenie is having trouble; Vigil retries with backoff (quote the requestId to support if it persists)"
            default: return "see the service's message"
            }
        }
    }

    /// What to do about an HTTP answer from JSM Operations.
    private var jsmRemedy: String {
        switch status ?? 0 {
        case 401: return "check JSM_EMAIL and the API token (id.atlassian.com → Security → API tokens); the token belongs to that email's account"
        case 402: return "the site's plan does not include this"
        case 403: return "the account lacks JSM Operations access or the permission for this (ask a site admin for the Operations product or the team role)"
        case 404: return "check the id; if every call answers 404, the site has no JSM Operations or the cloudId is wrong (use --site to look it up)"
        case 409: return "the name or id conflicts with an existing entity"
        case 422: return "correct the named field and try again"
        case 429: return "rate limited; Vigil backs off and retries (Retry-After honoured)"
        case 500...599: return "JSM Operations is having trouble; Vigil retries with backoff"
        default: return "see the service's message"
        }
    }

    /// One line: what happened, the service's message, what to do, and the request id.
    public var description: String {
        var text = headline(withRequestId: false) + " — \(remedy)"
        if let requestId { text += " [requestId \(requestId)]" }
        return text
    }

    /// What happened and the service's message, without the remedy (for callers that give
    /// their own advice), with the request id when there is one.
    public var headline: String { headline(withRequestId: true) }

    private func headline(withRequestId: Bool) -> String {
        var head: String
        switch code {
        case .http:
            let s = status ?? 0
            head = "HTTP \(s) \(Self.reasonPhrase(s))"
            if s == 403, let internalCode { head += " (\(internalCode))" }
        case .transport: head = "network error"
        case .timeout: head = "timed out"
        case .badResponse: head = status.map { "bad response (HTTP \($0))" } ?? "bad response"
        case .requestFailed: head = "request failed"
        case .requestStatusTimeout: head = "request not confirmed"
        case .configuration: head = "configuration"
        }
        if !message.isEmpty { head += ": \(message)" }
        if withRequestId, let requestId { head += " [requestId \(requestId)]" }
        return head
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthenticated"
        case 402: return "Payment Required"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 406: return "Not Acceptable"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 415: return "Unsupported Media Type"
        case 422: return "Unprocessable Entity"
        case 428: return "Precondition Required"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return ""
        }
    }
}

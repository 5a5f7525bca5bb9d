import Foundation

/// One documented operation: what a request to it may carry and what it answers.
public struct SpecOperation: Sendable {
    /// Where a parameter goes.
    public enum Location: String, Sendable { case query, path, header, body, formData, cookie }

    /// A documented parameter, its schema resolved (Swagger 2.0's inline `type`, `enum`,
    /// `maximum`… are read as a schema too).
    public struct Parameter: Sendable {
        public let name: String
        public let location: Location
        public let required: Bool
        public let schema: SpecJSON
    }

    /// `operationId`, or `METHOD template` when the document gives none.
    public let id: String
    /// `GET`, `POST`, …
    public let method: String
    /// The path template as it appears on the wire (base path included).
    public let template: String
    /// Its parameters, path-level ones included.
    public let parameters: [Parameter]
    /// The JSON body's schema, when the operation takes one.
    public let bodySchema: SpecJSON?
    /// Whether a body is required.
    public let bodyRequired: Bool
    /// The JSON schema of each documented answer, by status (`"200"`, `"default"`); `nil` for an answer without a body.
    public let responses: [String: SpecJSON?]
    let segments: [Segment]
    let resolve: @Sendable (SpecJSON) -> SpecJSON

    /// A template segment: a literal, or a parameter with what stands around it (`{identifier}.ics`).
    enum Segment: Sendable {
        case literal(String)
        case parameter(prefix: String, suffix: String)
    }

    init(method: String, template: String, operation: SpecJSON, sharedParameters: [SpecJSON], resolve: @escaping @Sendable (SpecJSON) -> SpecJSON) {
        self.method = method
        self.template = template
        self.resolve = resolve
        id = operation["operationId"]?.string ?? "\(method) \(template)"
        var byKey: [String: Parameter] = [:]
        var order: [String] = []
        var body: SpecJSON?
        var bodyRequired = false
        for raw in sharedParameters + (operation["parameters"]?.array ?? []) {
            let parameter = resolve(raw)
            guard let name = parameter["name"]?.string, let location = parameter["in"]?.string.flatMap(Location.init(rawValue:)) else { continue }
            if location == .body {
                body = parameter["schema"].map(resolve)
                bodyRequired = parameter["required"]?.bool ?? false
                continue
            }
            let schema = parameter["schema"].map(resolve) ?? parameter
            let key = "\(location.rawValue):\(name)"
            if byKey[key] == nil { order.append(key) }
            byKey[key] = Parameter(name: name, location: location, required: parameter["required"]?.bool ?? (location == .path), schema: schema)
        }
        if let requestBody = operation["requestBody"].map(resolve) {
            body = requestBody["content"]?["application/json"]?["schema"].map(resolve)
            bodyRequired = requestBody["required"]?.bool ?? false
        }
        parameters = order.compactMap { byKey[$0] }
        bodySchema = body
        self.bodyRequired = bodyRequired
        var responses: [String: SpecJSON?] = [:]
        for (status, raw) in operation["responses"]?.object ?? [:] {
            let response = resolve(raw)
            let schema = response["content"]?["application/json"]?["schema"] ?? response["content"]?["*/*"]?["schema"] ?? response["schema"]
            responses[status] = schema.map(resolve)
        }
        self.responses = responses
        segments = SpecDocument.segments(of: template).map { part in
            guard let open = part.firstIndex(of: "{"), let close = part.firstIndex(of: "}"), open < close else { return .literal(part) }
            return .parameter(prefix: String(part[..<open]), suffix: String(part[part.index(after: close)...]))
        }
    }

    /// How many literal segments match, or `nil` when the path is not this template.
    func match(_ path: [String]) -> Int? {
        guard path.count == segments.count else { return nil }
        var literals = 0
        for (segment, part) in zip(segments, path) {
            switch segment {
            case .literal(let text):
                guard text == part else { return nil }
                literals += 1
            case .parameter(let prefix, let suffix):
                guard part.count > prefix.count + suffix.count, part.hasPrefix(prefix), part.hasSuffix(suffix) else { return nil }
            }
        }
        return literals
    }

    /// What breaks the documented contract in a request: an unknown query parameter, a value
    /// of the wrong type or out of range, a missing required parameter or body field.
    public func violations(query: [(name: String, value: String)], body: Data?) -> [SpecViolation] {
        var found: [SpecViolation] = []
        let documented = Dictionary(parameters.filter { $0.location == .query }.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for (name, value) in query {
            guard let parameter = documented[name] else {
                found.append(SpecViolation(where: "query \(name)", problem: "is not a parameter of \(id)"))
                continue
            }
            let schema = resolve(parameter.schema)
            let itemSchema = schema["type"]?.string == "array" ? schema["items"].map(resolve) ?? .object([:]) : schema
            for problem in SchemaCheck(resolve: resolve).check(text: value, against: itemSchema) {
                found.append(SpecViolation(where: "query \(name)=\(value)", problem: problem))
            }
        }
        for parameter in parameters where parameter.location == .query && parameter.required && !query.contains(where: { $0.name == parameter.name }) {
            found.append(SpecViolation(where: "query \(parameter.name)", problem: "is required by \(id)"))
        }
        let hasBody = body.map { !$0.isEmpty } ?? false
        if let schema = bodySchema, hasBody, let body {
            // A body that is not JSON at all is the route's to refuse (400, as both services do).
            guard let value = try? SpecJSON.parse(body) else { return found }
            found += SchemaCheck(resolve: resolve, strictProperties: true).check(value, against: schema, at: "body")
        } else if bodySchema != nil, bodyRequired, !hasBody {
            found.append(SpecViolation(where: "body", problem: "is required by \(id)"))
        }
        return found
    }

    /// What in an answer differs from the documented schema for its status (a field of the
    /// wrong type, a value outside an enum, a field the schema does not have).
    public func answerViolations(status: Int, body: Data) -> [SpecViolation] {
        let documented = responses.keys.contains(String(status)) ? String(status) : responses.keys.contains("default") ? "default" : nil
        guard let key = documented, let entry = responses[key] else {
            return [SpecViolation(where: "status \(status)", problem: "is not a documented answer of \(id) (documented: \(responses.keys.sorted().joined(separator: ", ")))")]
        }
        guard let schema = entry else { return [] }
        guard let value = try? SpecJSON.parse(body) else { return [SpecViolation(where: "answer", problem: "is not JSON")] }
        return SchemaCheck(resolve: resolve, strictProperties: true).check(value, against: schema, at: "answer")
    }
}

/// One way a request or an answer breaks its documented contract.
public struct SpecViolation: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong: `query size=100`, `body.endTime`, `answer.values[0].status`.
    public let location: String
    /// How it breaks the contract: `must be at most 50`.
    public let problem: String

    public init(where location: String, problem: String) {
        self.location = location
        self.problem = problem
    }

    public var description: String { "\(location) \(problem)" }
}

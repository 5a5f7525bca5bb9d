import Foundation

/// Checks values against the JSON-schema subset the two specs use: `type`, `format` (int32,
/// int64, date-time), `enum`, `minimum`, `maximum`, `minLength`, `maxLength`, `required`,
/// `properties`, `items`, `allOf`, `oneOf`/`anyOf`, `nullable`/`x-nullable`.
struct SchemaCheck {
    let resolve: @Sendable (SpecJSON) -> SpecJSON
    /// Whether a field the schema does not list is a violation (the schema lists properties
    /// and allows no `additionalProperties`).
    var strictProperties = false

    /// The problems of a query or path value, given as text.
    func check(text: String, against schema: SpecJSON) -> [String] {
        let schema = resolve(schema)
        switch schema["type"]?.string {
        case "integer":
            guard let value = Int64(text) else { return ["must be an integer"] }
            return checkNumber(Double(value), schema, integer: true)
        case "number":
            guard let value = Double(text) else { return ["must be a number"] }
            return checkNumber(value, schema, integer: false)
        case "boolean":
            return text == "true" || text == "false" ? [] : ["must be true or false"]
        default:
            return checkString(text, schema)
        }
    }

    /// The problems of a JSON value, each prefixed with where it is (`body.tags[0]`).
    func check(_ value: SpecJSON, against rawSchema: SpecJSON, at location: String, depth: Int = 0) -> [SpecViolation] {
        let schema = resolve(rawSchema)
        guard depth < 32 else { return [] }
        if case .null = value {
            let nullable = schema["nullable"]?.bool == true || schema["x-nullable"]?.bool == true
            return nullable || schema["type"] == nil ? [] : [SpecViolation(where: location, problem: "must not be null")]
        }
        if let all = schema["allOf"]?.array {
            var merged = schema.object ?? [:]
            merged["allOf"] = nil
            var properties = merged["properties"]?.object ?? [:]
            var required = merged["required"]?.array ?? []
            for part in all.map(resolve) {
                for (k, v) in part["properties"]?.object ?? [:] { properties[k] = v }
                required += part["required"]?.array ?? []
                if merged["type"] == nil, let type = part["type"] { merged["type"] = type }
                if merged["discriminator"] == nil, let discriminator = part["discriminator"] { merged["discriminator"] = discriminator }
                if let nested = part["allOf"] { merged["allOf"] = nested }
            }
            merged["properties"] = .object(properties)
            merged["required"] = .array(required)
            if merged["type"] == nil { merged["type"] = .string("object") }
            return check(value, against: .object(merged), at: location, depth: depth + 1)
        }
        if let choices = schema["oneOf"]?.array ?? schema["anyOf"]?.array {
            var best: [SpecViolation]?
            for choice in choices {
                let problems = check(value, against: choice, at: location, depth: depth + 1)
                if problems.isEmpty { return [] }
                if best == nil || problems.count < best!.count { best = problems }
            }
            return best ?? []
        }
        func fail(_ problem: String) -> [SpecViolation] { [SpecViolation(where: location, problem: problem)] }
        switch schema["type"]?.string {
        case let type where type == "object" || (type == nil && schema["properties"] != nil):
            guard case .object(let members) = value else { return fail("must be an object, not \(value.typeName)") }
            var found: [SpecViolation] = []
            let properties = schema["properties"]?.object ?? [:]
            // A discriminator (`type` of Opsgenie's Recipient) is not required of a body: the official
            // Opsgenie SDK sends `{"owner": {"username": …}}` without it, and the service takes it.
            let discriminator = schema["discriminator"]?.string ?? schema["discriminator"]?["propertyName"]?.string
            for name in schema["required"]?.array?.compactMap(\.string) ?? [] where members[name] == nil && name != discriminator {
                found.append(SpecViolation(where: "\(location).\(name)", problem: "is required"))
            }
            let additional = schema["additionalProperties"]
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let property = properties[name] {
                    found += check(member, against: property, at: "\(location).\(name)", depth: depth + 1)
                } else if let additional, additional.object != nil {
                    found += check(member, against: additional, at: "\(location).\(name)", depth: depth + 1)
                } else if strictProperties, !properties.isEmpty, additional?.bool != true, schema["discriminator"] == nil {
                    // (A base with a discriminator is extended by subtypes: TeamRecipient adds `name`.)
                    found.append(SpecViolation(where: "\(location).\(name)", problem: "is not a field of the documented schema"))
                }
            }
            return found
        case "array":
            guard case .array(let items) = value else { return fail("must be an array, not \(value.typeName)") }
            guard let itemSchema = schema["items"] else { return [] }
            return items.enumerated().flatMap { check($1, against: itemSchema, at: "\(location)[\($0)]", depth: depth + 1) }
        case "integer":
            guard case .number(let n) = value, n.rounded() == n else { return fail("must be an integer, not \(value.typeName)") }
            return checkNumber(n, schema, integer: true).map { SpecViolation(where: location, problem: $0) }
        case "number":
            guard case .number(let n) = value else { return fail("must be a number, not \(value.typeName)") }
            return checkNumber(n, schema, integer: false).map { SpecViolation(where: location, problem: $0) }
        case "boolean":
            guard case .bool = value else { return fail("must be a boolean, not \(value.typeName)") }
            return []
        case "string":
            guard case .string(let text) = value else { return fail("must be a string, not \(value.typeName)") }
            return checkString(text, schema).map { SpecViolation(where: location, problem: $0) }
        default:
            return []
        }
    }

    private func checkNumber(_ value: Double, _ schema: SpecJSON, integer: Bool) -> [String] {
        var problems: [String] = []
        if integer, schema["format"]?.string == "int32", value < Double(Int32.min) || value > Double(Int32.max) {
            problems.append("must fit in 32 bits (int32)")
        }
        if let minimum = schema["minimum"]?.number, value < minimum { problems.append("must be at least \(Self.show(minimum))") }
        if let maximum = schema["maximum"]?.number, value > maximum { problems.append("must be at most \(Self.show(maximum))") }
        if let options = schema["enum"]?.array?.compactMap(\.number), !options.isEmpty, !options.contains(value) {
            problems.append("must be one of \(options.map(Self.show).joined(separator: ", "))")
        }
        return problems
    }

    private func checkString(_ text: String, _ schema: SpecJSON) -> [String] {
        var problems: [String] = []
        if let options = schema["enum"]?.array?.compactMap(\.string), !options.isEmpty, !options.contains(text) {
            problems.append("must be one of \(options.joined(separator: ", "))")
        }
        if let most = schema["maxLength"]?.number, Double(text.count) > most { problems.append("must be at most \(Self.show(most)) characters") }
        if let least = schema["minLength"]?.number, Double(text.count) < least { problems.append("must be at least \(Self.show(least)) characters") }
        if schema["format"]?.string == "date-time", Self.dateTime(text) == nil { problems.append("must be an RFC 3339 date-time") }
        return problems
    }

    /// Reads an RFC 3339 date-time, with or without fractional seconds.
    static func dateTime(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: text) { return date }
        return ISO8601DateFormatter().date(from: text)
    }

    private static func show(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

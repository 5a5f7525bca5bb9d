import Foundation

/// A published API description (Swagger 2.0 or OpenAPI 3.0) read from its JSON: its operations
/// as they appear on the wire, each with the parameters, body and answers it documents.
public struct SpecDocument: Sendable {
    /// The document's `info.title`.
    public let title: String
    /// The path every operation sits under on the wire: the `servers` URL's path for OpenAPI 3
    /// (`/jsm/ops` for JSM Operations), `basePath` for Swagger 2.0 (none for Opsgenie).
    public let basePath: String
    /// Every operation, in the document's order.
    public let operations: [SpecOperation]
    /// The whole document, for `$ref`s.
    let root: SpecJSON

    /// Reads a document from its JSON text.
    public init(json: String) throws {
        let root = try SpecJSON.parse(Data(json.utf8))
        self.root = root
        title = root["info"]?["title"]?.string ?? "API"
        if let server = root["servers"]?.array?.first?["url"]?.string, let url = URL(string: server) {
            var path = url.path
            while path.hasSuffix("/") { path.removeLast() }
            basePath = path
        } else {
            var path = root["basePath"]?.string ?? ""
            while path.hasSuffix("/") { path.removeLast() }
            basePath = path
        }
        var operations: [SpecOperation] = []
        let methods = ["get", "put", "post", "delete", "patch", "head", "options"]
        for (template, item) in (root["paths"]?.object ?? [:]).sorted(by: { $0.key < $1.key }) {
            let shared = item["parameters"]?.array ?? []
            for method in methods {
                guard let operation = item[method] else { continue }
                operations.append(SpecOperation(method: method.uppercased(), template: basePath + template, operation: operation,
                                                sharedParameters: shared, resolve: { Self.resolve($0, in: root) }))
            }
        }
        self.operations = operations
    }

    /// The operation a request goes to: the template with the most literal segments that
    /// matches `path` (so `/v1/alerts/requests/{id}` wins over `/v1/alerts/{id}/{verb}`).
    public func operation(method: String, path: String) -> SpecOperation? {
        let segments = Self.segments(of: path)
        var best: (operation: SpecOperation, literals: Int)?
        for operation in operations where operation.method == method.uppercased() {
            guard let literals = operation.match(segments) else { continue }
            if literals > best?.literals ?? -1 { best = (operation, literals) }
        }
        return best?.operation
    }

    /// The operation with this `operationId`.
    public func operation(id: String) -> SpecOperation? {
        operations.first { $0.id == id }
    }

    /// The properties a named schema documents (`AlertResponse`, `Heartbeat`), `allOf` parts included.
    public func propertyNames(ofSchema name: String) -> Set<String> {
        let schema = Self.resolve(root["components"]?["schemas"]?[name] ?? root["definitions"]?[name] ?? .null, in: root)
        var names = Set((schema["properties"]?.object ?? [:]).keys)
        for part in schema["allOf"]?.array ?? [] {
            names.formUnion((Self.resolve(part, in: root)["properties"]?.object ?? [:]).keys)
        }
        return names
    }

    /// Percent-decoded path segments.
    static func segments(of path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map { String($0).removingPercentEncoding ?? String($0) }
    }

    /// Follows `$ref`s (`#/components/schemas/X`, `#/definitions/X`, `#/parameters/X`) to what they name.
    static func resolve(_ value: SpecJSON, in root: SpecJSON) -> SpecJSON {
        var value = value
        var hops = 0
        while let reference = value["$ref"]?.string, reference.hasPrefix("#/"), hops < 16 {
            var target: SpecJSON? = root
            for part in reference.dropFirst(2).split(separator: "/") {
                target = target?[String(part).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
            }
            guard let found = target else { break }
            value = found
            hops += 1
        }
        return value
    }
}

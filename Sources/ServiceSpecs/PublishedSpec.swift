import Foundation

/// The published API descriptions Vigil's simulators and tests hold each service to, embedded
/// byte for byte (see `scripts/embed-specs`): the simulators ship inside `vigil`, so nothing is
/// read from `../shared` at run time.
public enum PublishedSpec: String, Sendable, CaseIterable {
    /// Atlassian's JSM Operations REST API (OpenAPI 3.0.1).
    case jsmOperations
    /// The official Opsgenie API description (Swagger 2.0).
    case opsgenie

    /// The document, read once.
    public var document: SpecDocument {
        switch self {
        case .jsmOperations: Self.jsmOperationsDocument
        case .opsgenie: Self.opsgenieDocument
        }
    }

    /// The embedded text, byte for byte the reference copy.
    public var text: String {
        switch self {
        case .jsmOperations: Self.jsmOperationsText
        case .opsgenie: Self.opsgenieText
        }
    }

    /// SHA-256 of ``text``, as recorded when it was embedded.
    public var sha256: String {
        switch self {
        case .jsmOperations: Self.jsmOperationsSHA256
        case .opsgenie: Self.opsgenieSHA256
        }
    }

    /// Where the text comes from.
    public var source: String {
        switch self {
        case .jsmOperations: Self.jsmOperationsSource
        case .opsgenie: Self.opsgenieSource
        }
    }

    /// The reference copy's path under `../shared/reference/`.
    public var referencePath: String {
        switch self {
        case .jsmOperations: Self.jsmOperationsReferencePath
        case .opsgenie: Self.opsgenieReferencePath
        }
    }

    // Both documents parse: a test reads each, and the build embeds them unchanged.
    private static let jsmOperationsDocument = try! SpecDocument(json: jsmOperationsText)
    private static let opsgenieDocument = try! SpecDocument(json: opsgenieText)
}

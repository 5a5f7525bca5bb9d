import Foundation
import OpsgenieKit

/// The subset of Opsgenie's alert search language a dashboard uses:
/// `field:value` terms on status, acknowledged, snoozed, priority, tag, teams, owner, message,
/// alias, tinyId, source; free text; `AND`, `OR`, `NOT` and parentheses (juxtaposition is AND).
indirect enum AlertQueryExpression: Sendable, Equatable {
    case all
    case term(field: String, value: String)
    case text(String)
    case not(AlertQueryExpression)
    case and(AlertQueryExpression, AlertQueryExpression)
    case or(AlertQueryExpression, AlertQueryExpression)

    /// Fields the simulator understands.
    static let fields: Set<String> = ["status", "acknowledged", "snoozed", "priority", "tag", "tags", "teams", "team",
                                      "owner", "message", "alias", "tinyid", "source", "isseen", "description", "responders"]

    /// A query that cannot be read, with Opsgenie-style wording.
    struct ParseError: Error, Equatable {
        var message: String
    }

    /// Parses a query; an empty query matches every alert.
    static func parse(_ text: String) throws(ParseError) -> AlertQueryExpression {
        var parser = Parser(tokens: try tokenize(text))
        if parser.tokens.isEmpty { return .all }
        let expression = try parser.parseOr()
        if parser.position < parser.tokens.count {
            throw ParseError(message: "Invalid query: unexpected '\(parser.tokens[parser.position].text)'")
        }
        return expression
    }

    private struct Token: Equatable {
        enum Kind { case word, lparen, rparen }
        var kind: Kind
        var text: String
        var quoted = false
    }

    private static func tokenize(_ text: String) throws(ParseError) -> [Token] {
        var tokens: [Token] = []
        var chars = Array(text)
        var i = 0
        chars.append(" ")
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c == "(" { tokens.append(Token(kind: .lparen, text: "(")); i += 1; continue }
            if c == ")" { tokens.append(Token(kind: .rparen, text: ")")); i += 1; continue }
            var word = ""
            var quoted = false
            while i < chars.count, !chars[i].isWhitespace, chars[i] != "(", chars[i] != ")" {
                if chars[i] == "\"" {
                    quoted = true
                    i += 1
                    while i < chars.count, chars[i] != "\"" { word.append(chars[i]); i += 1 }
                    guard i < chars.count else { throw ParseError(message: "Invalid query: unclosed quote") }
                    i += 1
                } else {
                    word.append(chars[i]); i += 1
                }
            }
            tokens.append(Token(kind: .word, text: word, quoted: quoted))
        }
        return tokens
    }

    private struct Parser {
        var tokens: [Token]
        var position = 0

        func peekKeyword() -> String? {
            guard position < tokens.count, tokens[position].kind == .word, !tokens[position].quoted else { return nil }
            return tokens[position].text.uppercased()
        }

        mutating func parseOr() throws(ParseError) -> AlertQueryExpression {
            var left = try parseAnd()
            while peekKeyword() == "OR" {
                position += 1
                left = .or(left, try parseAnd())
            }
            return left
        }

        mutating func parseAnd() throws(ParseError) -> AlertQueryExpression {
            var left = try parseUnary()
            while position < tokens.count {
                if peekKeyword() == "OR" || tokens[position].kind == .rparen { break }
                if peekKeyword() == "AND" { position += 1 }
                left = .and(left, try parseUnary())
            }
            return left
        }

        mutating func parseUnary() throws(ParseError) -> AlertQueryExpression {
            guard position < tokens.count else { throw ParseError(message: "Invalid query: ends too early") }
            if peekKeyword() == "NOT" {
                position += 1
                return .not(try parseUnary())
            }
            let token = tokens[position]
            position += 1
            switch token.kind {
            case .lparen:
                let inner = try parseOr()
                guard position < tokens.count, tokens[position].kind == .rparen else {
                    throw ParseError(message: "Invalid query: missing ')'")
                }
                position += 1
                return inner
            case .rparen:
                throw ParseError(message: "Invalid query: unexpected ')'")
            case .word:
                if !token.quoted, let colon = token.text.firstIndex(of: ":") {
                    let field = String(token.text[..<colon]).lowercased()
                    let value = String(token.text[token.text.index(after: colon)...])
                    guard AlertQueryExpression.fields.contains(field) else {
                        throw ParseError(message: "Invalid query: unknown field '\(field)'")
                    }
                    return .term(field: field, value: value)
                }
                return .text(token.text)
            }
        }
    }

    /// Whether `alert` matches.
    /// `status` reads the alert's status as the service shows it: Opsgenie's open/closed by
    /// default, JSM's five states (open, acked, snoozed, resolved, closed) on the JSM side.
    func matches(_ alert: Alert, teamNames: [String: String], status: (Alert) -> String? = { $0.status?.rawValue }) -> Bool {
        switch self {
        case .all: return true
        case .not(let e): return !e.matches(alert, teamNames: teamNames, status: status)
        case .and(let a, let b): return a.matches(alert, teamNames: teamNames, status: status) && b.matches(alert, teamNames: teamNames, status: status)
        case .or(let a, let b): return a.matches(alert, teamNames: teamNames, status: status) || b.matches(alert, teamNames: teamNames, status: status)
        case .text(let t):
            let needle = t.lowercased()
            return [alert.message, alert.description, alert.alias, alert.tinyId, alert.source, alert.entity]
                .contains { $0?.lowercased().contains(needle) == true } || (alert.tags ?? []).contains { $0.lowercased() == needle }
        case .term(let field, let raw):
            let value = raw.lowercased()
            func eq(_ s: String?) -> Bool { s?.lowercased() == value }
            func bool(_ b: Bool?) -> Bool { (b ?? false) == (value == "true") }
            switch field {
            case "status": return eq(status(alert))
            case "acknowledged": return bool(alert.acknowledged)
            case "snoozed": return bool(alert.snoozed)
            case "isseen": return bool(alert.isSeen)
            case "priority": return eq(alert.priority?.rawValue)
            case "tag", "tags": return (alert.tags ?? []).contains { $0.lowercased() == value }
            case "owner": return eq(alert.owner) || (alert.owner?.lowercased().hasPrefix(value + "@") ?? false)
            case "message": return alert.message?.lowercased().contains(value) ?? false
            case "description": return alert.description?.lowercased().contains(value) ?? false
            case "alias": return eq(alert.alias)
            case "tinyid": return eq(alert.tinyId)
            case "source": return eq(alert.source)
            case "teams", "team", "responders":
                return (alert.responders ?? []).contains { r in
                    r.type == "team" && (r.id?.lowercased() == value || teamNames[r.id ?? ""]?.lowercased() == value)
                }
            default: return false
            }
        }
    }
}

import Foundation
import TOMLKit
import VigilCore
import VigilTerminal

/// Loads colour themes: the shipped ones are built in; `themes/*.toml` (or `--themes-dir`, or
/// `$XDG_CONFIG_HOME/vigil/themes`) may replace or add to them.
enum ThemeLoader {
    /// The built-in default, identical to `themes/default.toml` (a test keeps them equal).
    static let embeddedDefault = #"""
    # Vigil default theme: colours by role. Colours: default, black, red, green, yellow, blue,
    # magenta, cyan, white, bright-<colour>, or a 256-colour index 0-255.
    name = "default"

    [roles]
    text      = { fg = "default" }
    dim       = { fg = "bright-black" }
    border    = { fg = "bright-black" }
    title     = { fg = "cyan", bold = true }
    selection = { fg = "black", bg = "cyan" }
    marked    = { fg = "magenta", bold = true }
    pending   = { fg = "yellow", bold = true }
    failed    = { fg = "white", bg = "red", bold = true }
    new       = { fg = "bright-yellow", bold = true }
    p1        = { fg = "white", bg = "red", bold = true }
    p2        = { fg = "red", bold = true }
    p3        = { fg = "yellow" }
    p4        = { fg = "blue" }
    p5        = { fg = "bright-black" }
    ok        = { fg = "green" }
    warn      = { fg = "yellow", bold = true }
    critical  = { fg = "red", bold = true }
    stale     = { fg = "white", bg = "red", bold = true }
    status    = { fg = "black", bg = "white" }
    hint      = { fg = "default" }
    help      = { fg = "default" }

    """#

    /// Parses a theme file's text.
    static func parse(_ text: String, path: String) throws -> Theme {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw FileProblem(path: path, line: error.source.begin.line, problem: "not valid TOML: \(error.description)",
                              fix: "check quotes, brackets and `key = value` syntax on that line")
        }
        let name = table["name"]?.string ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        guard let roles = table["roles"]?.table else {
            throw FileProblem(path: path, line: nil, problem: "no [roles] table", fix: "add [roles] with one line per role, e.g. p1 = { fg = \"red\" }")
        }
        var entries: [ColorRole: Theme.Entry] = [:]
        for key in roles.keys {
            let line = FileProblem.line(of: key, in: text, section: "roles")
            guard let role = ColorRole(rawValue: key) else {
                throw FileProblem(path: path, line: line, problem: "unknown role '\(key)'",
                                  fix: "use one of \(ColorRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let spec = roles[key]?.table else {
                throw FileProblem(path: path, line: line, problem: "role '\(key)' is not a table", fix: "write \(key) = { fg = \"red\", bg = \"default\", bold = true }")
            }
            for field in spec.keys where !["fg", "bg", "bold"].contains(field) {
                throw FileProblem(path: path, line: line, problem: "unknown setting '\(field)' for role '\(key)'", fix: "use fg, bg and bold")
            }
            func color(_ field: String) throws -> ThemeColor {
                guard let value = spec[field] else { return .terminalDefault }
                let text = value.string ?? value.int.map(String.init) ?? ""
                guard let color = ThemeColor(name: text) else {
                    throw FileProblem(path: path, line: line, problem: "'\(text)' is not a colour (role \(key), \(field))",
                                      fix: "use default, black, red, green, yellow, blue, magenta, cyan, white, bright-<colour> or 0-255")
                }
                return color
            }
            if let bold = spec["bold"], bold.bool == nil {
                throw FileProblem(path: path, line: line, problem: "bold must be true or false (role \(key))", fix: "write bold = true")
            }
            entries[role] = Theme.Entry(foreground: try color("fg"), background: try color("bg"), bold: spec["bold"]?.bool ?? false)
        }
        return Theme(name: name, entries: entries)
    }

    /// The built-in default theme.
    static var builtIn: Theme { (try? parse(embeddedDefault, path: "<built-in>")) ?? Theme(name: "default", entries: [:]) }

    /// A theme with every role in the terminal's default colours (for NO_COLOR).
    static var monochrome: Theme { Theme(name: "monochrome", entries: [:]) }

    /// The shipped themes (default first), then a folder's: one of the same name replaces the
    /// shipped one, others are added (sorted by file name).
    static func load(from folder: URL?) throws -> [Theme] {
        var themes = [builtIn] + embeddedOthers.compactMap { try? parse($0.text, path: "<built-in \($0.file)>") }
        guard let folder, let files = try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) else { return themes }
        for file in files.filter({ $0.pathExtension == "toml" }).sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
            let text = try String(contentsOf: file, encoding: .utf8)
            let theme = try parse(text, path: file.path)
            if let index = themes.firstIndex(where: { $0.name == theme.name }) { themes[index] = theme } else { themes.append(theme) }
        }
        return themes
    }
}

import Foundation

/// Makes untrusted text safe for a terminal cell and measures it by display width.
public enum TerminalText {
    /// Removes everything a terminal could act on: C0 controls (tab, newline and carriage return
    /// become a space), DEL, C1 controls, bidi overrides and isolates and other format characters
    /// (zero-width joiners and spaces, BOM), lone surrogates and private noncharacters; caps
    /// stacked combining marks at two per character.
    public static func sanitize(_ text: String) -> String {
        // Printable ASCII, the common case on every frame, is already safe.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = String.UnicodeScalarView()
        var combiningRun = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x09 || v == 0x0A || v == 0x0D {
                out.append(" ")
                combiningRun = 0
                continue
            }
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { continue }
            if v == 0xFFFD || (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE { continue }
            // Skin-tone modifiers: terminals (tmux among them) disagree on their width, and a row
            // drawn one column too wide breaks the frame. The emoji stays, in its default tone.
            if (0x1F3FB...0x1F3FF).contains(v) { continue }
            if Self.isDrawingCharacter(v) || (v >= 0x20 && v < 0x7F) {
                // Printable ASCII and the dashboard's own drawing characters need no property look-up.
                combiningRun = 0
                out.append(scalar)
                continue
            }
            let category = scalar.properties.generalCategory
            if category == .format || category == .control || category == .surrogate || category == .privateUse
                || category == .lineSeparator || category == .paragraphSeparator { continue }
            if category == .nonspacingMark || category == .enclosingMark || category == .spacingMark {
                combiningRun += 1
                if combiningRun > 2 || out.isEmpty { continue }
            } else {
                combiningRun = 0
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// Columns a character takes: 0 for combining marks, 2 for wide East Asian characters and
    /// emoji, 1 otherwise.
    public static func width(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if character.unicodeScalars.count > 1, character.unicodeScalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x200D })
            || (0x1F1E6...0x1F1FF).contains(first.value) {
            return 2
        }
        return width(of: first)
    }

    /// Box drawing, blocks, arrows and the few marks the dashboard draws with: one column each,
    /// never controls or format characters.
    static func isDrawingCharacter(_ v: UInt32) -> Bool {
        (0x2500...0x25FF).contains(v) || (0x2190...0x21FF).contains(v) || v == 0x2026 || v == 0x00B7 || v == 0x00D7
    }

    static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F || isDrawingCharacter(v) { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v < 0x1100 { return 1 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x1F680...0x1F6FF).contains(v) || (0x1FA70...0x1FAFF).contains(v)
            || (0x20000...0x3FFFD).contains(v) || (0x2600...0x26FF).contains(v) && scalar.properties.isEmojiPresentation {
            return 2
        }
        return 1
    }

    /// Columns a string takes.
    public static func width(of text: String) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// Sanitises `text` and cuts it to at most `columns` columns, ending with `…` when cut.
    public static func fit(_ text: String, columns: Int) -> String {
        guard columns > 0 else { return "" }
        let clean = sanitize(text)
        if width(of: clean) <= columns { return clean }
        var out = ""
        var used = 0
        for character in clean {
            let w = width(of: character)
            if used + w > columns - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// `fit`, then padded with spaces to exactly `columns` columns.
    public static func pad(_ text: String, columns: Int) -> String {
        let fitted = fit(text, columns: columns)
        return fitted + String(repeating: " ", count: max(0, columns - width(of: fitted)))
    }

    /// Words in lines of at most `columns` cells, a line per line of `text`; a word longer than
    /// a line (a runbook URL) is broken across lines, so all of it shows.
    static func wrap(_ text: String, columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n") {
            // An indented line (a timeline step) keeps its indent on every line it wraps to.
            let indent = String(paragraph.prefix { $0 == " " }.prefix(max(0, columns / 2)))
            var line = ""
            for piece in TerminalText.sanitize(String(paragraph)).split(separator: " ") {
                var word = String(piece)
                let candidate = line.isEmpty ? indent + word : line + " " + word
                if TerminalText.width(of: candidate) <= columns { line = candidate; continue }
                if !line.isEmpty { lines.append(line) }
                word = indent + word
                while TerminalText.width(of: word) > columns {
                    var head = "", used = 0
                    for c in word {
                        let w = TerminalText.width(of: String(c))
                        if used + w > columns { break }
                        head.append(c); used += w
                    }
                    guard !head.isEmpty else { break }
                    lines.append(head)
                    word.removeFirst(head.count)
                }
                line = word
            }
            if !line.isEmpty { lines.append(line) }
        }
        return lines
    }
}

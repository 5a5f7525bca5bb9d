import Foundation

/// The themes shipped in `themes/`, built into the binary so `--theme light` works wherever
/// vigil runs (a test keeps each equal to its file).
extension ThemeLoader {
    /// Every shipped theme but the default, by file name.
    static let embeddedOthers: [(file: String, text: String)] = [
        ("colour-blind-safe.toml", #"""
        # Okabe-Ito palette: urgency by blue/orange contrast, never red against green alone.
        name = "colour-blind-safe"

        [roles]
        text      = { fg = "default" }
        dim       = { fg = "245" }
        border    = { fg = "245" }
        title     = { fg = "39", bold = true }
        selection = { fg = "black", bg = "39" }
        marked    = { fg = "175", bold = true }
        pending   = { fg = "220", bold = true }
        failed    = { fg = "black", bg = "208", bold = true }
        new       = { fg = "220", bold = true }
        p1        = { fg = "black", bg = "208", bold = true }
        p2        = { fg = "208", bold = true }
        p3        = { fg = "220" }
        p4        = { fg = "39" }
        p5        = { fg = "245" }
        ok        = { fg = "39" }
        warn      = { fg = "220", bold = true }
        critical  = { fg = "208", bold = true }
        stale     = { fg = "black", bg = "208", bold = true }
        status    = { fg = "black", bg = "252" }
        hint      = { fg = "default" }
        help      = { fg = "default" }
        """#),
        ("high-contrast.toml", #"""
        # Maximum contrast for wall screens across the room.
        name = "high-contrast"

        [roles]
        text      = { fg = "bright-white" }
        dim       = { fg = "white" }
        border    = { fg = "bright-white" }
        title     = { fg = "bright-white", bold = true }
        selection = { fg = "black", bg = "bright-yellow", bold = true }
        marked    = { fg = "bright-magenta", bold = true }
        pending   = { fg = "black", bg = "bright-yellow", bold = true }
        failed    = { fg = "bright-white", bg = "red", bold = true }
        new       = { fg = "bright-yellow", bold = true }
        p1        = { fg = "bright-white", bg = "red", bold = true }
        p2        = { fg = "black", bg = "bright-yellow", bold = true }
        p3        = { fg = "bright-yellow", bold = true }
        p4        = { fg = "bright-cyan" }
        p5        = { fg = "white" }
        ok        = { fg = "bright-green", bold = true }
        warn      = { fg = "bright-yellow", bold = true }
        critical  = { fg = "bright-white", bg = "red", bold = true }
        stale     = { fg = "bright-white", bg = "red", bold = true }
        status    = { fg = "black", bg = "bright-white", bold = true }
        hint      = { fg = "bright-white" }
        help      = { fg = "bright-white" }
        """#),
        ("light.toml", #"""
        # Dark text on its own light background (colour 255), so it reads the same on a dark terminal.
        name = "light"

        [roles]
        text      = { fg = "black", bg = "255" }
        dim       = { fg = "244", bg = "255" }
        border    = { fg = "246", bg = "255" }
        title     = { fg = "blue", bg = "255", bold = true }
        selection = { fg = "white", bg = "blue" }
        marked    = { fg = "magenta", bg = "255", bold = true }
        pending   = { fg = "130", bg = "255", bold = true }
        failed    = { fg = "white", bg = "red", bold = true }
        new       = { fg = "166", bg = "255", bold = true }
        p1        = { fg = "white", bg = "red", bold = true }
        p2        = { fg = "red", bg = "255", bold = true }
        p3        = { fg = "130", bg = "255" }
        p4        = { fg = "blue", bg = "255" }
        p5        = { fg = "244", bg = "255" }
        ok        = { fg = "28", bg = "255" }
        warn      = { fg = "130", bg = "255", bold = true }
        critical  = { fg = "red", bg = "255", bold = true }
        stale     = { fg = "white", bg = "red", bold = true }
        status    = { fg = "white", bg = "black" }
        hint      = { fg = "black", bg = "255" }
        help      = { fg = "black", bg = "255" }
        """#),
        ("monochrome.toml", #"""
        # No colour at all: emphasis by bold and reverse only (also what NO_COLOR gives).
        name = "monochrome"

        [roles]
        text      = { fg = "default" }
        dim       = { fg = "default" }
        border    = { fg = "default" }
        title     = { fg = "default", bold = true }
        selection = { fg = "default", bold = true }
        marked    = { fg = "default", bold = true }
        pending   = { fg = "default", bold = true }
        failed    = { fg = "default", bold = true }
        new       = { fg = "default", bold = true }
        p1        = { fg = "default", bold = true }
        p2        = { fg = "default", bold = true }
        p3        = { fg = "default" }
        p4        = { fg = "default" }
        p5        = { fg = "default" }
        ok        = { fg = "default" }
        warn      = { fg = "default", bold = true }
        critical  = { fg = "default", bold = true }
        stale     = { fg = "default", bold = true }
        status    = { fg = "default" }
        hint      = { fg = "default" }
        help      = { fg = "default" }
        """#),
    ]
}

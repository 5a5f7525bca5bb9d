import CNCurses
import Testing
import VigilCore
@testable import VigilTerminal

@Suite("Terminal: key decoding and colour degradation")
struct TerminalTests {
    @Test func keysDecodeFromCursesCodesAndCharacters() {
        #expect(Terminal.decode(code: KEY_UP) == .up)
        #expect(Terminal.decode(code: KEY_NPAGE) == .pageDown)
        #expect(Terminal.decode(code: KEY_BTAB) == .backTab)
        #expect(Terminal.decode(character: 9) == .tab)
        #expect(Terminal.decode(character: 13) == .enter)
        #expect(Terminal.decode(character: 27) == .escape)
        #expect(Terminal.decode(character: 127) == .backspace)
        #expect(Terminal.decode(character: 3) == .control("c"))
        #expect(Terminal.decode(character: UInt32(Character("a").unicodeScalars.first!.value)) == .character("a"))
        #expect(Terminal.decode(character: 0x76E3) == .character("監"))
    }

    @Test func coloursDegradeFrom256To8() {
        #expect(ThemeColor(name: "208")?.curses(colors: 256) == 208)
        #expect(ThemeColor(name: "208")?.curses(colors: 8) == 3, "orange becomes yellow on 8 colours")
        #expect(ThemeColor(name: "bright-red")?.curses(colors: 8) == 1)
        #expect(ThemeColor(name: "bright-red")?.curses(colors: 16) == 9)
        #expect(ThemeColor(name: "default")?.curses(colors: 8) == -1)
        #expect(ThemeColor(name: "244")?.curses(colors: 8) == 7)
        #expect(ThemeColor(name: "purplish") == nil)
    }
}

import Testing
import VigilCore
@testable import VigilTerminal

/// Style changes cost only what differs: a reset only when an attribute or a colour has to go.
@Suite struct TerminalOutputTests {
    typealias Rendition = TerminalOutput.Rendition
    let red = Array("<fg1>".utf8), blue = Array("<fg4>".utf8), grey = Array("<bg8>".utf8)

    func output() -> TerminalOutput {
        TerminalOutput(reset: Array("<0>".utf8), clear: Array("<clear>".utf8), bold: Array("<b>".utf8),
                       reverse: Array("<r>".utf8), lastCellScrolls: false)
    }

    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func onlyWhatDiffersIsSentAndAResetOnlyWhenSomethingMustGo() {
        let out = output()
        let plain = Rendition(foreground: red, background: grey)
        #expect(text(out.transition(from: nil, to: plain)) == "<0><fg1><bg8>", "unknown: everything")
        #expect(text(out.transition(from: plain, to: Rendition(foreground: red, background: grey, bold: true))) == "<b>")
        #expect(text(out.transition(from: plain, to: Rendition(foreground: blue, background: grey))) == "<fg4>")
        #expect(text(out.transition(from: Rendition(foreground: red, background: grey, bold: true), to: plain)) == "<0><fg1><bg8>",
                "bold has to go: only a reset does that")
        #expect(text(out.transition(from: plain, to: Rendition(foreground: red))) == "<0><fg1>", "back to the default background")
        #expect(out.transition(from: plain, to: plain).isEmpty)
    }

    @Test func runsInStylesThatDifferByBoldCostTheBoldOnly() {
        let out = output()
        out.rendition = { style in Rendition(foreground: self.red, background: self.grey, bold: style.bold) }
        out.put("ab", x: 0, y: 0, style: CellStyle(.text))
        out.put("CD", x: 2, y: 0, style: CellStyle(.text, bold: true))
        out.put("ef", x: 4, y: 0, style: CellStyle(.text))
        #expect(text(out.buffer) == "<0><fg1><bg8>ab<b>CD<0><fg1><bg8>ef")
    }
}

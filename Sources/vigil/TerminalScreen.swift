import VigilCore
import VigilRuntime
import VigilTerminal

/// The terminal as the loop's screen: frames through ``Terminal``'s painter (changed cells,
/// one write), themes looked up by name among the loaded ones.
final class TerminalScreen: DashboardScreen {
    let terminal: Terminal
    let themes: [Theme]
    let noColor: Bool

    init(terminal: Terminal, themes: [Theme], noColor: Bool) {
        self.terminal = terminal
        self.themes = themes
        self.noColor = noColor
    }

    var size: (width: Int, height: Int) { terminal.size }
    func draw(_ frame: Canvas) { terminal.draw(frame) }
    func drawRow(_ y: Int, with row: Canvas) { terminal.drawRow(y, with: row) }
    func invalidate() { terminal.invalidate() }
    func bell() { terminal.bell() }

    func applyTheme(named name: String) {
        guard let theme = themes.first(where: { $0.name == name }) ?? themes.first else { return }
        terminal.apply(noColor ? ThemeLoader.monochrome : theme)
    }
}

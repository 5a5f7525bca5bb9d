import Foundation
import OperationsModel

/// The message line: the latest message, coloured by its level.
struct MessageLineView {
    /// The dashboard it draws.
    let state: DashboardState

    func draw(_ canvas: inout Canvas, row: Int) {
        guard let message = state.messages.last, state.now.timeIntervalSince(message.at) < 30 || message.level == .error else { return }
        let role: ColorRole = message.level == .error ? .failed : (message.level == .warning ? .warn : .text)
        var text = " " + message.text
        if TerminalText.width(of: text) > state.width, let key = state.settings.keymap.keys(for: .messages).first {
            // Too long for the line: cut, saying where it is read whole.
            let more = " (\(key): whole)"
            text = TerminalText.fit(text, columns: state.width - TerminalText.width(of: more)) + more
        }
        canvas.write(text, x: 0, y: row, style: CellStyle(role, bold: message.level != .info), maxWidth: state.width)
    }
}

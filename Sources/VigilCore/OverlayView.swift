import Foundation
import OperationsModel

/// An overlay over the panes: a question, a text field, a picker, the messages, the shift summary, help.
struct OverlayView {
    /// The dashboard it draws.
    let state: DashboardState

    func draw(_ canvas: inout Canvas, _ overlay: Overlay) {
        switch overlay {
        case .help:
            let help = HelpView(state: state)
            popup(&canvas, title: "Help — keys \(help.helpPlace) · any key closes", lines: help.helpLines)
        case .shiftReport(let report):
            var lines = report.map { $0.rendered(.text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
                ?? ["reading the last 12 hours…"]
            while lines.last == "" { lines.removeLast() }
            if lines.count > state.height - 5 { lines = Array(lines.prefix(state.height - 6)) + ["… (vigil report prints it whole)"] }
            lines.append("any key closes this")
            popup(&canvas, title: "The shift so far", lines: lines)
        case .messages:
            // The newest last, each wrapped whole; as many as the screen holds.
            let columns = max(20, state.width - 8)
            var lines: [String] = []
            for message in state.messages.reversed() {
                let wrapped = TerminalText.wrap("\(DashboardState.clockFormat(message.at, seconds: true)) \(message.text)", columns: columns)
                guard lines.count + wrapped.count <= max(1, state.height - 5) else { break }
                lines.insert(contentsOf: wrapped, at: 0)
            }
            if lines.isEmpty { lines.append("no messages yet") }
            lines.append("any key closes this")
            popup(&canvas, title: "Messages", lines: lines)
        case .confirm(let prompt, _, _), .confirmIncident(let prompt, _, _):
            // The question whole, wrapped: what it acts on is never cut off.
            popup(&canvas, title: "Confirm", lines: TerminalText.wrap(prompt, columns: max(20, state.width - 8)) + ["", "y: yes    any other key: no"])
        case .confirmQuit:
            let fate = state.settings.journaling
                ? "They are journaled and resume at the next start (if under \(Int(state.settings.actionMaxAge / 60)) min old)."
                : "They are not journaled: quitting drops them."
            popup(&canvas, title: "Quit?", lines: ["\(counted(state.pendingActions.count, "action")) not confirmed yet.", fate, "Quit anyway? y/N"])
        case .confirmQuitSettled:
            popup(&canvas, title: "Quit?", lines: ["Every action is confirmed now.", "", "Quit? y/N"])
        case .input(let purpose, let text):
            let title: String
            switch purpose {
            case .filter: title = "Filter — alert query (Enter applies, ^U clears, Esc cancels)"
            case .note(let ids): title = "Note for \(state.targetsDescription(ids)) (Enter sends, Esc cancels)"
            case .incidentNote(let id):
                title = "Note for incident #\(state.incidentPane.incidents.first { $0.id == id }?.tinyId ?? "?") (Enter sends, Esc cancels)"
            case .snoozeDuration: title = "Snooze for (e.g. 90m, 2h, 1d) or until (09:00)"
            }
            popup(&canvas, title: title, lines: [text.line])
        case .picker(let purpose, let field):
            let filter = field.filter, selected = field.selected
            let options = state.pickerOptions(purpose, filter: filter.text)
            let title: String
            switch purpose {
            case .snooze(let ids): title = "Snooze \(state.targetsDescription(ids)) (type a duration or pick)"
            case .assign(let ids): title = "Assign \(state.targetsDescription(ids)) to (type to filter)"
            case .escalate(let ids): title = "Escalate \(state.targetsDescription(ids)) to (type to filter)"
            case .customAction(let id): title = "Custom action on \(state.targetsDescription([id])) (Enter picks, then y/N)"
            }
            var lines = [filter.line]
            if case .customAction(let id) = purpose, let configured = state.configuredActions(for: id), !configured.names.isEmpty {
                lines.append("(" + configured.note + ")")
            }
            if options.isEmpty { lines.append(state.pickerStatus(purpose, filter: filter.text) ?? "nothing matches") }
            let window = field.firstShown(rows: 10)
            for (i, option) in options.enumerated().dropFirst(window).prefix(10) {
                lines.append((i == selected ? "▶ " : "  ") + option.label)
            }
            popup(&canvas, title: title, lines: lines, highlight: options.isEmpty ? nil : 1 + selected - window)
        case .chooseSource(let choice):
            let question = state.sourceChoicePopup(choice)
            popup(&canvas, title: question.title, lines: question.lines, highlight: question.highlight)
        }
    }

    func popup(_ canvas: inout Canvas, title: String, lines: [String], highlight: Int? = nil) {
        let w = min(state.width - 4, max(50, (lines.map { TerminalText.width(of: TerminalText.sanitize($0)) }.max() ?? 0) + 4, TerminalText.width(of: title) + 6))
        let h = min(state.height - 2, lines.count + 2)
        let x = (state.width - w) / 2
        let y = max(1, (state.height - h) / 2)
        canvas.fill(x: x, y: y, width: w, height: h, style: CellStyle(.help))
        canvas.box(x: x, y: y, width: w, height: h, title: title, focused: true)
        for (i, line) in lines.prefix(h - 2).enumerated() {
            canvas.write(line, x: x + 2, y: y + 1 + i, style: CellStyle(i == highlight ? .selection : .help, bold: i == highlight), maxWidth: w - 4)
        }
    }
}

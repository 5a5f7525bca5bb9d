import Foundation
import OperationsModel

extension DashboardState {
    /// Renders the dashboard into a canvas (``DashboardView``). Pure: the same state gives the same frame.
    public func render() -> Canvas { DashboardView(state: self).render() }

    /// Only the status line as a one-row canvas: when nothing but time moved, the terminal
    /// redraws this row, not the frame.
    public func renderStatusRow() -> Canvas { DashboardView(state: self).renderStatusRow() }
}

/// The whole frame: the panes in their layout, the message and hint lines, the overlay on top; the wall instead when it shows; a notice when the terminal is too small.
struct DashboardView {
    /// The dashboard it draws.
    let state: DashboardState

    /// Renders the dashboard into a canvas. Pure: the same state gives the same frame.
    func render() -> Canvas {
        var canvas = state.wallWatch.showing && state.layout != nil ? WallView(state: state).render() : renderPanes()
        if state.wallWatch.showing, state.layout != nil, let overlay = state.prompt.overlay { OverlayView(state: state).draw(&canvas, overlay) }
        return state.settings.asciiOnly ? canvas.asciiOnly() : canvas
    }

    /// Only the status line (clock, ages, pending actions, STALE) as a one-row canvas: when
    /// nothing but time moved, the terminal redraws this row, not the frame.
    func renderStatusRow() -> Canvas {
        var row = Canvas(width: state.width, height: 1)
        guard !state.wallWatch.showing, state.layout != nil else { return row }
        StatusLineView(state: state).draw(&row, row: 0)
        return state.settings.asciiOnly ? row.asciiOnly() : row
    }

    /// Each pane into its rectangle of the layout.
    private func renderPanes() -> Canvas {
        var canvas = Canvas(width: state.width, height: state.height)
        guard let layout = state.layout else {
            drawTooSmall(&canvas)
            return canvas
        }
        StatusLineView(state: state).draw(&canvas, row: layout.statusRow)
        if state.alertPane.forgotten.showing {
            ForgottenPaneView(state: state).draw(&canvas, layout.alerts)
        } else {
            AlertsPaneView(state: state).draw(&canvas, layout.alerts)
        }
        if let r = layout.incidents { IncidentsPaneView(state: state).draw(&canvas, r) }
        if let r = layout.detail { DetailView(state: state).draw(&canvas, r) }
        if let r = layout.onCall { OnCallPaneView(state: state).draw(&canvas, r) }
        if let r = layout.heartbeats { HeartbeatsPaneView(state: state).draw(&canvas, r) }
        if let r = layout.secondary {
            switch state.panes.secondary {
            case .onCall: OnCallPaneView(state: state).draw(&canvas, r)
            case .heartbeats: HeartbeatsPaneView(state: state).draw(&canvas, r)
            case .incidents: IncidentsPaneView(state: state).draw(&canvas, r)
            default: DetailView(state: state).draw(&canvas, r)
            }
        }
        MessageLineView(state: state).draw(&canvas, row: layout.messageRow)
        HintLineView(state: state).draw(&canvas, row: layout.hintRow)
        if let overlay = state.prompt.overlay { OverlayView(state: state).draw(&canvas, overlay) }
        return canvas
    }

    /// The frame when the terminal is below the minimum: its size, the size needed, and the
    /// only keys that act (help and the quit question still show, clipped to the screen).
    private func drawTooSmall(_ canvas: inout Canvas) {
        // The keys that still act on a line of their own, so a narrow terminal shows them whole.
        let lines = ["terminal too small: \(state.width)×\(state.height), need \(Layout.minimumWidth)×\(Layout.minimumHeight)",
                     "keys are ignored until it is larger", tooSmallKeys].filter { !$0.isEmpty }
        for (i, text) in lines.enumerated() {
            canvas.write(text, x: max(0, (state.width - TerminalText.width(of: text)) / 2), y: max(0, state.height / 2 - 1) + i,
                         style: CellStyle(.warn, bold: i == 0), maxWidth: state.width)
        }
        switch state.prompt.overlay {
        case .help?, .confirmQuit?, .confirmQuitSettled?: OverlayView(state: state).draw(&canvas, state.prompt.overlay!)
        default: break
        }
    }

    /// `these act: q quit, ? help, ^L redraw`, as bound.
    private var tooSmallKeys: String {
        let keys = [(Command.quit, "quit"), (.help, "help"), (.redraw, "redraw")].compactMap { command, word in
            state.settings.keymap.keys(for: command).first.map { "\($0) \(word)" }
        }
        return keys.isEmpty ? "" : "these act: " + keys.joined(separator: ", ")
    }
}

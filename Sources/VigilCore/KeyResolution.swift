import Foundation

/// What a key means where it is pressed.
public enum KeyMeaning: Sendable, Equatable {
    /// The terminal is too small to draw the frame: only quit, help and redraw act.
    case tooSmall
    /// The overlay on top (a question, a text field, a picker, help) takes the key.
    case overlay(Overlay)
    /// Ctrl-C, when no command is bound to it: quit, asking first while actions are open.
    case quit
    /// Esc with alerts marked: the marks are cleared (marks make the next action act on them all).
    case clearMarks
    /// Nothing runs, and the message line says why: a key bound to nothing, a command the
    /// wall or read-only mode does not allow, or one that has nothing to act on.
    case refused(String, StatusMessage.Level)
    /// Nothing runs and nothing is said (Esc with nothing to clear).
    case nothing
    /// A command for the selected incident: the incidents pane (or its detail) has the focus.
    case incidentCommand(Command)
    /// A command of the keymap for the alerts and the dashboard.
    case command(Command)
}

extension DashboardState {
    /// What `key` means now, decided in one place and in this order: a terminal too small to
    /// draw; the overlay on top; the keymap (with Ctrl-C and Esc when nothing is bound to
    /// them); the wall's read-only rule (``Command/worksOnWall``); whether the command can run
    /// (``whyDisabled(_:)``); the part with the focus. Pure: it changes nothing.
    public func meaning(of key: Key) -> KeyMeaning {
        if layout == nil { return .tooSmall }
        if let overlay = prompt.overlay { return .overlay(overlay) }
        guard let binding = settings.keymap.binding(for: key) else {
            if case .control("c") = key { return .quit }
            if key == .escape { return alertPane.marked.isEmpty ? .nothing : .clearMarks }
            // A key that does nothing says so: a rebound key, a quick filter that is not there.
            return .refused("\(key) does nothing here: ? lists the keys", .info)
        }
        let command = binding.command
        if wallWatch.showing, !command.worksOnWall { return .refused("wall view: W returns to the dashboard", .info) }
        if actsOnForgotten, command == .mark {
            // Keys act on the forgotten list's own selection; marks belong to the alert list.
            return .refused("\(binding.description): marks are for the alert list; F returns to it", .info)
        }
        if let reason = whyDisabled(command) { return .refused("\(binding.description): \(reason)", .warning) }
        if onIncidents, Self.incidentCommands.contains(command) { return .incidentCommand(command) }
        return .command(command)
    }

    /// The commands that act on the incidents pane (or the incident in the detail) while it has the focus.
    static let incidentCommands: Set<Command> = [.moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom, .openDetail, .resolve, .close, .note]
}

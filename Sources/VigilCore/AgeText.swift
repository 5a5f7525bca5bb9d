import Foundation

/// Formats ages and durations compactly: `45s`, `12m`, `3h`, `2d`.
public func compactAge(_ seconds: TimeInterval) -> String {
    let s = max(0, Int(seconds))
    if s < 60 { return "\(s)s" }
    if s < 3600 { return "\(s / 60)m" }
    if s < 86400 { return "\(s / 3600)h" }
    return "\(s / 86400)d"
}

/// Formats a countdown to the minute: `2d03h`, `1h05m`, `12m`, `<1m`. Panes change once a
/// minute, so an idle screen has nothing to redraw in between.
func countdown(_ seconds: TimeInterval) -> String {
    let s = max(0, Int(seconds.rounded(.up)))
    if s >= 86400 { return "\(s / 86400)d\(String(format: "%02d", (s % 86400) / 3600))h" }
    if s >= 3600 { return "\(s / 3600)h\(String(format: "%02d", (s % 3600) / 60))m" }
    return s >= 60 ? "\(s / 60)m" : "<1m"
}

/// An age in a pane, to the minute: `<1m`, `12m`, `3h`, `2d`.
func paneAge(_ seconds: TimeInterval) -> String { seconds < 60 ? "<1m" : compactAge(seconds) }

import Foundation

/// The choices of the snooze picker.
public enum SnoozePreset: Sendable, Hashable, CaseIterable {
    case fifteenMinutes, oneHour, fourHours
    /// Until the next 09:00 in the dashboard's time zone.
    case nextMorning
    /// Type a duration such as `90m`.
    case custom

    /// The line in the picker.
    public var label: String {
        switch self {
        case .fifteenMinutes: "15 minutes"
        case .oneHour: "1 hour"
        case .fourHours: "4 hours"
        case .nextMorning: "until next 09:00"
        case .custom: "custom… (type e.g. 90m, 2h)"
        }
    }

    /// When a snooze chosen at `now` ends, or `nil` for ``custom`` (which asks for a duration).
    public func end(from now: Date, timeZone: TimeZone) -> Date? {
        switch self {
        case .fifteenMinutes: return now.addingTimeInterval(15 * 60)
        case .oneHour: return now.addingTimeInterval(3600)
        case .fourHours: return now.addingTimeInterval(4 * 3600)
        case .custom: return nil
        case .nextMorning:
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            var next = calendar.date(bySettingHour: 9, minute: 0, second: 0, of: now) ?? now
            if next <= now { next = calendar.date(byAdding: .day, value: 1, to: next) ?? next }
            return next
        }
    }
}

/// Durations as people type them: `90m`, `2h`, `1d`, `45s`, `1h30m`.
public enum DurationText {
    /// The number of seconds, or `nil` when the text is not a positive duration.
    public static func parse(_ text: String) -> TimeInterval? {
        var total: TimeInterval = 0
        var number = ""
        var sawUnit = false
        for c in text.lowercased() where !c.isWhitespace {
            if c.isNumber { number.append(c); continue }
            guard let n = Double(number) else { return nil }
            switch c {
            case "s": total += n
            case "m": total += n * 60
            case "h": total += n * 3600
            case "d": total += n * 86400
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit, total > 0 else { return nil }
        return total
    }
}

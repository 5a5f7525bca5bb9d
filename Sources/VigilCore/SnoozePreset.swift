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
        case .custom: "custom… (type e.g. 90m, 2h, 09:00)"
        }
    }

    /// When a snooze chosen at `now` ends, or `nil` for ``custom`` (which asks for a duration).
    public func end(from now: Date, timeZone: TimeZone) -> Date? {
        switch self {
        case .fifteenMinutes: return now.addingTimeInterval(15 * 60)
        case .oneHour: return now.addingTimeInterval(3600)
        case .fourHours: return now.addingTimeInterval(4 * 3600)
        case .custom: return nil
        case .nextMorning: return DurationText.nextTime("09:00", after: now, timeZone: timeZone)
        }
    }
}

/// Durations as people type them: `90m`, `2h`, `1d`, `45s`, `1h30m`; and times of day, `09:00`.
public enum DurationText {
    /// What a snooze field says to text it cannot read.
    public static let notADuration = "not a duration (try 45m, 2h, 09:00)"

    /// The next `HH:MM` after `now` in `timeZone`, or `nil` when `text` is not a time of day.
    public static func nextTime(_ text: String, after now: Date, timeZone: TimeZone) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard var next = calendar.date(bySettingHour: hour, minute: minute, second: 0, of: now) else { return nil }
        if next <= now { next = calendar.date(byAdding: .day, value: 1, to: next) ?? next }
        return next
    }

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

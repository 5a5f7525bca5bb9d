import Foundation
import OpsgenieKit

/// Who is on call: rotations resolved to shifts and timelines.
extension SimulatorWorld {
    /// Who a rotation has on call at `date`, and that shift's bounds.
    static func shift(of rotation: ScheduleRotation, at date: Date) -> (recipient: Recipient, start: Date, end: Date)? {
        guard let start = rotation.startDate, let participants = rotation.participants, !participants.isEmpty, date >= start else { return nil }
        if let end = rotation.endDate, date >= end { return nil }
        let unit: TimeInterval
        switch rotation.type?.rawValue ?? "weekly" {
        case "hourly": unit = 3600
        case "daily": unit = 86400
        default: unit = 7 * 86400
        }
        let length = unit * Double(max(1, rotation.length ?? 1))
        let index = Int(floor(date.timeIntervalSince(start) / length))
        let shiftStart = start.addingTimeInterval(Double(index) * length)
        return (participants[index % participants.count], shiftStart, shiftStart.addingTimeInterval(length))
    }

    func name(of recipient: Recipient) -> String {
        if let username = recipient.username { return username }
        if let id = recipient.id, let user = users.first(where: { $0.id == id }) { return user.username ?? id }
        return recipient.name ?? recipient.id ?? "nobody"
    }

    func onCallNames(_ schedule: Schedule, at date: Date) -> [String] {
        (schedule.rotations ?? []).compactMap { Self.shift(of: $0, at: date) }.map { name(of: $0.recipient) }
    }

    /// The final timeline of a schedule between two dates.
    func timeline(_ schedule: Schedule, from start: Date, to end: Date) -> ScheduleTimeline {
        var rotations: [TimelineRotation] = []
        for (order, rotation) in (schedule.rotations ?? []).enumerated() {
            var periods: [TimelinePeriod] = []
            var cursor = start
            var guardCount = 0
            while cursor < end, guardCount < 1000, let shift = Self.shift(of: rotation, at: cursor) {
                guardCount += 1
                let user = shift.recipient
                periods.append(TimelinePeriod(startDate: max(shift.start, start), endDate: min(shift.end, end),
                                              type: shift.end <= start ? "historical" : "default",
                                              recipient: TimelineRecipient(id: user.id, name: name(of: user), type: user.type?.rawValue ?? "user")))
                cursor = shift.end
            }
            rotations.append(TimelineRotation(id: rotation.id, name: rotation.name, order: Double(order + 1), periods: periods))
        }
        return ScheduleTimeline(parent: ScheduleMeta(id: schedule.id, name: schedule.name, enabled: schedule.enabled),
                                startDate: start, endDate: end, finalTimeline: Timeline(rotations: rotations))
    }
}

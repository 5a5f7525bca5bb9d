import Foundation
import OpsgenieKit

/// The on-call schedules: one rotation per team, handing off daily, every eight hours, or weekly.
extension Scenario {
    /// Rotations hand off at 09:00 and 17:00 UTC-ish boundaries relative to the start day.
    static func schedules(start: Date) -> [Schedule] {
        let day = Calendar(identifier: .gregorian).startOfDay(for: start)
        return teamNames.enumerated().map { i, team in
            let members = people.enumerated().filter { $0.offset % 3 == i }.map { Recipient(type: "user", id: "user-\($0.element)", username: "\($0.element)@example.com") }
            let rotation = ScheduleRotation(id: "rot-\(team)", name: "\(team) primary", startDate: day.addingTimeInterval(9 * 3600 - 86400 * 14),
                                            type: i == 0 ? .daily : (i == 1 ? .hourly : .weekly), length: i == 1 ? 8 : 1, participants: members)
            return Schedule(id: "sched-\(team)", name: "\(team)_schedule", description: "On call for \(team)",
                            timezone: ["Europe/Berlin", "America/New_York", "Asia/Tokyo"][i], enabled: true,
                            ownerTeam: TeamMeta(id: "team-\(team)", name: team), rotations: [rotation])
        }
    }
}

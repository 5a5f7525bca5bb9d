import Foundation
import OpsgenieKit

/// The schedule routes: schedules, who is on call now and next, and timelines.
extension SimulatorResponder {
    func schedules(parts: [String], query: [String: String], rights: AccessRights) throws -> Routed {
        try rights.require(.configuration)
        let date: Date = try query["date"].map { text in
            guard let d = ServiceJSON.parseDate(text) else { throw APIFailure(status: 422, message: "date must be an ISO-8601 date") }
            return d
        } ?? simulator.clock.now()
        let flat = query["flat"] == "true"
        if parts.isEmpty {
            let expand = (query["expand"] ?? "").contains("rotation")
            let list = simulator.withWorld { w, _ in w.schedules.map { s -> Schedule in var s = s; if !expand { s.rotations = nil }; return s } }
            return Routed(data: list, expandable: ["rotation"])
        }
        if parts == ["on-calls"] {
            let all = simulator.withWorld { w, _ in w.schedules.map { onCall(w, $0, at: date, flat: flat) } }
            return Routed(data: all)
        }
        let byName = (query["scheduleIdentifierType"] ?? query["identifierType"]) == "name"
        guard let schedule = simulator.withWorld({ w, _ in w.schedules.first { byName ? $0.name == parts[0] : $0.id == parts[0] } }) else {
            throw APIFailure(status: 404, message: "Schedule with identifier [\(parts[0])] not found.")
        }
        switch parts.dropFirst().first {
        case nil: return Routed(data: schedule)
        case "on-calls": return Routed(data: simulator.withWorld { w, _ in onCall(w, schedule, at: date, flat: flat) })
        case "next-on-calls":
            return Routed(data: simulator.withWorld { w, _ -> NextOnCall in
                let ends = (schedule.rotations ?? []).compactMap { SimulatorWorld.shift(of: $0, at: date)?.end }
                let handoff = ends.min() ?? date
                let names = w.onCallNames(schedule, at: handoff)
                let meta = ScheduleMeta(id: schedule.id, name: schedule.name, enabled: schedule.enabled)
                if flat { return NextOnCall(parent: meta, nextOnCallParticipants: names, exactNextOnCallParticipants: names) }
                let people = names.map { n in OnCallParticipant(id: w.users.first { $0.username == n }?.id, name: n, type: "user") }
                return NextOnCall(parent: meta, nextOnCallRecipients: people, exactNextOnCallRecipients: people)
            })
        case "timeline":
            let interval = Int(query["interval"] ?? "1") ?? 1
            let unit = query["intervalUnit"] ?? "weeks"
            let seconds: TimeInterval
            switch unit {
            case "days": seconds = 86400
            case "weeks": seconds = 7 * 86400
            case "months": seconds = 30 * 86400
            default: throw APIFailure(status: 422, message: "intervalUnit must be days, weeks or months")
            }
            guard (1...12).contains(interval) else { throw APIFailure(status: 422, message: "interval must be between 1 and 12") }
            return Routed(data: simulator.withWorld { w, _ in w.timeline(schedule, from: date, to: date.addingTimeInterval(seconds * Double(interval))) },
                          expandable: ["base", "forwarding", "override"])
        default:
            throw APIFailure(status: 404, message: "No handler found")
        }
    }

    private func onCall(_ w: SimulatorWorld, _ schedule: Schedule, at date: Date, flat: Bool) -> OnCall {
        let names = w.onCallNames(schedule, at: date)
        let meta = ScheduleMeta(id: schedule.id, name: schedule.name, enabled: schedule.enabled)
        if flat { return OnCall(parent: meta, onCallRecipients: names) }
        return OnCall(parent: meta, onCallParticipants: names.map { n in
            OnCallParticipant(id: w.users.first { $0.username == n }?.id, name: n, type: "user")
        })
    }
}

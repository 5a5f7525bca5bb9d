import Foundation
import OpsgenieKit

/// The world as JSM sees it: Atlassian account ids for its people, keyed notes and logs,
/// team-scoped heartbeats and escalations, on-call answers in account ids.
extension SimulatorWorld {
    /// A stable Atlassian-style account id (24 lower-case hex digits) for a user id: FNV-1a
    /// hashes of the id, so the same user has the same account id in every run and scenario.
    static func accountId(forUserId id: String) -> String {
        func fnv1a(_ text: String, basis: UInt64) -> UInt64 {
            var hash = basis
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            return hash
        }
        func hex(_ value: UInt64, digits: Int) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: max(0, digits - text.count)) + text
        }
        let high = fnv1a(id, basis: 0xCBF2_9CE4_8422_2325)
        let low = fnv1a(id, basis: 0x9E37_79B9_7F4A_7C15)
        return hex(high, digits: 16) + hex(low >> 32, digits: 8)
    }

    /// The user with an account id.
    func user(accountId: String) -> User? {
        users.first { Self.accountId(forUserId: $0.id) == accountId }
    }

    /// The user a rotation participant or owner names, by id or username.
    func user(for recipient: Recipient) -> User? {
        users.first { ($0.id == recipient.id && recipient.id != nil) || ($0.username == recipient.username && recipient.username != nil) }
    }

    /// A user's display name (full name, else username) from their username, as JSM's `owner` shows it.
    func displayName(ofUsername username: String) -> String? {
        users.first { $0.username == username }.map { $0.fullName ?? $0.username ?? $0.id }
    }

    // MARK: Notes and logs

    /// A record's id: its time in milliseconds and its place among the alert's records, six digits
    /// (the shape of [OAS `AlertNote`]'s example id `1704869443312000050`). Records are only ever
    /// appended, so a record keeps its id.
    static func recordId(_ date: Date?, index: Int) -> String {
        let millis = Int64((date ?? .distantPast).timeIntervalSince1970 * 1000)
        let place = String(index)
        return "\(millis)" + String(repeating: "0", count: max(0, 6 - place.count)) + place
    }

    /// The alert's notes, oldest first, with their ids (the `after` keys of note pages).
    func keyedNotes(_ alertId: String) -> [(key: String, note: JSMWire.Note)] {
        (notes[alertId] ?? []).enumerated().map { index, note in
            let id = Self.recordId(note.createdAt, index: index)
            return (id, JSMWire.Note(id: id, createdAt: note.createdAt, updatedAt: note.createdAt, note: note.note, owner: note.owner))
        }
    }

    /// The alert's log, oldest first, with its `after` keys: `<millis>_<record id>`, the shape of the
    /// [OAS `AlertLogLink`] example `after=1492000072838_1492000072838234593`.
    func keyedLogs(_ alertId: String) -> [(key: String, log: JSMWire.Log)] {
        (logs[alertId] ?? []).enumerated().map { index, log in
            let millis = Int64((log.createdAt ?? .distantPast).timeIntervalSince1970 * 1000)
            return ("\(millis)_" + Self.recordId(log.createdAt, index: index),
                    JSMWire.Log(logTime: log.createdAt, logType: log.type, log: log.log, owner: log.owner))
        }
    }

    /// Adds a note at once (JSM's add note is synchronous) and returns it as the answer shows it.
    mutating func addNoteNow(_ alertId: String, _ text: String, by owner: String, at date: Date) -> JSMWire.Note {
        notes[alertId, default: []].append(AlertNote(note: text, owner: owner, createdAt: date,
                                                     offset: String(Int64(date.timeIntervalSince1970 * 1000))))
        log(alertId, "Note added", by: owner, at: date)
        return keyedNotes(alertId).last!.note
    }

    // MARK: Configuration

    /// A heartbeat as JSM shows it. `status`: `Off` when disabled, `Pending` before the first ping,
    /// `Unresponsive` when expired, else `Responsive`.
    static func jsmHeartbeat(_ h: Heartbeat) -> JSMWire.Heartbeat {
        let status = h.enabled == false ? "Off" : (h.lastPingTime == nil ? "Pending" : (h.expired == true ? "Unresponsive" : "Responsive"))
        let unit = (h.intervalUnit ?? .minutes).rawValue
        return JSMWire.Heartbeat(name: h.name, description: h.description, interval: h.interval,
                                 intervalUnit: unit.prefix(1).uppercased() + unit.dropFirst(), enabled: h.enabled,
                                 status: status, ownerTeamId: h.ownerTeam?.id, alertMessage: "HeartbeatName \(h.name) is expired",
                                 alertTags: ["heartbeat"], alertPriority: "P2")
    }

    /// An escalation as JSM shows it: delays in minutes, recipients by id and type, all four repeat fields.
    func jsmEscalation(_ e: Escalation) -> JSMWire.Escalation {
        let rules = (e.rules ?? []).map { rule in
            let minutes = (rule.delay?.timeAmount ?? 0) * (rule.delay?.timeUnit == "hours" ? 60 : (rule.delay?.timeUnit == "days" ? 1440 : 1))
            var recipient = rule.recipient.map { JSMWire.Responder(id: $0.id, type: $0.type?.rawValue) }
            if rule.recipient?.type == .user, let user = rule.recipient.flatMap({ self.user(for: $0) }) {
                recipient?.id = Self.accountId(forUserId: user.id)
            }
            // The spec's `delay` has a minimum of 1: an immediate step carries no delay (read as 0).
            return JSMWire.Escalation.Rule(condition: rule.condition, notifyType: rule.notifyType, delay: minutes >= 1 ? minutes : nil,
                                           recipient: recipient)
        }
        let again = e.repeat.map {
            JSMWire.Escalation.Repeat(waitInterval: $0.waitInterval ?? 0, count: $0.count ?? 1,
                                      resetRecipientStates: $0.resetRecipientStates ?? false, closeAlertAfterAll: $0.closeAlertAfterAll ?? false)
        }
        return JSMWire.Escalation(id: e.id, name: e.name, description: e.description, rules: rules, enabled: true, repeat: again)
    }

    /// A schedule as JSM shows it; rotations only when `expand` asks for them.
    func jsmSchedule(_ s: Schedule, rotations expand: Bool) -> JSMWire.Schedule {
        let rotations = (s.rotations ?? []).map { r in
            JSMWire.Schedule.Rotation(id: r.id, name: r.name, startDate: r.startDate, endDate: r.endDate, type: r.type?.rawValue,
                                      length: r.length, participants: (r.participants ?? []).map { p in
                                          if let user = user(for: p) { return JSMWire.Responder(id: Self.accountId(forUserId: user.id), type: "user") }
                                          return JSMWire.Responder(id: p.id, type: p.type?.rawValue)
                                      })
        }
        return JSMWire.Schedule(id: s.id, name: s.name, description: s.description, timezone: s.timezone, enabled: s.enabled,
                                teamId: s.ownerTeam?.id, rotations: expand ? rotations : nil)
    }

    /// The account ids on call in a schedule at `date`, one per rotation with a shift then.
    func onCallAccountIds(_ schedule: Schedule, at date: Date) -> [String] {
        (schedule.rotations ?? []).compactMap { Self.shift(of: $0, at: date) }
            .compactMap { user(for: $0.recipient) }.map { Self.accountId(forUserId: $0.id) }
    }

    /// When the schedule next hands off after `date` (the earliest end of a current shift).
    func nextHandoff(_ schedule: Schedule, after date: Date) -> Date {
        (schedule.rotations ?? []).compactMap { Self.shift(of: $0, at: date)?.end }.min() ?? date
    }
}

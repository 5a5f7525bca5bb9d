import Foundation
import OpsgenieKit

/// The JSM configuration routes: teams, their heartbeats and escalations, schedules and who is on call.
extension SimulatorResponder {
    // MARK: Teams

    /// `GET /v1/teams`, and under `/v1/teams/{teamId}`: `heartbeats`, `escalations`, `escalations/{id}`.
    func jsmTeams(_ r: JSMRequest) throws -> JSMRouted {
        // Which scope `GET /v1/teams` needs is not documented; configuration reading it is.
        try r.caller.require(.configuration)
        if r.parts.count == 1 {
            // Admins see every team, others only their own [OAS `getTeams`]; the simulator shows every team to every account.
            let teams = simulator.withWorld { w, _ in w.teams.map { JSMWire.Teams.Team(teamId: $0.id, teamName: $0.name) } }
            return JSMRouted(body: JSMWire.Teams(platformTeams: teams))
        }
        let teamId = r.parts[1]
        guard let teamName = simulator.withWorld({ w, _ in w.teams.first { $0.id == teamId }?.name }) else {
            throw JSMFailure.notFound("Team with id [\(teamId)] not found")
        }
        if simulator.configuration.jsmTeamsWithoutAccess.contains(teamName) {
            throw JSMFailure(status: 403, title: "You do not have permission to view team [\(teamName)]")
        }
        switch (r.parts.count, r.parts.dropFirst(2).first) {
        case (3, "heartbeats"):
            // [OAS `listHeartbeats`] 402: "customer subscription plan does not cover heartbeats".
            guard simulator.configuration.jsmPlan.hasHeartbeats else {
                throw JSMFailure(status: 402, title: "Your subscription plan does not cover heartbeats")
            }
            return try teamHeartbeats(teamId, r.query)
        case (3, "escalations"):
            let (offset, size) = try jsmPaging(r.query)
            let all = simulator.withWorld { w, _ in w.escalations.filter { $0.ownerTeam?.id == teamId }.map { w.jsmEscalation($0) } }
            let next = Self.nextLink("/v1/teams/\(teamId.percentEncodedComponent)/escalations", offset: offset, size: size,
                                     total: all.count, keeping: r.query)
            return JSMRouted(body: JSMWire.Page(values: Self.page(all, offset: offset, size: size), links: JSMWire.Links(next: next)))
        case (4, "escalations"):
            let id = r.parts[3]
            guard let escalation = simulator.withWorld({ w, _ in
                w.escalations.first { $0.id == id && $0.ownerTeam?.id == teamId }.map { w.jsmEscalation($0) }
            }) else { throw JSMFailure.notFound("Escalation with id [\(id)] not found") }
            return JSMRouted(body: escalation)
        default:
            throw JSMFailure.notFound("No handler found for GET /v1/\(r.parts.joined(separator: "/"))")
        }
    }

    /// `GET /v1/teams/{teamId}/heartbeats?name=&offset=&size=`: the team's heartbeats; `name` filters
    /// (there is no single-heartbeat GET).
    private func teamHeartbeats(_ teamId: String, _ query: [String: String]) throws -> JSMRouted {
        let (offset, size) = try jsmPaging(query)
        let all = simulator.withWorld { w, _ in
            w.heartbeatOrder.compactMap { w.heartbeats[$0]?.heartbeat }
                .filter { $0.ownerTeam?.id == teamId && (query["name"] == nil || $0.name == query["name"]) }
                .map(SimulatorWorld.jsmHeartbeat)
        }
        let next = Self.nextLink("/v1/teams/\(teamId.percentEncodedComponent)/heartbeats", offset: offset, size: size,
                                 total: all.count, keeping: query)
        return JSMRouted(body: JSMWire.Page(values: Self.page(all, offset: offset, size: size), links: JSMWire.Links(next: next)))
    }

    /// `POST /v1/teams/{teamId}/heartbeats/ping?name=`: 202 `PONG`. Asynchronous upstream and not
    /// checked against the heartbeat [OAS]; the simulator applies it at once when the heartbeat exists.
    /// Like Opsgenie's ping, it needs no right beyond a valid account.
    func jsmPing(_ r: JSMRequest) throws -> JSMRouted {
        guard let name = r.query["name"], !name.isEmpty else { throw JSMFailure.invalid("name is required") }
        let teamId = r.parts[1]
        simulator.withWorld { w, now in
            guard var sim = w.heartbeats[name], sim.heartbeat.ownerTeam?.id == teamId else { return }
            sim.heartbeat.lastPingTime = now
            sim.heartbeat.expired = false
            sim.alertRaised = false
            w.heartbeats[name] = sim
        }
        return JSMRouted(status: 202, body: JSMWire.Message(message: "PONG - Heartbeat received"))
    }

    // MARK: Schedules

    /// `GET /v1/schedules`, `/v1/schedules/{id}`, `…/on-calls`, `…/next-on-calls`.
    func jsmSchedules(_ r: JSMRequest) throws -> JSMRouted {
        try r.caller.require(.configuration)
        if r.parts.count == 1 { return try listSchedules(r.query) }
        let id = r.parts[1]
        guard let schedule = simulator.withWorld({ w, _ in w.schedules.first { $0.id == id } }) else {
            throw JSMFailure.notFound("Schedule with id [\(id)] not found")
        }
        switch (r.parts.count, r.parts.dropFirst(2).first) {
        case (2, _):
            return JSMRouted(body: simulator.withWorld { w, _ in w.jsmSchedule(schedule, rotations: true) })
        case (3, "on-calls"), (3, "next-on-calls"):
            return try onCalls(schedule, next: r.parts[2] == "next-on-calls", r.query)
        default:
            throw JSMFailure.notFound("No handler found for GET /v1/\(r.parts.joined(separator: "/"))")
        }
    }

    /// `GET /v1/schedules?query=&offset=&size=&expand=rotation`: `query` is an exact name or a prefix
    /// ending in `*`, either way without regard to case.
    private func listSchedules(_ query: [String: String]) throws -> JSMRouted {
        let (offset, size) = try jsmPaging(query)
        let expand = (query["expand"] ?? "").split(separator: ",").contains("rotation")
        let wanted = query["query"].map { $0.lowercased() }
        let all = simulator.withWorld { w, _ in
            w.schedules.filter { s in
                guard let wanted, !wanted.isEmpty else { return true }
                let name = (s.name ?? "").lowercased()
                return wanted.hasSuffix("*") ? name.hasPrefix(wanted.dropLast()) : name == wanted
            }.map { w.jsmSchedule($0, rotations: expand) }
        }
        let next = Self.nextLink("/v1/schedules", offset: offset, size: size, total: all.count, keeping: query)
        return JSMRouted(body: JSMWire.ScheduleList(values: Self.page(all, offset: offset, size: size),
                                                    links: JSMWire.Links(next: next), _expands: ["rotation"]))
    }

    /// Who is on call (or next) at `date` (default now): account ids when `flat=true`, else participants.
    /// `flat` defaults to false, as Opsgenie's; the documents give no default.
    private func onCalls(_ schedule: Schedule, next: Bool, _ query: [String: String]) throws -> JSMRouted {
        let flat: Bool
        switch query["flat"]?.lowercased() {
        case nil, "false": flat = false
        case "true": flat = true
        default: throw JSMFailure.invalid("flat must be true or false")
        }
        let date: Date = try query["date"].map { text in
            guard let d = ServiceJSON.parseDate(text) else { throw JSMFailure.invalid("date must be an ISO-8601 date-time") }
            return d
        } ?? simulator.clock.now()
        let ids = simulator.withWorld { w, _ in
            w.onCallAccountIds(schedule, at: next ? w.nextHandoff(schedule, after: date) : date)
        }
        let participants = ids.map { JSMWire.Participant(id: $0, type: "user") }
        if next {
            return JSMRouted(body: flat ? JSMWire.NextOnCall(nextOnCallUsers: ids) : JSMWire.NextOnCall(nextOnCallParticipants: participants))
        }
        return JSMRouted(body: flat ? JSMWire.OnCall(onCallUsers: ids) : JSMWire.OnCall(onCallParticipants: participants))
    }
}

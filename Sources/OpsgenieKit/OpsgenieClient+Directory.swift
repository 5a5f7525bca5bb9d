import Foundation
import OperationsModel

extension OpsgenieClient {
    // MARK: Heartbeats

    /// Lists heartbeats.
    public func listHeartbeats() async throws(OperationsError) -> [Heartbeat] {
        try await get(HeartbeatListPayload.self, APIRequest(method: .GET, path: "/v2/heartbeats", domain: .heartbeat)).data.heartbeats ?? []
    }

    /// Fetches one heartbeat by name.
    public func getHeartbeat(_ name: String) async throws(OperationsError) -> Heartbeat {
        try await get(Heartbeat.self, APIRequest(method: .GET, path: "/v2/heartbeats/\(Self.encode(name))", domain: .heartbeat)).data
    }

    /// Pings a heartbeat (202).
    public func pingHeartbeat(_ name: String) async throws(OperationsError) -> AcceptedRequest {
        try await accepted(APIRequest(method: .GET, path: "/v2/heartbeats/\(Self.encode(name))/ping", domain: .heartbeat))
    }

    // MARK: Schedules and on-call

    /// Lists schedules, with their rotations when `expandRotations` is set.
    public func listSchedules(expandRotations: Bool = true) async throws(OperationsError) -> [Schedule] {
        let query: [(String, String)] = expandRotations ? [("expand", "rotation")] : []
        return try await get([Schedule].self, APIRequest(method: .GET, path: "/v2/schedules", query: query, domain: .configuration)).data
    }

    private func onCallQuery(_ schedule: ScheduleIdentifier?, flat: Bool, date: Date?) -> [(String, String)] {
        var query: [(String, String)] = []
        if let schedule { query.append(("scheduleIdentifierType", schedule.identifierType)) }
        if flat { query.append(("flat", "true")) }
        if let date { query.append(("date", ServiceJSON.formatDate(date))) }
        return query
    }

    /// Who is on call for one schedule, now or at `date`.
    public func onCalls(schedule: ScheduleIdentifier, flat: Bool = false, date: Date? = nil) async throws(OperationsError) -> OnCall {
        try await get(OnCall.self, APIRequest(method: .GET, path: "/v2/schedules/\(Self.encode(schedule.value))/on-calls",
                                              query: onCallQuery(schedule, flat: flat, date: date), domain: .scheduleOnCalls)).data
    }

    /// Who is on call for every schedule, now or at `date`.
    public func allOnCalls(flat: Bool = false, date: Date? = nil) async throws(OperationsError) -> [OnCall] {
        try await get([OnCall].self, APIRequest(method: .GET, path: "/v2/schedules/on-calls",
                                                query: onCallQuery(nil, flat: flat, date: date), domain: .scheduleOnCalls)).data
    }

    /// Who is on call next for one schedule.
    public func nextOnCalls(schedule: ScheduleIdentifier, flat: Bool = false, date: Date? = nil) async throws(OperationsError) -> NextOnCall {
        try await get(NextOnCall.self, APIRequest(method: .GET, path: "/v2/schedules/\(Self.encode(schedule.value))/next-on-calls",
                                                  query: onCallQuery(schedule, flat: flat, date: date), domain: .scheduleOnCalls)).data
    }

    /// A schedule's final timeline over `interval` `intervalUnit`s from `date`.
    public func timeline(schedule: ScheduleIdentifier, interval: Int = 1, intervalUnit: TimelineIntervalUnit = .days,
                         date: Date? = nil) async throws(OperationsError) -> ScheduleTimeline {
        var query: [(String, String)] = [("identifierType", schedule.identifierType), ("interval", String(interval)),
                                         ("intervalUnit", intervalUnit.rawValue)]
        if let date { query.append(("date", ServiceJSON.formatDate(date))) }
        return try await get(ScheduleTimeline.self, APIRequest(method: .GET, path: "/v2/schedules/\(Self.encode(schedule.value))/timeline",
                                                               query: query, domain: .configuration)).data
    }

    // MARK: Users, teams, escalations, account

    /// Lists users, following `paging.next` for at most `maxPages` requests of `limit` each.
    public func listUsers(limit: Int = 100, maxPages: Int = 10) async throws(OperationsError) -> [User] {
        var users: [User] = []
        var offset = 0
        let pageSize = min(max(1, limit), 100)
        for _ in 0..<max(1, maxPages) {
            let envelope = try await get([User].self, APIRequest(method: .GET, path: "/v2/users",
                                                                 query: [("offset", String(offset)), ("limit", String(pageSize))], domain: .search))
            users.append(contentsOf: envelope.data)
            guard let next = envelope.paging?.next, !envelope.data.isEmpty else { break }
            let nextOffset = Self.offset(inLink: next) ?? offset + pageSize
            guard nextOffset > offset else { break }
            offset = nextOffset
        }
        return users
    }

    /// Lists teams.
    public func listTeams() async throws(OperationsError) -> [Team] {
        try await get([Team].self, APIRequest(method: .GET, path: "/v2/teams", domain: .configuration)).data
    }

    /// Lists escalations.
    public func listEscalations() async throws(OperationsError) -> [Escalation] {
        try await get([Escalation].self, APIRequest(method: .GET, path: "/v2/escalations", domain: .configuration)).data
    }

    /// The account the key belongs to.
    public func account() async throws(OperationsError) -> AccountInfo {
        try await get(AccountInfo.self, APIRequest(method: .GET, path: "/v2/account", domain: .configuration)).data
    }
}

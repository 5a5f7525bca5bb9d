import Foundation
import OpsgenieKit
import VigilTesting
import Testing

@Suite("Heartbeats, schedules, users, teams, escalations, account, incidents")
struct DirectoryEndpointTests {
    @Test func heartbeats() async throws {
        try await withScripted { server, client, _ in
            server.on("GET", "/v2/heartbeats", .ok(Fixtures.heartbeats))
            let beats = try await client.listHeartbeats()
            #expect(beats.map(\.name) == ["HeartbeatName", "nightly-backup", "weird"])
            #expect(beats[0].intervalDuration == .seconds(600))
            #expect(beats[1].expired == true)
            #expect(beats[1].intervalDuration == .seconds(86400))
            #expect(beats[2].intervalUnit?.rawValue == "fortnights")
            #expect(beats[0].ownerTeam?.name == "ops")

            server.on("GET", "/v2/heartbeats/HeartbeatName", .ok(Fixtures.heartbeat))
            let one = try await client.getHeartbeat("HeartbeatName")
            #expect(one.description == "Checks the API")
            #expect(one.lastPingTime == Date(timeIntervalSince1970: 1_491_251_555))

            server.on("GET", "/v2/heartbeats/HeartbeatName/ping",
                      .init(status: 202, body: #"{"result":"PONG - Heartbeat received","took":0.006,"requestId":"p1"}"#))
            let pong = try await client.pingHeartbeat("HeartbeatName")
            #expect(pong.result == "PONG - Heartbeat received")
            #expect(server.last?.method == "GET")
        }
    }

    @Test func schedulesAndOnCalls() async throws {
        try await withScripted { server, client, _ in
            server.on("GET", "/v2/schedules", .ok(Fixtures.schedules))
            let schedules = try await client.listSchedules()
            #expect(server.last?.query["expand"] == "rotation")
            let rotation = try #require(schedules.first?.rotations?.first)
            #expect(schedules.first?.timezone == "Europe/Kirov")
            #expect(rotation.type == .weekly)
            #expect(rotation.length == 2)
            #expect(rotation.participants?.first?.username == "user@opsgenie.com")
            #expect(rotation.timeRestriction?.restriction?.endHour == 17)

            server.on("GET", "/v2/schedules/d875/on-calls", .ok(Fixtures.onCall))
            let onCall = try await client.onCalls(schedule: .id("d875"))
            #expect(onCall.parent?.name == "ScheduleName")
            #expect(onCall.names == ["user@opsgenie.com", "escalation1"])
            #expect(onCall.onCallParticipants?[1].onCallParticipants?.first?.name == "user2@opsgenie.com")
            #expect(server.last?.query["scheduleIdentifierType"] == "id")

            server.on("GET", "/v2/schedules/Primary/on-calls", .ok(Fixtures.onCallFlat))
            let date = Date(timeIntervalSince1970: 1_494_244_800)
            let flat = try await client.onCalls(schedule: .name("Primary"), flat: true, date: date)
            #expect(flat.names == ["user@opsgenie.com", "user2@opsgenie.com"])
            #expect(server.last?.query["flat"] == "true")
            #expect(server.last?.query["date"] == "2017-05-08T12:00:00.000Z")
            #expect(server.last?.query["scheduleIdentifierType"] == "name")

            server.on("GET", "/v2/schedules/on-calls", .ok(Fixtures.allOnCalls))
            let all = try await client.allOnCalls(flat: true)
            #expect(all.map { $0.parent?.name } == ["Primary", "Secondary"])

            server.on("GET", "/v2/schedules/d875/next-on-calls", .ok(Fixtures.nextOnCalls))
            let next = try await client.nextOnCalls(schedule: .id("d875"))
            #expect(next.names == ["user3@opsgenie.com"])

            server.on("GET", "/v2/schedules/d875/timeline", .ok(Fixtures.timeline))
            let timeline = try await client.timeline(schedule: .id("d875"), interval: 2, intervalUnit: .days, date: date)
            #expect(server.last?.query["interval"] == "2")
            #expect(server.last?.query["intervalUnit"] == "days")
            #expect(server.last?.query["identifierType"] == "id")
            #expect(timeline.finalPeriods.map { $0.recipient?.name } == ["alice@example.com", "bob@example.com"])

            let summary = OpsgenieBackend.summarize(schedule: Schedule(id: "d875", name: "ScheduleName"), timeline: timeline, at: date)
            #expect(summary.current == ["alice@example.com"])
            #expect(summary.next == ["bob@example.com"])
            #expect(summary.handoffAt == Date(timeIntervalSince1970: 1_494_266_400))
        }
    }

    @Test func usersArePagedTeamsEscalationsAccount() async throws {
        try await withScripted { server, client, _ in
            server.on("GET", "/v2/users",
                      .ok(Fixtures.users(["ann", "bob"], next: "https://api.opsgenie.com/v2/users?offset=2&limit=2")),
                      .ok(Fixtures.users(["cat"], next: nil)))
            let users = try await client.listUsers(limit: 2)
            #expect(users.map(\.username) == ["ann@example.com", "bob@example.com", "cat@example.com"])
            #expect(users.first?.role?.name == "User")
            #expect(server.requests.map { $0.query["offset"] } == ["0", "2"])

            server.on("GET", "/v2/teams", .ok(Fixtures.teams))
            let teams = try await client.listTeams()
            #expect(teams.first?.members?.first?.user?.username == "alice@example.com")

            server.on("GET", "/v2/escalations", .ok(Fixtures.escalations))
            let escalations = try await client.listEscalations()
            #expect(escalations.first?.rules?.first?.delay?.timeAmount == 5)
            #expect(escalations.first?.repeat?.count == 2)

            server.on("GET", "/v2/account", .ok(Fixtures.account))
            let account = try await client.account()
            #expect(account.plan?.name == "Enterprise")
            #expect(account.userCount == 1450)
        }
    }

    @Test func incidents() async throws {
        try await withScripted { server, client, _ in
            server.on("GET", "/v1/incidents", .ok(Fixtures.incidents))
            let list = try await client.listIncidents(query: "status:open", limit: 10, sort: "createdAt", order: .asc)
            #expect(list.first?.message == "Checkout is down")
            #expect(list.first?.priority == .p1)
            #expect(list.first?.details == ["k": "v"], "Opsgenie's extraProperties are the incident's details")
            #expect(server.last?.query["query"] == "status:open")
            #expect(server.last?.query["order"] == "asc")

            server.on("GET", "/v1/incidents/12", .ok(Fixtures.incident))
            let one = try await client.getIncident(.tiny("12"))
            #expect(one.status == "resolved")
            #expect(server.last?.query["identifierType"] == "tiny")
        }
    }
}

/// Response bodies shaped as in Opsgenie's official API description and documentation examples.
enum Fixtures {
    static let alertList = #"""
    {
      "data": [
        {
          "id": "70413a06-38d6-4c85-92b8-5ebc900d42e2",
          "tinyId": "1791",
          "alias": "event_573",
          "message": "Our servers are in danger",
          "status": "closed",
          "acknowledged": false,
          "isSeen": true,
          "tags": ["OverwriteQuietHours", "Critical"],
          "snoozed": true,
          "snoozedUntil": "2017-04-03T20:32:35.143Z",
          "count": 79,
          "lastOccurredAt": "2017-04-03T20:05:50.894Z",
          "createdAt": "2017-03-21T20:32:52.353Z",
          "updatedAt": "2017-04-03T20:32:57.301Z",
          "source": "Isengard",
          "owner": "morpheus@opsgenie.com",
          "priority": "P5",
          "responders": [
            {"type": "team", "id": "8418d193-2dab-4490-b331-8c02cdd196b7"},
            {"type": "user", "id": "4513b7ea-3b91-438f-b7e4-e3e54af9147c"}
          ],
          "integration": {"id": "4513b7ea-3b91-438f-b7e4-e3e54af9147c", "name": "Nebuchadnezzar", "type": "API"},
          "report": {"ackTime": 15702, "closeTime": 60503, "acknowledgedBy": "agent_smith@opsgenie.com", "closedBy": "neo@opsgenie.com"},
          "someFieldFromTheFuture": {"nested": [1, 2, 3]}
        },
        {
          "id": "70413a06-38d6-4c85-92b8-5ebc900d42e3",
          "tinyId": "1792",
          "message": "Disk almost full",
          "status": "open",
          "acknowledged": true,
          "createdAt": "2017-03-21T20:32:52Z",
          "priority": "P9"
        }
      ],
      "paging": {
        "next": "https://api.opsgenie.com/v2/alerts?query=status%3Aopen&offset=20&limit=10&sort=createdAt&order=desc",
        "first": "https://api.opsgenie.com/v2/alerts?query=status%3Aopen&offset=0&limit=10&sort=createdAt&order=desc",
        "last": "https://api.opsgenie.com/v2/alerts?query=status%3Aopen&offset=100&limit=10&sort=createdAt&order=desc"
      },
      "took": 0.605,
      "requestId": "9ae63dd7-ed00-4c81-86f0-c4ffd33142c9"
    }
    """#

    static func alertPage(ids: [String], next: String?) -> String {
        let items = ids.map { #"{"id":"\#($0)","tinyId":"\#($0)","message":"m \#($0)","status":"open","priority":"P3"}"# }
        let paging = next.map { #","paging":{"next":"\#($0)"}"# } ?? #","paging":{}"#
        return #"{"data":[\#(items.joined(separator: ","))]\#(paging),"took":0.1,"requestId":"r"}"#
    }

    static let alert = #"""
    {
      "data": {
        "id": "70413a06-38d6-4c85-92b8-5ebc900d42e2",
        "tinyId": "1791",
        "alias": "event/573 with space",
        "message": "Our servers are in danger",
        "status": "open",
        "acknowledged": false,
        "isSeen": true,
        "tags": ["OverwriteQuietHours"],
        "snoozed": false,
        "count": 79,
        "lastOccurredAt": "2017-04-03T20:05:50.894Z",
        "createdAt": "2017-03-21T20:32:52.353Z",
        "updatedAt": "2017-04-03T20:32:57.301Z",
        "source": "Isengard",
        "owner": "morpheus@opsgenie.com",
        "priority": "P1",
        "responders": [{"type": "team", "id": "8418d193-2dab-4490-b331-8c02cdd196b7"}],
        "report": {"ackTime": 15702},
        "actions": ["Restart", "Ping"],
        "entity": "EC2",
        "description": "Example description",
        "details": {"serverName": "Zion", "region": "Oregon", "cpu": 97, "critical": true}
      },
      "took": 0.003,
      "requestId": "8e8a2ea3-42b6-4d1c-b5c8-2d0b0c5a9c5f"
    }
    """#

    static let notes = #"""
    {"data":[{"note":"Please take a look","owner":"john.smith@opsgenie.com","createdAt":"2017-04-03T20:32:35.143Z","offset":"1492029143843_1492029143843041000"}],
     "paging":{"next":"https://api.opsgenie.com/v2/alerts/1/notes?offset=1492029143843_1492029143843041000&direction=next&order=desc"},
     "took":0.01,"requestId":"r"}
    """#

    static let logs = #"""
    {"data":[{"log":"Alert acknowledged via web","type":"system","owner":"john.smith@opsgenie.com","createdAt":"2017-04-03T20:32:35.143Z","offset":"1492029143843_1492029143843041000"}],
     "took":0.01,"requestId":"r"}
    """#

    static let savedSearches = #"""
    {"data":[{"id":"dcb950d7-e0f2-4c70-a4f9-17d4e0d34d4b","name":"open-p1"},{"id":"fcb950d7-e0f2-4c70-a4f9-17d4e0d34d4c","name":"mine"}],"took":0.1,"requestId":"r"}
    """#

    static let requestStatusSuccess = #"""
    {"data":{"success":true,"action":"Acknowledge","processedAt":"2017-05-24T14:24:20.844Z","integrationId":"c9cec2cb-e782-4ebb-bc1d-1b2fa703cf03","isSuccess":true,"status":"Acknowledged","alertId":"8743a1b2-11da-480e-8493-744660987bef","alias":"alias1"},"took":0.022,"requestId":"req-1"}
    """#

    static let requestStatusFailure = #"""
    {"data":{"action":"Close","processedAt":"2017-05-24T14:24:20.844Z","isSuccess":false,"status":"Alert is already closed","alertId":"8743a1b2-11da-480e-8493-744660987bef"},"took":0.022,"requestId":"req-1"}
    """#

    static let heartbeats = #"""
    {"data":{"heartbeats":[
      {"name":"HeartbeatName","description":"","interval":10,"enabled":true,"intervalUnit":"minutes","expired":false,"lastPingTime":"2017-04-03T20:32:35.143Z","ownerTeam":{"id":"t1","name":"ops"}},
      {"name":"nightly-backup","interval":1,"enabled":true,"intervalUnit":"days","expired":true},
      {"name":"weird","interval":5,"enabled":false,"intervalUnit":"fortnights"}
    ]},"took":0.1,"requestId":"r"}
    """#

    static let heartbeat = #"""
    {"data":{"name":"HeartbeatName","description":"Checks the API","interval":10,"enabled":true,"intervalUnit":"minutes","expired":false,"lastPingTime":"2017-04-03T20:32:35Z"},"took":0.1,"requestId":"r"}
    """#

    static let schedules = #"""
    {"data":[{"id":"d875alp4-9b4e-4219-alp3-0c26936d18de","name":"ScheduleName","description":"ScheduleDescription","timezone":"Europe/Kirov","enabled":true,
      "ownerTeam":{"id":"90098alp9-f0e3-41d3-a060-0ea895027630","name":"TeamName"},
      "rotations":[{"id":"a47alp93-0541-4aa3-bac6-4084cbbb97ba","name":"First Rotation","startDate":"2017-02-06T05:00:00Z","type":"weekly","length":2,
        "participants":[{"type":"user","id":"b5b92115-bfe7-43eb-8c2a-e467f2e5ddc4","username":"user@opsgenie.com"},{"type":"none"}],
        "timeRestriction":{"type":"time-of-day","restriction":{"startHour":9,"startMin":0,"endHour":17,"endMin":0}}}]}],
     "expandable":["rotation"],"took":0.1,"requestId":"r"}
    """#

    static let onCall = #"""
    {"data":{"_parent":{"id":"d875alp4-9b4e-4219-alp3-0c26936d18de","name":"ScheduleName","enabled":true},
      "onCallParticipants":[{"id":"b3b9a6f3-0a7a-4d39-a0c2-7bd1df0e9d44","name":"user@opsgenie.com","type":"user"},
        {"id":"e1","name":"escalation1","type":"escalation","onCallParticipants":[{"id":"u2","name":"user2@opsgenie.com","type":"user","escalationTime":0,"notifyType":"default"}]}]},
     "took":0.1,"requestId":"r"}
    """#

    static let onCallFlat = #"""
    {"data":{"_parent":{"id":"d875","name":"ScheduleName","enabled":true},"onCallRecipients":["user@opsgenie.com","user2@opsgenie.com"]},"took":0.1,"requestId":"r"}
    """#

    static let allOnCalls = #"""
    {"data":[{"_parent":{"id":"s1","name":"Primary","enabled":true},"onCallRecipients":["a@example.com"]},
             {"_parent":{"id":"s2","name":"Secondary","enabled":true},"onCallRecipients":["b@example.com"]}],"took":0.1,"requestId":"r"}
    """#

    static let nextOnCalls = #"""
    {"data":{"_parent":{"id":"d875","name":"ScheduleName","enabled":true},
      "nextOnCallRecipients":[{"id":"u3","name":"user3@opsgenie.com","type":"user"}],
      "exactNextOnCallRecipients":[{"id":"u3","name":"user3@opsgenie.com","type":"user"}]},"took":0.1,"requestId":"r"}
    """#

    static let timeline = #"""
    {"data":{"_parent":{"id":"d875","name":"ScheduleName","enabled":true},
      "startDate":"2017-05-08T00:00:00Z","endDate":"2017-05-10T00:00:00Z",
      "finalTimeline":{"rotations":[{"id":"r1","name":"Rota","order":1.0,"periods":[
        {"startDate":"2017-05-08T00:00:00Z","endDate":"2017-05-08T18:00:00Z","type":"historical","recipient":{"id":"u1","type":"user","name":"alice@example.com"}},
        {"startDate":"2017-05-08T18:00:00Z","endDate":"2017-05-10T00:00:00Z","type":"default","recipient":{"id":"u2","type":"user","name":"bob@example.com"}}]}]}},
     "expandable":["base","forwarding","override"],"took":0.1,"requestId":"r"}
    """#

    static func users(_ names: [String], next: String?) -> String {
        let items = names.map { #"{"id":"id-\#($0)","username":"\#($0)@example.com","fullName":"\#($0.capitalized)","role":{"id":"User","name":"User"},"timeZone":"Europe/Berlin","verified":true,"createdAt":"2017-05-15T10:34:57.234Z"}"# }
        let paging = next.map { #","paging":{"next":"\#($0)"}"# } ?? ""
        return #"{"data":[\#(items.joined(separator: ","))],"totalCount":\#(names.count)\#(paging),"took":0.1,"requestId":"r"}"#
    }

    static let teams = #"""
    {"data":[{"id":"90098alp9-f0e3-41d3-a060-0ea895027630","name":"ops_team","description":"Operations",
      "members":[{"user":{"id":"u1","username":"alice@example.com"},"role":"admin"}]}],"took":0.1,"requestId":"r"}
    """#

    static let escalations = #"""
    {"data":[{"id":"9a2a6b8f-1234","name":"Engineering_escalation","description":"",
      "ownerTeam":{"id":"t1","name":"eng"},
      "rules":[{"condition":"if-not-acked","notifyType":"default","delay":{"timeAmount":5,"timeUnit":"minutes"},"recipient":{"type":"schedule","id":"s1","name":"Primary"}}],
      "repeat":{"waitInterval":10,"count":2,"resetRecipientStates":false,"closeAlertAfterAll":false}}],"took":0.1,"requestId":"r"}
    """#

    static let account = #"""
    {"data":{"name":"opsgenie","userCount":1450,"plan":{"maxUserCount":1500,"name":"Enterprise","isYearly":true}},"took":0.1,"requestId":"r"}
    """#

    static let incidents = #"""
    {"data":[{"id":"incident-1","tinyId":"12","message":"Checkout is down","status":"open","isSeen":true,"tags":["p1"],
      "createdAt":"2017-04-12T09:39:22.191Z","updatedAt":"2017-04-12T09:39:22.191Z","source":"web","owner":"","priority":"P1",
      "responders":[{"type":"team","id":"t1"}],"ownerTeam":"t1","extraProperties":{"k":"v"}}],
     "paging":{"first":"https://api.opsgenie.com/v1/incidents?query=status%3Aopen&offset=0&limit=10"},"took":0.1,"requestId":"r"}
    """#

    static let incident = #"""
    {"data":{"id":"incident-1","tinyId":"12","message":"Checkout is down","status":"resolved","priority":"P2","createdAt":"2017-04-12T09:39:22Z"},"took":0.1,"requestId":"r"}
    """#
}

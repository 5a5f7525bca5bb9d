import Foundation
import OperationsModel

extension JSMOpsClient {
    /// The site's cloudId, from `https://{site}/_edge/tenant_info`.
    public func cloudId() async throws(OperationsError) -> String {
        do {
            return try await get(JSMTenantInfo.self, Request(target: .site, path: "/_edge/tenant_info", domain: .configuration)).cloudId
        } catch where [401, 403, 404].contains(error.status ?? 0) || error.faultClass == .badResponse {
            throw .invalidConfiguration("\(configuration.site.host ?? "the site") is not an Atlassian Cloud site (no cloudId at /_edge/tenant_info): "
                                        + "check --site, e.g. acme.atlassian.net, or give --cloud-id")
        }
    }

    /// Every page of a `{values, links.next}` list: `next` is a path rooted at `/v1`, always
    /// sent to the configured API host, never followed anywhere else.
    func listAll<Item: Decodable & Sendable>(_ type: Item.Type, path: String, query: [(String, String)] = [], domain: RateLimitDomain,
                                              maxPages: Int = 50) async throws(OperationsError) -> [Item] {
        var items: [Item] = []
        var next: (path: String, query: [(String, String)])? = (path, query + [("size", "100")])
        var pages = 0
        while let current = next, pages < maxPages {
            let page = try await get(JSMPage<Item>.self, Request(path: current.path, query: current.query, domain: domain))
            items += page.values ?? []
            pages += 1
            next = page.links?.next.flatMap(Self.relativeLink)
        }
        return items
    }

    /// The path and query of a `links.next` (`/v1/alerts?offset=10&size=5`).
    static func relativeLink(_ link: String) -> (path: String, query: [(String, String)])? {
        guard !link.isEmpty, let components = URLComponents(string: link), components.path.hasPrefix("/v1/") else { return nil }
        return (components.path, (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
    }

    /// Teams the account can see: `[id: name]`.
    public func teams() async throws(OperationsError) -> [String: String] {
        let answer = try await get(JSMTeams.self, Request(path: "/v1/teams", domain: .configuration))
        var names: [String: String] = [:]
        for team in answer.platformTeams ?? [] { names[team.teamId] = team.teamName ?? team.teamId }
        return names
    }

    /// Team names, looked up once and kept (responders carry ids only).
    func teamNamesCached() async -> [String: String] {
        if let cached = teamCache.withLock({ $0 }) { return cached }
        guard let names = try? await teams() else { return [:] }
        teamCache.withLock { $0 = names }
        return names
    }

    /// Every team's heartbeats.
    public func heartbeats() async throws(OperationsError) -> [Heartbeat] {
        var beats: [Heartbeat] = []
        for (teamId, teamName) in try await teams().sorted(by: { $0.value < $1.value }) {
            let list = try await listAll(JSMHeartbeat.self, path: "/v1/teams/\(teamId.percentEncodedComponent)/heartbeats", domain: .heartbeat)
            beats += list.map { $0.heartbeat(teamName: teamName) }
        }
        return beats
    }

    /// Every team's escalations.
    public func escalations() async throws(OperationsError) -> [Escalation] {
        var listed: [(JSMEscalation, TeamMeta)] = []
        let teams = try await teams()
        for (teamId, teamName) in teams.sorted(by: { $0.value < $1.value }) {
            let list = try await listAll(JSMEscalation.self, path: "/v1/teams/\(teamId.percentEncodedComponent)/escalations", domain: .configuration)
            listed += list.map { ($0, TeamMeta(id: teamId, name: teamName)) }
        }
        // Rules name recipients by id only: teams by the team list, people by the site's directory.
        let accountIds = Set(listed.flatMap { $0.0.rules ?? [] }.compactMap { $0.recipient?.type == "user" ? $0.recipient?.id : nil })
        let people = accountIds.isEmpty ? [:] : ((try? await displayNames(accountIds)) ?? [:])
        return listed.map { escalation, team in
            let rules = (escalation.rules ?? []).map { rule in
                let type = rule.recipient?.type.map(ResponderType.init(rawValue:))
                let id = rule.recipient?.id
                let name: String? = switch rule.recipient?.type {
                case "team": id.flatMap { teams[$0] }
                case "user": id.flatMap { people[$0]?.name }
                default: nil
                }
                return EscalationRule(condition: rule.condition, notifyType: rule.notifyType,
                                      delay: EscalationDelay(timeAmount: rule.delay ?? 0, timeUnit: "minutes"),
                                      recipient: rule.recipient.map { _ in Recipient(type: type, id: id, name: name) })
            }
            let again = escalation.repeat.map {
                EscalationRepeat(waitInterval: $0.waitInterval, count: $0.count, resetRecipientStates: $0.resetRecipientStates,
                                 closeAlertAfterAll: $0.closeAlertAfterAll)
            }
            return Escalation(id: escalation.id, name: escalation.name, description: escalation.description, ownerTeam: team,
                              rules: rules, repeat: again)
        }
    }

    /// The account ids on call for a schedule now, and next.
    func onCallAccounts(scheduleId: String, at date: Date) async throws(OperationsError) -> (now: [String], next: [String]) {
        let query = [("flat", "true"), ("date", ServiceJSON.formatDate(date))]
        let path = "/v1/schedules/\(scheduleId.percentEncodedComponent)"
        let now = try await get(JSMOnCallUsers.self, Request(path: path + "/on-calls", query: query, domain: .scheduleOnCalls))
        let next = try await get(JSMOnCallUsers.self, Request(path: path + "/next-on-calls", query: query, domain: .scheduleOnCalls))
        return (now.onCallUsers ?? [], next.nextOnCallUsers ?? [])
    }

    /// Who is on call per schedule, by display name (names from the site's Jira users, cached).
    public func onCall(at date: Date) async throws(OperationsError) -> [OnCallSummary] {
        let schedules = try await listAll(JSMSchedule.self, path: "/v1/schedules", domain: .configuration).filter { $0.enabled != false }
        var accounts: [(JSMSchedule, [String], [String])] = []
        for schedule in schedules {
            let (now, next) = try await onCallAccounts(scheduleId: schedule.id, at: date)
            accounts.append((schedule, now, next))
        }
        let names = try await displayNames(Set(accounts.flatMap { $0.1 + $0.2 }))
        return accounts.map { schedule, now, next in
            OnCallSummary(scheduleId: schedule.id, scheduleName: schedule.name ?? schedule.id, timezone: schedule.timezone,
                          current: now.map { names[$0]?.name ?? $0 }.sorted(), next: next.map { names[$0]?.name ?? $0 }.sorted(), handoffAt: nil)
        }
    }

    /// Display names (and emails where the privacy settings allow) for account ids, from the
    /// site's `/rest/api/3/user/bulk`; kept for the life of the client.
    public func displayNames(_ accountIds: Set<String>) async throws(OperationsError) -> [String: (name: String, email: String?)] {
        let missing = accountIds.subtracting(userCache.withLock { Set($0.keys) }).sorted()
        for chunk in stride(from: 0, to: missing.count, by: 50).map({ Array(missing[$0..<min(missing.count, $0 + 50)]) }) {
            var start = 0
            while true {
                let query = chunk.map { ("accountId", $0) } + [("startAt", String(start)), ("maxResults", "50")]
                let page = try await get(JiraUserPage.self, Request(target: .site, path: "/rest/api/3/user/bulk", query: query, domain: .configuration))
                let users = page.values ?? []
                userCache.withLock { cache in
                    for user in users { cache[user.accountId] = (user.displayName ?? user.accountId, user.emailAddress) }
                }
                start += users.count
                if page.isLast != false || users.isEmpty { break }
            }
        }
        return userCache.withLock { cache in cache.filter { accountIds.contains($0.key) } }
    }

    /// People Vigil has resolved so far (on call now or next), for the assign picker.
    public var knownUsers: [User] {
        userCache.withLock { cache in
            cache.map { User(id: $0.key, username: $0.value.email ?? $0.value.name, fullName: $0.value.name) }
                .sorted { ($0.fullName ?? "") < ($1.fullName ?? "") }
        }
    }
}

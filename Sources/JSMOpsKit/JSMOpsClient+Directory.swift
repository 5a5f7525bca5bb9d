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
    ///
    /// `pageSize` is the operation's documented maximum: 100 for heartbeats and escalations,
    /// 50 for schedules (the spec answers 422 above it).
    func listAll<Item: Decodable & Sendable>(_ type: Item.Type, path: String, query: [(String, String)] = [], pageSize: Int = 100,
                                              domain: RateLimitDomain, maxPages: Int = 50) async throws(OperationsError) -> [Item] {
        var items: [Item] = []
        var next: (path: String, query: [(String, String)])? = (path, query + [("size", String(pageSize))])
        var pages = 0
        while let current = next, pages < maxPages {
            let page = try await get(JSMPage<Item>.self, Request(path: current.path, query: current.query, domain: domain))
            items += page.values ?? []
            pages += 1
            next = page.links?.next.flatMap(Self.relativeLink)
        }
        return items
    }

    /// The path and query of a `links.next`: relative (`/v1/alerts?offset=10&size=5`, as the
    /// schemas' examples) or absolute (`https://api.atlassian.com/jsm/ops/api/{cloudId}/v1/…`, as
    /// the spec's pagination text). Only the part from `/v1/` on is kept: the request always
    /// goes to the configured host, never to one a link names.
    static func relativeLink(_ link: String) -> (path: String, query: [(String, String)])? {
        guard !link.isEmpty, let components = URLComponents(string: link) else { return nil }
        let path = components.path
        let v1: Substring
        if path.hasPrefix("/v1/") { v1 = Substring(path) }
        else if let range = path.range(of: "/v1/"), path[..<range.lowerBound].hasPrefix("/jsm/ops/api/") { v1 = path[range.lowerBound...] }
        else { return nil }
        return (String(v1), (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
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

    /// What JSM says when a plan has no heartbeats (402 on `listHeartbeats`).
    static let heartbeatPlanText = "heartbeats need JSM Premium or Enterprise"

    /// Every team's heartbeats. A team whose heartbeats answer 402 (the plan has none) or 403
    /// (the token may not read that team) is a limit named in the pane; the other teams' show.
    /// A 402 is the site's plan, so it is said once, not once per team.
    public func heartbeats() async throws(OperationsError) -> LimitedAnswer<[Heartbeat]> {
        var beats: [Heartbeat] = []
        var limits: [FeatureLimit] = []
        var planLacksThem = false
        for (teamId, teamName) in try await teams().sorted(by: { $0.value < $1.value }) {
            do {
                let list = try await listAll(JSMHeartbeat.self, path: "/v1/teams/\(teamId.percentEncodedComponent)/heartbeats", domain: .heartbeat)
                beats += list.map { $0.heartbeat(teamName: teamName) }
            } catch where error.status == 402 {
                planLacksThem = true
            } catch {
                guard let limit = FeatureLimit.from(error, feature: "heartbeats", scope: "team \(teamName)") else { throw error }
                limits.append(limit)
            }
        }
        // The plan is said once, first; a team the token may not read is said as well.
        if planLacksThem { limits.insert(FeatureLimit(feature: "heartbeats", reason: .plan, text: Self.heartbeatPlanText), at: 0) }
        return LimitedAnswer(beats, limits: limits)
    }

    /// Every team's escalations.
    public func escalations() async throws(OperationsError) -> [Escalation] {
        var listed: [(JSMEscalation, TeamMeta)] = []
        let teams = try await teams()
        for (teamId, teamName) in teams.sorted(by: { $0.value < $1.value }) {
            // A team the token may not read offers no escalations; the others still do.
            do {
                let list = try await listAll(JSMEscalation.self, path: "/v1/teams/\(teamId.percentEncodedComponent)/escalations", domain: .configuration)
                listed += list.map { ($0, TeamMeta(id: teamId, name: teamName)) }
            } catch where FeatureLimit.from(error, feature: "escalations", scope: teamName) != nil {
                logger.info("escalations of team \(teamName) not readable: \(error.description)")
            }
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
    /// A schedule the token may not read is a limit; names the site's user API will not give
    /// show as account ids, with a limit that says why.
    public func onCall(at date: Date) async throws(OperationsError) -> LimitedAnswer<[OnCallSummary]> {
        let schedules: [JSMSchedule]
        do {
            schedules = try await listAll(JSMSchedule.self, path: "/v1/schedules", pageSize: 50, domain: .configuration).filter { $0.enabled != false }
        } catch {
            guard let limit = FeatureLimit.from(error, feature: "on-call") else { throw error }
            return LimitedAnswer([], limits: [limit])
        }
        var accounts: [(JSMSchedule, [String], [String])] = []
        var limits: [FeatureLimit] = []
        for schedule in schedules {
            do {
                let (now, next) = try await onCallAccounts(scheduleId: schedule.id, at: date)
                accounts.append((schedule, now, next))
            } catch {
                guard let limit = FeatureLimit.from(error, feature: "on-call", scope: "schedule \(schedule.name ?? schedule.id)") else { throw error }
                limits.append(limit)
            }
        }
        var names: [String: (name: String, email: String?)] = [:]
        do { names = try await displayNames(Set(accounts.flatMap { $0.1 + $0.2 })) } catch {
            logger.info("names of on-call people not readable: \(error.description)")
            limits.append(FeatureLimit(feature: "names", reason: error.status == 403 ? .rights : .absent,
                                       text: "names: the site's user directory did not answer (\(error.status.map { "HTTP \($0)" } ?? error.faultClass.rawValue)); showing account ids"))
        }
        let summaries = accounts.map { schedule, now, next in
            OnCallSummary(scheduleId: schedule.id, scheduleName: schedule.name ?? schedule.id, timezone: schedule.timezone,
                          current: now.map { names[$0]?.name ?? $0 }.sorted(), next: next.map { names[$0]?.name ?? $0 }.sorted(), handoffAt: nil)
        }
        return LimitedAnswer(summaries, limits: limits)
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

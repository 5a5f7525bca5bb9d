import Foundation
import OperationsModel
import Synchronization
import Testing
import VigilRuntime

/// A backend with incidents and nothing else, recording the incident writes it is sent.
final class IncidentStub: OperationsBackend, Sendable {
    let name: String
    let list: [Incident]
    let hasAPI: Bool
    let writes = Mutex<[String]>([])
    init(_ name: String, incidents: [Incident], hasAPI: Bool = true) { self.name = name; list = incidents; self.hasAPI = hasAPI }

    var hostDescription: String { name }
    let rateLimits = RateLimitTracker()
    var incidentsElsewhere: String? { hasAPI ? nil : "\(name) keeps incidents elsewhere" }
    func incidents(limit: Int) async throws(OperationsError) -> IncidentPage { IncidentPage(incidents: Array(list.prefix(limit))) }
    func incidentDetail(id: String) async throws(OperationsError) -> IncidentDetail {
        guard let incident = list.first(where: { $0.id == id }) else { throw .invalidConfiguration("no incident \(id)") }
        return IncidentDetail(incident: incident)
    }
    func perform(_ action: IncidentAction, incidentId: String, context: ActionContext) async throws(OperationsError) -> ActionReceipt {
        writes.withLock { $0.append("\(action.verb) \(incidentId)") }
        return ActionReceipt(requestId: "r-\(incidentId)")
    }
    func confirmIncident(_ receipt: ActionReceipt, timeout: Duration) async throws(OperationsError) -> RequestStatus {
        writes.withLock { $0.append("confirm \(receipt.requestId)") }
        return RequestStatus(action: "Resolve", processedAt: nil, isSuccess: true, status: "ok", alertId: nil, alias: nil)
    }
    func alerts(_ query: AlertQuery, maxPages: Int) async throws(OperationsError) -> AlertPage { AlertPage(alerts: [], nextOffset: nil, pagesFetched: 1) }
    func countAlerts(_ query: AlertQuery) async throws(OperationsError) -> Int { 0 }
    func alert(id: String) async throws(OperationsError) -> Alert { throw .invalidConfiguration("no alerts") }
    func notes(alertId: String, limit: Int) async throws(OperationsError) -> [AlertNote] { [] }
    func logs(alertId: String, limit: Int) async throws(OperationsError) -> [AlertLog] { [] }
    func heartbeats() async throws(OperationsError) -> LimitedAnswer<[Heartbeat]> { LimitedAnswer([]) }
    func onCall(at now: Date) async throws(OperationsError) -> LimitedAnswer<[OnCallSummary]> { LimitedAnswer([]) }
    func users() async throws(OperationsError) -> [User] { [] }
    func escalations() async throws(OperationsError) -> [Escalation] { [] }
    func savedSearches() async throws(OperationsError) -> [SavedSearchMeta] { [] }
    func perform(_ action: AlertAction, alertId: String, context: ActionContext) async throws(OperationsError) -> ActionReceipt {
        throw .invalidConfiguration("no alerts")
    }
    func confirm(_ receipt: ActionReceipt, timeout: Duration) async throws(OperationsError) -> RequestStatus { throw .invalidConfiguration("no alerts") }
}

@Suite("Several sources: incidents")
struct SourceSetIncidentTests {
    static func incident(_ id: String, minutesAgo: Double) -> Incident {
        Incident(id: id, message: "incident \(id)", status: "open", createdAt: Date(timeIntervalSince1970: 1_795_000_000 - minutesAgo * 60))
    }

    @Test func incidentsMergeNewestFirstFromTheSourcesThatHaveThemAndWritesGoToTheirOwn() async throws {
        let us = IncidentStub("us", incidents: [Self.incident("i1", minutesAgo: 30), Self.incident("i2", minutesAgo: 5)])
        let eu = IncidentStub("eu", incidents: [Self.incident("i1", minutesAgo: 10)])
        let jsm = IncidentStub("jsm", incidents: [Self.incident("x", minutesAgo: 1)], hasAPI: false)
        let set = SourceSet([NamedSource(name: "og-us", backend: us), NamedSource(name: "og-eu", backend: eu), NamedSource(name: "jsm", backend: jsm)])
        #expect(set.incidentsElsewhere == nil, "some source serves incidents")
        #expect(set.incidentsNotListed == "jsm (jsm keeps incidents elsewhere)", "and the one that does not says where its are")
        let page = try await set.incidents(limit: 10)
        #expect(page.incidents.map(\.id) == ["og-us:i2", "og-eu:i1", "og-us:i1"], "newest first, ids scoped, jsm not asked")
        #expect(page.incidents.map(\.origin) == ["og-us", "og-eu", "og-us"])
        #expect(try await set.incidents(limit: 2).hasMore)

        let detail = try await set.incidentDetail(id: "og-eu:i1")
        #expect(detail.incident.id == "og-eu:i1" && detail.incident.origin == "og-eu")
        let receipt = try await set.perform(.resolve, incidentId: "og-eu:i1", context: ActionContext())
        #expect(receipt.requestId == "og-eu:r-i1")
        _ = try await set.confirmIncident(receipt, timeout: .seconds(1))
        #expect(eu.writes.withLock { $0 } == ["resolve i1", "confirm r-i1"], "the write and its confirmation went to og-eu")
        #expect(us.writes.withLock { $0 }.isEmpty, "og-us, which has an i1 of its own, got nothing")
        await #expect(throws: OperationsError.self) { try await set.perform(.close, incidentId: "i1", context: ActionContext()) }
    }

    @Test func withNoIncidentAPIAnywhereEachSourceSaysWhereItsIncidentsLive() async throws {
        let set = SourceSet([NamedSource(name: "jsm", backend: IncidentStub("jsm", incidents: [], hasAPI: false)),
                             NamedSource(name: "jsm2", backend: IncidentStub("jsm2", incidents: [], hasAPI: false))])
        #expect(set.incidentsElsewhere == "jsm: jsm keeps incidents elsewhere; jsm2: jsm2 keeps incidents elsewhere")
        #expect(set.incidentsNotListed == nil, "the whole pane says it instead")
        await #expect(throws: OperationsError.self) { try await set.incidents(limit: 5) }
    }
}

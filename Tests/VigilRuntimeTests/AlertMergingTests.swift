import Foundation
import OperationsModel
import Testing
@testable import VigilRuntime

/// Which rows of several sources are one alert, and what the one row shows.
@Suite("Merging rows: what is one alert")
struct AlertMergingTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func row(_ source: String, _ id: String, alias: String? = nil, message: String = "disk full", entity: String = "db-1",
                    minutesAgo: Double = 0, acked: Bool = false, status: AlertStatus = .open, priority: AlertPriority = .p3) -> Alert {
        var alert = Alert(id: "\(source):\(id)", tinyId: id, alias: alias, message: message, status: status, acknowledged: acked,
                          createdAt: now.addingTimeInterval(-minutesAgo * 60), priority: priority, entity: entity)
        alert.origin = source
        return alert
    }

    static let order = ["og-eu", "jsm"]

    @Test func theSameAliasInTwoSourcesIsOneRowTheFirstRaisedCopy() {
        let merged = AlertMerging.merge([Self.row("jsm", "7", alias: "a1", minutesAgo: 1), Self.row("og-eu", "3", alias: "a1", minutesAgo: 300)],
                                        sourceOrder: Self.order)
        #expect(merged.count == 1)
        #expect(merged[0].id == "og-eu:3" && merged[0].copies?.map(\.source) == ["og-eu", "jsm"], "copies in the config's order")
        // Raised in jsm first: jsm's row stays the row when og-eu's copy arrives a minute later.
        let alone = AlertMerging.merge([Self.row("jsm", "7", alias: "a2", minutesAgo: 2)], sourceOrder: Self.order)
        let later = AlertMerging.merge([Self.row("og-eu", "4", alias: "a2", minutesAgo: 1), Self.row("jsm", "7", alias: "a2", minutesAgo: 2)],
                                       sourceOrder: Self.order)
        #expect(alone[0].id == "jsm:7" && later[0].id == "jsm:7", "the row under the cursor keeps its id")
        #expect(later[0].copies?.map(\.source) == ["og-eu", "jsm"])
        let tie = AlertMerging.merge([Self.row("jsm", "8", alias: "a3"), Self.row("og-eu", "5", alias: "a3")], sourceOrder: Self.order)
        #expect(tie[0].id == "og-eu:5", "raised together: the config's first source")
    }

    @Test func rowsOfOneSourceNeverMergeWithEachOther() {
        let merged = AlertMerging.merge([Self.row("og-eu", "1", alias: "a1"), Self.row("og-eu", "2", alias: "a1", status: .closed),
                                         Self.row("jsm", "9", alias: "a1")], sourceOrder: Self.order)
        #expect(merged.count == 2 && merged[0].copies?.map(\.id) == ["og-eu:1", "jsm:9"] && merged[1].copies == nil)
    }

    @Test func withoutAnAliasTheSameMessageAndEntityWithin15MinutesMerge() {
        let near = AlertMerging.merge([Self.row("og-eu", "1", minutesAgo: 0), Self.row("jsm", "2", minutesAgo: 14)], sourceOrder: Self.order)
        #expect(near.count == 1)
        let far = AlertMerging.merge([Self.row("og-eu", "1", minutesAgo: 0), Self.row("jsm", "2", minutesAgo: 16)], sourceOrder: Self.order)
        #expect(far.count == 2, "more than 15 minutes apart: two alerts")
        let otherEntity = AlertMerging.merge([Self.row("og-eu", "1"), Self.row("jsm", "2", entity: "db-2")], sourceOrder: Self.order)
        #expect(otherEntity.count == 2)
        let differentAliases = AlertMerging.merge([Self.row("og-eu", "1", alias: "x"), Self.row("jsm", "2", alias: "y")], sourceOrder: Self.order)
        #expect(differentAliases.count == 2, "an alias decides: same message, other alias, other alert")
    }

    @Test func theRowShowsTheWorstStateAndTheMostUrgentPriority() {
        let merged = AlertMerging.merge([Self.row("og-eu", "1", alias: "a", acked: true, priority: .p3),
                                         Self.row("jsm", "2", alias: "a", priority: .p2)], sourceOrder: Self.order)[0]
        #expect(merged.acknowledged == false && merged.status == .open && merged.priority == .p2)
        #expect(merged.copies?.map(\.acknowledged) == [true, false], "each copy keeps its own state")
        let closed = AlertMerging.merge([Self.row("og-eu", "1", alias: "a", status: .closed),
                                         Self.row("jsm", "2", alias: "a", acked: true)], sourceOrder: Self.order)[0]
        #expect(closed.status == .open && closed.acknowledged == true, "acknowledged in one, closed in the other: acknowledged")
    }
}

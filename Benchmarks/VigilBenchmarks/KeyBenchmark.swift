import Foundation
import OpsgenieKit
import VigilCore
import VigilTerminal

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func report(_ name: String, _ samples: [Double]) {
    let sorted = samples.sorted()
    print(String(format: "%-38@ n=%5d  median %8.3f ms  p99 %8.3f ms  max %8.3f ms", name as NSString, sorted.count,
                 percentile(sorted, 0.5), percentile(sorted, 0.99), sorted.last ?? 0))
}

func measure(_ body: () -> Void) -> Double {
    let start = ContinuousClock.now
    body()
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}


/// Key-to-frame and poll-to-frame cost with 10,000 alerts at 200×60.
func keyBenchmark() {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let priorities: [AlertPriority] = [.p1, .p2, .p3, .p4, .p5]
    let alerts = (0..<10_000).map { i in
        Alert(id: "alert-\(i)", tinyId: String(i), alias: "a\(i)", message: "[service-\(i % 40)] symptom number \(i) on host-\(i % 97).prod",
              status: .open, acknowledged: i % 7 == 0, tags: ["svc\(i % 40)"], count: i % 5 + 1,
              createdAt: now.addingTimeInterval(-Double(i) * 3), owner: i % 11 == 0 ? "bob@example.com" : "",
              priority: priorities[i % 5], responders: [Responder(type: "team", id: "t\(i % 3)", name: ["platform", "payments", "storefront"][i % 3])])
    }
    let page = AlertPage(alerts: alerts, nextOffset: nil, pagesFetched: 100)

    var state = DashboardState(settings: DashboardSettings(host: "bench"), now: now, width: 200, height: 60)
    _ = state.update(.tick(now))

    var pollSamples: [Double] = []
    for i in 0..<50 {
        var copy = alerts
        copy.swapAt(i, 9_999 - i)
        let result = AlertPage(alerts: copy, nextOffset: nil, pagesFetched: 100)
        pollSamples.append(measure {
            _ = state.update(.alertsLoaded(.success(result)))
            _ = state.render()
        })
    }
    _ = state.update(.alertsLoaded(.success(page)))

    // What a storm poll really brings since lists are read by priority: true counts and the
    // urgent pages (200 alerts), not all 10,000.
    var stormState = DashboardState(settings: DashboardSettings(host: "bench"), now: now, width: 200, height: 60)
    _ = stormState.update(.tick(now))
    let counts = [2_000, 2_000, 2_000, 2_000, 2_000, 0]
    var stormSamples: [Double] = []
    for i in 0..<200 {
        var pages: [AlertPageKey: [Alert]] = [:]
        for key in AlertList.plan(counts: counts, rows: 0..<80) {
            pages[key] = Array(alerts.filter { $0.priority == key.priority }.prefix(100))
        }
        if i % 2 == 1 { pages[AlertPageKey(segment: 0, page: 0)]?.swapAt(0, 1) }
        let snapshot = AlertListSnapshot(counts: counts, pages: pages)
        stormSamples.append(measure {
            _ = stormState.update(.alertListLoaded(.success(snapshot)))
            _ = stormState.render()
        })
    }

    let keys: [Key] = [.character("j"), .character("j"), .character("k"), .pageDown, .character("j"), .character(" "), .pageUp]
    var keySamples: [Double] = []
    for i in 0..<5_000 {
        let key = keys[i % keys.count]
        keySamples.append(measure {
            _ = state.update(.key(key))
            _ = state.render()
        })
    }
    var tickSamples: [Double] = []
    for i in 0..<1_000 {
        tickSamples.append(measure {
            _ = state.update(.tick(now.addingTimeInterval(Double(i) * 0.001)))
            _ = state.render()
        })
    }
    print("Vigil benchmark — 10,000 alerts, 200×60, release build")
    report("key press → update + render", keySamples)
    report("poll result (10,000 alerts) → frame", pollSamples)
    report("storm poll (10,000: counts + 200) → frame", stormSamples)
    report("clock tick → update + render", tickSamples)
    idleSecondBenchmark(now: now)
}

/// Counts what a paint would send, and sends nothing.
final class NullTarget: PaintTarget {
    var calls = 0
    func put(_ text: String, x: Int, y: Int, style: CellStyle) { calls += 1 }
    func clearAll() {}
    func refresh() {}
}

/// What an idle second costs the loop thread, without the terminal library: the tick, the
/// status row rendered and diffed into the kept frame. The figure to hold against the idle
/// budget (0.03 % of a core is 300 µs a second for everything).
func idleSecondBenchmark(now: Date) {
    var state = DashboardState(settings: DashboardSettings(host: "api.opsgenie.com"), now: now, width: 120, height: 40)
    _ = state.update(.tick(now))
    let alerts = (0..<6).map { i in
        Alert(id: "a\(i)", tinyId: String(i), message: "[svc-\(i)] something is wrong", status: .open, createdAt: now.addingTimeInterval(-600),
              priority: [.p1, .p2, .p3, .p3, .p4, .p5][i])
    }
    _ = state.update(.alertsLoaded(.success(AlertPage(alerts: alerts, nextOffset: nil, pagesFetched: 1))))
    var painter = ScreenPainter()
    let target = NullTarget()
    painter.paint(state.render(), on: target)
    var samples: [Double] = []
    for i in 1...3_000 {
        samples.append(measure {
            _ = state.update(.tick(now.addingTimeInterval(Double(i))))
            painter.paintRow(0, with: state.renderStatusRow(), on: target)
        })
    }
    var frames: [Double] = []
    for i in 1...300 {
        frames.append(measure {
            _ = state.update(.tick(now.addingTimeInterval(3_000 + Double(i) * 10)))
            painter.paint(state.render(), on: target)
        })
    }
    print("Idle, 120×40, 6 alerts")
    report("idle second → tick + status row + paint", samples)
    report("ten-second frame → tick + render + paint", frames)
}

import Foundation
import OperationsModel
import Testing
@testable import VigilCore

@Suite("PollScheduler")
struct PollSchedulerTests {
    let intervals: [DataKind: TimeInterval] = [.alerts: 10, .heartbeats: 30, .onCall: 60]

    @Test func startsEachKindOnceAndSaysWhenTheNextIsDue() {
        var scheduler = PollScheduler(intervals: intervals, jitterSeed: 7)
        #expect(scheduler.startDue(at: fixedNow) == [.alerts, .heartbeats, .onCall])
        #expect(scheduler.startDue(at: fixedNow).isEmpty)
        #expect(scheduler.nextDue == nil, "everything is in flight")
        scheduler.finish(.alerts, error: nil, at: fixedNow, rateLimit: nil)
        let due = scheduler.nextDue?.timeIntervalSince(fixedNow) ?? -1
        #expect(due >= 1 && due <= 11, "on this screen's beat: a tenth of a beat on at least, an interval and a tenth at most: \(due)")
        #expect(scheduler.startDue(at: fixedNow.addingTimeInterval(0.9)).isEmpty)
        #expect(scheduler.startDue(at: fixedNow.addingTimeInterval(11)) == [.alerts])
    }

    @Test func healthyKindsPollTogetherOnTheirScreensBeat() {
        var phases: Set<TimeInterval> = []
        for seed in UInt64(1)...20 {
            var scheduler = PollScheduler(intervals: [.alerts: 10, .heartbeats: 30, .onCall: 60, .incidents: 30], jitterSeed: seed)
            var now = fixedNow.addingTimeInterval(0.37)  // launched between beats
            var starts: [DataKind: [TimeInterval]] = [:]
            // Five simulated minutes, every answer 80 ms after its start.
            while now < fixedNow.addingTimeInterval(300) {
                let started = scheduler.startDue(at: now)
                for kind in started { starts[kind, default: []].append(now.timeIntervalSince1970) }
                for kind in started { scheduler.finish(kind, error: nil, at: now.addingTimeInterval(0.08), rateLimit: nil) }
                guard let next = scheduler.nextDue else { break }
                now = next
            }
            let alerts = Set(starts[.alerts]!.dropFirst(2))
            for kind in [DataKind.heartbeats, .incidents, .onCall] {
                let later = starts[kind]!.dropFirst()
                #expect(later.allSatisfy(alerts.contains), "seed \(seed): \(kind) polls with the alerts")
                let gaps = zip(later.dropFirst(), later).map { $0 - $1 }
                #expect(gaps.allSatisfy { abs($0 - scheduler.interval(kind)) < 1e-6 }, "seed \(seed): \(kind) every interval: \(gaps)")
            }
            let alertGaps = zip(starts[.alerts]!.dropFirst(), starts[.alerts]!).map { $0 - $1 }
            #expect(alertGaps.allSatisfy { $0 <= 11 + 1e-6 && $0 >= 1 }, "seed \(seed): \(alertGaps)")
            #expect(alertGaps.dropFirst().allSatisfy { abs($0 - 10) < 1e-6 }, "seed \(seed): on the beat, alerts every 10 s: \(alertGaps)")
            #expect(starts[.alerts]!.count >= 29)
            phases.insert(starts[.alerts]!.last!.truncatingRemainder(dividingBy: 10).rounded(.down))
        }
        #expect(phases.count >= 5, "screens started together poll at different moments: \(phases)")
    }

    @Test func aRequestDuringAPollRepollsAsSoonAsItAnswers() {
        var scheduler = PollScheduler(intervals: intervals, jitterSeed: 7)
        _ = scheduler.startDue(at: fixedNow)
        scheduler.requestNow(.alerts)
        #expect(scheduler.startDue(at: fixedNow).isEmpty)
        scheduler.finish(.alerts, error: nil, at: fixedNow.addingTimeInterval(1), rateLimit: nil)
        #expect(scheduler.startDue(at: fixedNow.addingTimeInterval(1)) == [.alerts])
    }

    @Test func staleAfterAFailureOrThreeIntervals() {
        var scheduler = PollScheduler(intervals: intervals, jitterSeed: 7)
        _ = scheduler.startDue(at: fixedNow)
        scheduler.finish(.alerts, error: nil, at: fixedNow, rateLimit: nil)
        #expect(!scheduler.isStale(.alerts, at: fixedNow.addingTimeInterval(30)))
        #expect(scheduler.isStale(.alerts, at: fixedNow.addingTimeInterval(31)))
        _ = scheduler.startDue(at: fixedNow.addingTimeInterval(11))
        scheduler.finish(.alerts, error: .transport("down"), at: fixedNow.addingTimeInterval(12), rateLimit: nil)
        #expect(scheduler.isStale(.alerts, at: fixedNow.addingTimeInterval(12)))
    }
}

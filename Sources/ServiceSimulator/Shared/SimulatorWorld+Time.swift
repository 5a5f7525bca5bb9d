import Foundation
import OpsgenieKit

/// Time passing in the world: scenario events, heartbeats, auto-closes, escalations and due writes.
extension SimulatorWorld {
    /// Applies scenario events, heartbeats, auto-closes, escalations up to `now`, and alert and incident writes
    /// whose delay has passed.
    mutating func advance(to now: Date, realNow: ContinuousClock.Instant) {
        if now > lastAdvance {
            while eventCursor < events.count, events[eventCursor].at <= now {
                let (at, event) = events[eventCursor]
                eventCursor += 1
                apply(event, at: at)
            }
            advanceHeartbeats(to: now)
            for (id, at) in autoCloseAt where at <= now {
                autoCloseAt[id] = nil
                if alerts[id]?.status == .open { closeAlert(id, by: "System", at: at, reason: "Alert auto-closed") }
            }
            escalateUnacknowledged(at: now)
            lastAdvance = now
        }
        let due = pending.filter { $0.applyAt <= realNow }
        if !due.isEmpty {
            pending.removeAll { $0.applyAt <= realNow }
            for write in due {
                writer = writers.removeValue(forKey: write.requestId) ?? Self.defaultWriter
                processed[write.requestId] = apply(write.operation, at: max(now, lastAdvance))
            }
            writer = Self.defaultWriter
        }
        applyDueIncidentWrites(realNow: realNow, at: max(now, lastAdvance))
    }

    private mutating func apply(_ event: ScenarioEvent, at date: Date) {
        switch event {
        case .fire(let request, let autoClose):
            let status = create(request, at: date, by: request.source ?? "monitoring")
            if let autoClose, let id = status.alertId { autoCloseAt[id] = date.addingTimeInterval(autoClose) }
        case .stopHeartbeat(let name): heartbeats[name]?.alive = false
        case .resumeHeartbeat(let name):
            heartbeats[name]?.alive = true
            heartbeats[name]?.heartbeat.lastPingTime = date
            heartbeats[name]?.heartbeat.expired = false
        }
    }

    private mutating func advanceHeartbeats(to now: Date) {
        for name in heartbeatOrder {
            guard var sim = heartbeats[name], sim.heartbeat.enabled != false, let interval = sim.heartbeat.intervalDuration else { continue }
            let seconds = interval.timeInterval
            if sim.alive {
                // A live system pings a little before each interval ends.
                let last = sim.heartbeat.lastPingTime ?? now
                let step = seconds * 0.8
                if now.timeIntervalSince(last) >= step {
                    let pings = floor(now.timeIntervalSince(last) / step)
                    sim.heartbeat.lastPingTime = last.addingTimeInterval(pings * step)
                }
                sim.heartbeat.expired = false
            } else if let last = sim.heartbeat.lastPingTime, now.timeIntervalSince(last) > seconds, sim.heartbeat.expired != true {
                sim.heartbeat.expired = true
                if !sim.alertRaised {
                    sim.alertRaised = true
                    heartbeats[name] = sim
                    _ = create(CreateAlertRequest(message: "HeartbeatName \(name) is expired", alias: "heartbeat-\(name)",
                                                  description: "No ping received from \(name) in the last \(sim.heartbeat.interval ?? 0) \(sim.heartbeat.intervalUnit?.rawValue ?? "minutes").",
                                                  tags: ["heartbeat"], source: "Heartbeat", priority: "P2"),
                               at: last.addingTimeInterval(seconds), by: "Heartbeat")
                    continue
                }
            }
            heartbeats[name] = sim
        }
    }

    private mutating func escalateUnacknowledged(at now: Date) {
        guard let escalation = escalations.first else { return }
        for id in creationOrder.suffix(2000) where !escalated.contains(id) {
            guard let alert = alerts[id], alert.status == .open, alert.acknowledged != true,
                  let priority = alert.priority, priority <= .p2,
                  let created = alert.createdAt, now.timeIntervalSince(created) >= escalateAfter else { continue }
            escalated.insert(id)
            var updated = alert
            updated.responders = (updated.responders ?? []) + [Responder(type: "escalation", id: escalation.id, name: escalation.name)]
            updated.updatedAt = now
            alerts[id] = updated
            log(id, "Alert escalated to \(escalation.name ?? escalation.id): not acknowledged in \(Int(escalateAfter / 60)) minutes", by: "System", at: created.addingTimeInterval(escalateAfter))
        }
    }
}

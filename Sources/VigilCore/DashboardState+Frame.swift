import Foundation

extension DashboardState {
    /// Whether this state draws the frame `drawn` drew, so an answer that changed nothing on
    /// screen costs no render.
    ///
    /// Every stored field is compared (the synthesized `==`, so a field added later is compared
    /// too) except the bookkeeping no pane shows: the clock, and for a feed, a source or a
    /// rate-limit reading that is healthy in both, when it last answered and when it is due
    /// next. What time alone does to the frame (ages, a feed turning late) is
    /// ``nextVisibleChange``'s business: the caller redraws at that moment anyway.
    public func drawsSameFrame(as drawn: DashboardState) -> Bool {
        var mine = self
        mine.now = drawn.now
        mine.polls.adoptBookkeeping(of: drawn.polls)
        if var reading = mine.rateLimit, let shown = drawn.rateLimit, reading.domain == shown.domain {
            reading.status.observedAt = shown.status.observedAt
            mine.rateLimit = reading
        }
        if mine.sources.count == drawn.sources.count {
            for index in mine.sources.indices where mine.sources[index].name == drawn.sources[index].name
                && mine.sources[index].lastError == nil && drawn.sources[index].lastError == nil {
                mine.sources[index].lastSuccess = drawn.sources[index].lastSuccess
                if let shown = drawn.sources[index].rateLimit?.observedAt { mine.sources[index].rateLimit?.observedAt = shown }
            }
        }
        for (id, detail) in mine.details {
            if let shown = drawn.details[id], detail.error == nil, shown.error == nil { mine.details[id]?.loadedAt = shown.loadedAt }
        }
        return mine == drawn
    }
}

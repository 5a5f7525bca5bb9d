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
        mine.feeds.polls.adoptBookkeeping(of: drawn.feeds.polls)
        if var reading = mine.feeds.rateLimit, let shown = drawn.feeds.rateLimit, reading.domain == shown.domain {
            reading.status.observedAt = shown.status.observedAt
            mine.feeds.rateLimit = reading
        }
        if mine.feeds.sources.count == drawn.feeds.sources.count {
            for index in mine.feeds.sources.indices where mine.feeds.sources[index].name == drawn.feeds.sources[index].name
                && mine.feeds.sources[index].lastError == nil && drawn.feeds.sources[index].lastError == nil {
                mine.feeds.sources[index].lastSuccess = drawn.feeds.sources[index].lastSuccess
                if let shown = drawn.feeds.sources[index].rateLimit?.observedAt { mine.feeds.sources[index].rateLimit?.observedAt = shown }
            }
        }
        for (id, detail) in mine.alertPane.details {
            if let shown = drawn.alertPane.details[id], detail.error == nil, shown.error == nil { mine.alertPane.details[id]?.loadedAt = shown.loadedAt }
        }
        return mine == drawn
    }
}

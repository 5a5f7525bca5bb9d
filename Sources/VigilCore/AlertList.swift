import Foundation
import OperationsModel

/// One page of one priority's alerts: the list loads P1…P5 separately, a page at a time.
public struct AlertPageKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 0 for P1 … 4 for P5, 5 for alerts with no known priority.
    public var segment: Int
    /// The page within that priority (page 0 is the newest 100).
    public var page: Int

    /// Creates a key.
    public init(segment: Int, page: Int) { self.segment = segment; self.page = page }

    /// The priority the page lists (`nil` for the unknown-priority segment).
    public var priority: AlertPriority? { segment < AlertPriority.all.count ? AlertPriority.all[segment] : nil }
    /// The first alert of the page within its priority.
    public var offset: Int { page * AlertList.pageSize }

    public static func < (a: AlertPageKey, b: AlertPageKey) -> Bool { (a.segment, a.page) < (b.segment, b.page) }
    public var description: String { "\(priority?.rawValue ?? "P?") page \(page)" }
}

/// What an alert poll brings back.
public struct AlertListSnapshot: Sendable, Hashable {
    /// The account's true number of matching alerts per segment (P1…P5, unknown).
    public var counts: [Int]
    /// The pages read, newest first within each.
    public var pages: [AlertPageKey: [Alert]]
    /// Every matching alert is in `pages` (one answer held them all).
    public var complete: Bool
    /// Unacknowledged alerts per segment, when counted (the wall asks for them).
    public var unacknowledged: [Int]?
    /// Alerts more than one source lists (each counted once in `counts`).
    public var shared = 0
    /// `false` when more alerts matched than Vigil compares: `shared` is a lower bound.
    public var sharedIsExact = true

    /// A snapshot of every matching alert, from one answer.
    public init(complete alerts: [Alert]) {
        let list = AlertList(complete: alerts)
        counts = list.counts
        pages = list.pages
        complete = true
        unacknowledged = list.unacknowledged
        shared = list.shared
    }

    /// A snapshot of counts and some pages.
    public init(counts: [Int], pages: [AlertPageKey: [Alert]], unacknowledged: [Int]? = nil) {
        self.counts = counts
        self.pages = pages
        complete = false
        self.unacknowledged = unacknowledged
    }
}

/// What an alert poll asks for: the filter, and the rows the person can see (so those pages
/// come back with the counts), and whether the last answer was too large to hold whole.
public struct AlertListRequest: Sendable, Hashable {
    public var filter: AlertFilter
    /// Rows in view (with a margin), in display order.
    public var rows: Range<Int>
    /// The last poll found more alerts than one page: go straight to counts and pages.
    public var expectLarge: Bool
    /// Count the unacknowledged alerts per priority too (the wall shows them).
    public var countUnacknowledged: Bool

    /// Creates a request.
    public init(filter: AlertFilter, rows: Range<Int>, expectLarge: Bool, countUnacknowledged: Bool = false) {
        self.filter = filter; self.rows = rows; self.expectLarge = expectLarge; self.countUnacknowledged = countUnacknowledged
    }
}

/// Every alert the filter matches, in display order — P1 first, newest first within a
/// priority — with the account's true counts. Pages that are not loaded are rows to show
/// as "loading…", so the screen never claims fewer alerts than the account has.
public struct AlertList: Sendable, Hashable {
    /// Alerts per page.
    public static let pageSize = 100
    /// The services answer no page past offset + limit = 20,000 (per priority here).
    public static let offsetLimit = 20_000
    /// P1 and P2 rows loaded with every poll, before anything the person scrolls to.
    public static let urgentRows = 200
    /// Segments: P1…P5 and alerts of unknown priority.
    static let segmentCount = AlertPriority.all.count + 1

    /// Matching alerts per segment, as the account counts them.
    public private(set) var counts: [Int] = Array(repeating: 0, count: segmentCount)
    /// The pages loaded.
    public private(set) var pages: [AlertPageKey: [Alert]] = [:]
    /// Unacknowledged alerts per segment, when known.
    public private(set) var unacknowledged: [Int]?
    /// Alerts more than one source lists, each one row and counted once (see ``AlertCopy``).
    public private(set) var shared = 0
    /// `false` when more alerts matched than Vigil compares: ``shared`` is a lower bound.
    public private(set) var sharedIsExact = true
    /// Row of every loaded alert, by id.
    private var rowById: [String: Int] = [:]

    /// The loaded alerts in row order, with their rows (built when asked for).
    public var loaded: [(row: Int, alert: Alert)] {
        var result: [(row: Int, alert: Alert)] = []
        result.reserveCapacity(rowById.count)
        for key in pages.keys.sorted() {
            let first = firstRow(ofSegment: key.segment) + key.offset
            for (i, alert) in (pages[key] ?? []).enumerated() where key.offset + i < counts[key.segment] { result.append((first + i, alert)) }
        }
        return result
    }

    /// How many alerts are loaded.
    public var loadedCount: Int { rowById.count }

    /// An empty list.
    public init() {}

    /// A list of every matching alert.
    public init(complete alerts: [Alert]) {
        // Sorted by priority first, so each segment is one run of the sorted list.
        let sorted = DashboardState.sortedByDefaultOrder(alerts)
        var counts = Array(repeating: 0, count: Self.segmentCount)
        var unacknowledged = Array(repeating: 0, count: Self.segmentCount)
        for alert in sorted {
            counts[Self.segment(of: alert)] += 1
            // Snoozed alerts wait for their time: not counted as needing someone.
            if alert.acknowledged != true, alert.snoozed != true { unacknowledged[Self.segment(of: alert)] += 1 }
        }
        var pages: [AlertPageKey: [Alert]] = [:]
        var start = 0
        for (segment, count) in counts.enumerated() {
            for offset in stride(from: 0, to: count, by: Self.pageSize) {
                pages[AlertPageKey(segment: segment, page: offset / Self.pageSize)] = Array(sorted[(start + offset)..<(start + min(count, offset + Self.pageSize))])
            }
            start += count
        }
        self.init(counts: counts, pages: pages)
        self.unacknowledged = unacknowledged
        shared = alerts.filter { ($0.copies?.count ?? 0) > 1 }.count
    }

    init(counts: [Int], pages: [AlertPageKey: [Alert]]) {
        self.counts = counts
        self.pages = pages
        reindex()
    }

    static func segment(of alert: Alert) -> Int { min((alert.priority?.rank ?? 6) - 1, segmentCount - 1) }

    /// All matching alerts.
    public var total: Int { counts.reduce(0, +) }

    /// The first row of a segment.
    public func firstRow(ofSegment segment: Int) -> Int { counts.prefix(segment).reduce(0, +) }

    /// Which page holds a row, and where in it.
    public func location(ofRow row: Int) -> (key: AlertPageKey, index: Int)? {
        guard row >= 0 else { return nil }
        var start = 0
        for (segment, count) in counts.enumerated() {
            if row < start + count {
                let within = row - start
                return (AlertPageKey(segment: segment, page: within / Self.pageSize), within % Self.pageSize)
            }
            start += count
        }
        return nil
    }

    /// The alert on a row, when its page is loaded.
    public func alert(atRow row: Int) -> Alert? {
        guard let (key, index) = location(ofRow: row), let page = pages[key], index < page.count else { return nil }
        return page[index]
    }

    /// The row of a loaded alert.
    public func row(of id: String) -> Int? { rowById[id] }

    /// Whether a row lies past the services' paging limit, so it can never be loaded.
    public func isBeyondPagingLimit(_ row: Int) -> Bool {
        guard let (key, index) = location(ofRow: row) else { return false }
        return key.offset + index >= Self.offsetLimit
    }

    /// Pages holding `rows` that are not loaded and can be.
    public func missingPages(in rows: Range<Int>) -> [AlertPageKey] {
        Self.pages(covering: rows, counts: counts).filter { pages[$0] == nil }
    }

    /// The pages a poll reads: the urgent rows (P1 then P2, up to ``urgentRows``) and the
    /// pages holding `rows`, as far as the paging limit allows.
    public static func plan(counts: [Int], rows: Range<Int>) -> [AlertPageKey] {
        var keys = Set(pages(covering: rows, counts: counts))
        var urgentLeft = urgentRows
        for segment in 0..<2 where urgentLeft > 0 {
            let wanted = min(counts[segment], urgentLeft)
            for page in 0..<((wanted + pageSize - 1) / pageSize) { keys.insert(AlertPageKey(segment: segment, page: page)) }
            urgentLeft -= wanted
        }
        return keys.sorted()
    }

    static func pages(covering rows: Range<Int>, counts: [Int]) -> [AlertPageKey] {
        var keys: [AlertPageKey] = []
        var start = 0
        for (segment, count) in counts.enumerated() {
            let low = max(rows.lowerBound, start), high = min(rows.upperBound, start + count)
            if low < high {
                let first = (low - start) / pageSize
                let last = (high - 1 - start) / pageSize
                for page in first...last where page * pageSize < offsetLimit { keys.append(AlertPageKey(segment: segment, page: page)) }
            }
            start += count
        }
        return keys
    }

    /// Takes a poll's answer: its counts, and its pages in place of every page held before.
    public mutating func replace(with snapshot: AlertListSnapshot) {
        counts = snapshot.counts
        pages = snapshot.pages
        unacknowledged = snapshot.unacknowledged
        (shared, sharedIsExact) = (snapshot.shared, snapshot.sharedIsExact)
        reindex()
    }

    /// Adds pages loaded on demand (for the same counts).
    public mutating func merge(_ more: [AlertPageKey: [Alert]]) {
        for (key, alerts) in more { pages[key] = alerts }
        reindex()
    }

    /// Changes a loaded alert in place (an action confirmed before the next poll shows it).
    public mutating func update(_ id: String, _ change: (inout Alert) -> Void) {
        guard let row = rowById[id], let (key, index) = location(ofRow: row), pages[key] != nil, index < pages[key]!.count else { return }
        change(&pages[key]![index])
    }

    private mutating func reindex() {
        rowById = [:]
        rowById.reserveCapacity(pages.values.reduce(0) { $0 + $1.count })
        for (key, alerts) in pages {
            let first = firstRow(ofSegment: key.segment) + key.offset
            for (i, alert) in alerts.enumerated() where key.offset + i < counts[key.segment] { rowById[alert.id] = first + i }
        }
    }

    public static func == (a: AlertList, b: AlertList) -> Bool {
        a.counts == b.counts && a.pages == b.pages && a.shared == b.shared && a.sharedIsExact == b.sharedIsExact
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(counts); hasher.combine(pages); hasher.combine(shared) }
}

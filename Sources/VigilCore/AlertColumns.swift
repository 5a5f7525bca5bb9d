import Foundation

/// The widths of the alert list's columns for a pane width. The message is what people read:
/// it gets the spare width, and the other columns shrink or go first.
public struct AlertColumns: Sendable, Hashable {
    /// The source's tag when several sources share the screen, else `nil`.
    public var source: Int?
    /// `#1234`.
    public var tinyId = 6
    /// `P1`.
    public var priority = 2
    /// `open`, `acked`, `snz 4h`, `ack…`.
    public var state = 9
    /// `28m`.
    public var age = 4
    /// The occurrence count, or `nil` when there is no room.
    public var count: Int? = 4
    /// The owner's name before `@`, or `nil` when there is no room.
    public var owner: Int? = 12
    /// The first team responder, or `nil` when there is no room.
    public var team: Int? = 10
    /// What is left for the message.
    public var message = 0

    /// The message gets at least this much before it takes only what is left.
    public static let wantedMessage = 36

    /// Columns for `inner` cells (the pane without its borders): the two-cell marker, then
    /// each column and one space after it, the message last.
    public init(inner: Int, source: Int? = nil) {
        self.source = source
        message = inner - used
        // What matters least goes first, until the message has what it wants: the occurrence
        // count, then owner and team shrink, then the team goes (the detail names it), then the
        // owner shrinks to six (README, "What it shows").
        let steps: [(inout AlertColumns) -> Void] = [
            { $0.count = nil },
            { $0.owner = 10; $0.team = 9 },
            { $0.owner = 8; $0.team = 8 },
            { $0.team = nil },
            { $0.owner = 6 },
        ]
        for step in steps where message < Self.wantedMessage {
            step(&self)
            message = inner - used
        }
        message = max(0, message)
    }

    /// Cells taken by everything but the message.
    private var used: Int {
        2 + [source, tinyId, priority, state, age, count, owner, team].compactMap { $0 }.reduce(0) { $0 + $1 + 1 }
    }
}

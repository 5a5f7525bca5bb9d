import Foundation

/// Where each pane goes for a terminal size.
public struct Layout: Sendable, Hashable {
    /// A rectangle in cells.
    public struct Rect: Sendable, Hashable {
        public var x, y, width, height: Int
    }
    /// The smallest usable terminal.
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public var alerts: Rect
    /// The incidents pane, between the alerts and the detail (wide terminals).
    public var incidents: Rect?
    public var detail: Rect?
    public var onCall: Rect?
    public var heartbeats: Rect?
    /// In a narrow terminal, one secondary pane shows at a time.
    public var secondary: Rect?
    public var statusRow: Int
    public var messageRow: Int
    public var hintRow: Int

    /// Computes the layout; `nil` when the terminal is below the minimum.
    public init?(width: Int, height: Int) {
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else { return nil }
        statusRow = 0
        messageRow = height - 2
        hintRow = height - 1
        let bodyTop = 1
        let bodyHeight = height - 3
        if width >= 120 && height >= 30 {
            let left = width * 66 / 100
            // Incidents are few: a header and four rows, more on a tall screen.
            let incidentsHeight = height >= 50 ? 9 : 7
            let alertsHeight = (bodyHeight - incidentsHeight) * 60 / 100
            alerts = Rect(x: 0, y: bodyTop, width: left, height: alertsHeight)
            incidents = Rect(x: 0, y: bodyTop + alertsHeight, width: left, height: incidentsHeight)
            let detailTop = bodyTop + alertsHeight + incidentsHeight
            detail = Rect(x: 0, y: detailTop, width: left, height: bodyHeight - alertsHeight - incidentsHeight)
            let onCallHeight = bodyHeight / 2
            onCall = Rect(x: left, y: bodyTop, width: width - left, height: onCallHeight)
            heartbeats = Rect(x: left, y: bodyTop + onCallHeight, width: width - left, height: bodyHeight - onCallHeight)
        } else {
            // Alerts keep at least 10 rows; one secondary pane below cycles with Tab.
            let secondaryHeight = max(0, min(bodyHeight - 12, bodyHeight * 40 / 100))
            alerts = Rect(x: 0, y: bodyTop, width: width, height: bodyHeight - secondaryHeight)
            secondary = secondaryHeight >= 5 ? Rect(x: 0, y: bodyTop + bodyHeight - secondaryHeight, width: width, height: secondaryHeight) : nil
        }
    }

    /// Whether every pane is shown at once.
    public var isWide: Bool { detail != nil }
}

extension DashboardState {
    var layout: Layout? { Layout(width: width, height: height) }
    /// Rows of alerts visible (inside the border, under the header).
    var alertRows: Int { max(1, (layout?.alerts.height ?? 12) - 3) }
    var isWide: Bool { layout?.isWide ?? false }
    var visiblePanes: [Pane] { isWide ? Pane.allCases : [.alerts, panes.secondary == .alerts ? .detail : panes.secondary] }
}

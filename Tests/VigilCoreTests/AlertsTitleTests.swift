import Foundation
import Testing
@testable import VigilCore

/// The alerts pane's title keeps whole words in the room it has.
@Suite("The alerts title")
struct AlertsTitleTests {
    let figures = "35 [P1:11 P2:5 P3:4 P4:6 P5:9]"

    @Test func withRoomEverythingIsSaid() {
        #expect(AlertsPaneView.title(figures, shared: " · 10 in two sources", marked: 2, filter: "status:open", room: 200)
                == "Alerts 35 [P1:11 P2:5 P3:4 P4:6 P5:9] · 10 in two sources · 2 marked (Esc clears) status:open")
    }

    @Test func shortOfRoomTheFiguresShortenThenTheFilterGoesAndNoWordIsCut() {
        let mid = AlertsPaneView.title(figures, shared: " · 10 in two sources", marked: 2, filter: "status:open", room: 75)
        #expect(mid == "Alerts 35 [P1:11 P2:5 P3:4 P4:6 P5:9] · 10 shared · 2 marked status:open")
        let narrow = AlertsPaneView.title(figures, shared: " · 10+ in two sources", marked: nil, filter: "status:open", room: 50)
        #expect(narrow == "Alerts 35 [P1:11 P2:5 P3:4 P4:6 P5:9] · 10+ shared", "the lower bound keeps its +")
    }
}

import VigilCore

/// Where the dashboard is drawn: the terminal in the program, a recorder in tests.
///
/// The loop decides what to draw (``FramePolicy``); the screen only paints it — the whole
/// frame, or one row when only the status row's clock moved — and carries out the terminal's
/// effects.
public protocol DashboardScreen: AnyObject {
    /// The screen's size in cells, as it is now.
    var size: (width: Int, height: Int) { get }
    /// Paints a whole frame (a screen may write only the cells that changed).
    func draw(_ frame: Canvas)
    /// Paints one row, `row` being one row high (the status row when only time moved).
    func drawRow(_ y: Int, with row: Canvas)
    /// Forgets what is on screen, so the next frame is painted whole.
    func invalidate()
    /// Rings the bell.
    func bell()
    /// Paints from now on in the theme named `name` (the first theme when there is none of that name).
    func applyTheme(named name: String)
}

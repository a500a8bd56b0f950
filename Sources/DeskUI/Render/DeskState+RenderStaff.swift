import DeskTheme
import OrderCore

extension DeskState {
  /// The screens of the staff desk that are not steps of an order: no step trail above them.
  static let staffDeskScreens: Set<Screen> = [
    .signIn, .staffMenu, .orderSearch, .orderPage, .refund,
  ]

  /// The title of a staff desk's screen.
  var staffTitle: String {
    switch screen {
    case .signIn: "Staff sign-in"
    case .staffMenu: "Staff menu"
    case .customerFinder: "\(source.displayName) \(Glyph.separator.defaultUnicode) Customer"
    case .orderSearch: "Find orders"
    case .orderPage: "Order \(orderPage.number?.rawValue ?? "")"
    case .refund: "Refund \(refundForm.page?.order.number.rawValue ?? "")"
    default: ""
    }
  }

  /// The locked desk: the frame, the lock screen and nothing else of what was on it; help
  /// and the lock's details still open over it.
  func renderLocked(_ lock: LockScreen, into grid: Grid, glyphs: Glyphs) -> Grid {
    var grid = grid
    grid.fill(row: 0, slot: .title)
    grid.put(" OrderDesk \(glyphs[.separator]) Locked", row: 0, column: 0, slot: .title)
    let status = layout.statusLines
    let rule = String(repeating: glyphs[.horizontalRule], count: columns)
    grid.put(rule, row: rows - 2 - status.count, column: 0, slot: .border)
    var painter = Painter(
      grid: grid, glyphs: glyphs, top: DeskLayout.contentTop,
      bottom: DeskLayout.contentTop + layout.contentRows - 1)
    let context = self.context
    lock.render(context, into: &painter)
    // The status line is left blank too: what it says belongs to the desk behind the lock,
    // and waits there until it is unlocked.
    drawBottomLine(lock.keyBar(context, glyphs: glyphs), into: &painter.grid, glyphs: glyphs)
    switch overlay {
    case .help: drawHelp(&painter)
    case .channelDetails: drawChannelDetails(&painter)
    case .confirmQuit, nil: break
    }
    return glyphs.unicode ? painter.grid : painter.grid.asciiOnly()
  }
}

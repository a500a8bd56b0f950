import DeskTheme
import OrderCore

extension DeskState {
  /// The steps of an order, as the step indicator counts them.
  static let steps: [(screen: Screen, name: String)] = [
    (.catalog, "Catalog"), (.cart, "Cart"), (.details, "Details"), (.payment, "Payment"),
    (.review, "Review"),
  ]

  /// The desk as cells: the frame, the current screen, and any window over it.
  public func render(glyphs: Glyphs) -> Grid {
    var grid = Grid(rows: rows, columns: columns)
    if isTooSmall {
      let small = renderTooSmall(into: grid)
      return glyphs.unicode ? small : small.asciiOnly()
    }
    if let lockScreen { return renderLocked(lockScreen, into: grid, glyphs: glyphs) }
    drawTitle(into: &grid, glyphs: glyphs)
    drawStepTrail(into: &grid, glyphs: glyphs)
    let status = layout.statusLines
    let rule = String(repeating: glyphs[.horizontalRule], count: columns)
    grid.put(rule, row: rows - 2 - status.count, column: 0, slot: .border)
    var painter = Painter(
      grid: grid, glyphs: glyphs, top: DeskLayout.contentTop,
      bottom: DeskLayout.contentTop + layout.contentRows - 1)
    let context = self.context
    let shown = model(of: screen)
    shown.render(context, into: &painter)
    drawStatus(status, into: &painter.grid)
    // Keys typed ahead are not lost, and the bottom line says so while they wait.
    let keyBar =
      typeAhead.isEmpty
      ? shown.keyBar(context, glyphs: glyphs)
      : "\(Self.keys(typeAhead.count)) typed ahead, kept in order"
    drawBottomLine(keyBar, into: &painter.grid, glyphs: glyphs)
    switch overlay {
    case .help: drawHelp(&painter)
    case .channelDetails: drawChannelDetails(&painter)
    case .confirmQuit: drawConfirmQuit(&painter)
    case nil: break
    }
    return glyphs.unicode ? painter.grid : painter.grid.asciiOnly()
  }

  /// How many rows a screen has for its content, between the step trail and the bottom frame.
  var contentRows: Int { layout.contentRows }

  private func renderTooSmall(into grid: Grid) -> Grid {
    var grid = grid
    let by = "x"
    let lines = TextLayout.wrap(
      "OrderDesk needs a terminal of at least \(Self.minimumSize.columns)\(by)"
        + "\(Self.minimumSize.rows); this one is \(columns)\(by)\(rows). Make the window larger: "
        + "nothing you typed is lost.", width: max(1, columns - 2))
    let first = max(0, (rows - lines.count) / 2)
    for (offset, line) in lines.enumerated() {
      grid.put(line, row: first + offset, column: 1, slot: .warning)
    }
    return grid
  }

  /// Where in the order the desk is: "Step 2 of 5 · Cart", or the name of a side screen.
  public var stepTitle: String {
    if let index = Self.steps.firstIndex(where: { $0.screen == screen }) {
      return "Step \(index + 1) of \(Self.steps.count) · \(Self.steps[index].name)"
    }
    switch screen {
    case .submitting: return "Step \(Self.steps.count) of \(Self.steps.count) · Submitting"
    case .receipt: return "Done · Receipt"
    case .findOrder: return "Find my order"
    default: return staffTitle
    }
  }

  private func drawTitle(into grid: inout Grid, glyphs: Glyphs) {
    grid.fill(row: 0, slot: .title)
    let separator = " \(glyphs[.separator]) "
    let kind =
      takesNote && Self.steps.contains { $0.screen == screen } ? source.displayName + separator : ""
    grid.put(" OrderDesk" + separator + kind + stepTitle, row: 0, column: 0, slot: .title)
    // Signing in shows nothing of an order.
    guard screen != .signIn else { return }
    let style: MoneyFormatStyle = glyphs.unicode ? .symbol : .code
    var cartText: String
    if let receipt {
      // The cart is now an order, until a new one is started.
      cartText =
        "Ordered: \(TextLayout.itemCount(cart.totalQuantity))" + separator
        + receipt.quote.total.formatted(style)
    } else {
      cartText = "Cart: \(TextLayout.itemCount(cart.totalQuantity))"
      if let subtotal = cartSubtotal, !cart.isEmpty {
        cartText += separator + subtotal.formatted(style)
      }
    }
    let width = TerminalText.displayWidth(cartText)
    grid.put(cartText, row: 0, column: max(0, columns - width - 1), slot: .title)
  }

  private func drawStepTrail(into grid: inout Grid, glyphs: Glyphs) {
    guard !Self.staffDeskScreens.contains(screen) else { return }
    let current: Int? =
      switch screen {
      case .submitting, .receipt: Self.steps.count
      case .findOrder: nil
      default: Self.steps.firstIndex { $0.screen == screen }
      }
    var column = 1
    for (index, step) in Self.steps.enumerated() {
      let glyph: Glyph
      let slot: ThemeSlot
      if let current, index < current {
        (glyph, slot) = (.stepDone, .success)
      } else if index == current {
        (glyph, slot) = (.stepCurrent, .accent)
      } else {
        (glyph, slot) = (.stepTodo, .muted)
      }
      column += grid.put(glyphs[glyph] + " " + step.name, row: 1, column: column, slot: slot)
      if index < Self.steps.count - 1 {
        column += grid.put("  ", row: 1, column: column, slot: .muted)
      }
    }
  }

  func drawStatus(_ lines: [String], into grid: inout Grid) {
    guard let message else { return }
    let slot: ThemeSlot =
      switch message.kind {
      case .info: .text
      case .success: .success
      case .warning: .warning
      case .error: .error
      }
    for (offset, line) in lines.enumerated() {
      grid.put(line, row: rows - 1 - lines.count + offset, column: 1, slot: slot)
    }
  }

  func drawBottomLine(_ keyBar: String, into grid: inout Grid, glyphs: Glyphs) {
    grid.fill(row: rows - 1, slot: .keyHint)
    let lock = lockLabel(glyphs: glyphs)
    let lockWidth = TerminalText.displayWidth(lock.text)
    let lockColumn = max(0, columns - lockWidth - 1)
    // Who is signed in stands beside the lock: the person, and what they may do.
    var keysEnd = lockColumn - 2
    if let member = staffMember {
      let who = "\(member.name) \(glyphs[.separator]) \(member.role.rawValue)"
      let whoColumn = max(0, lockColumn - 2 - TerminalText.displayWidth(who))
      grid.put(who, row: rows - 1, column: whoColumn, slot: .keyHint)
      keysEnd = whoColumn - 2
    }
    grid.put(
      Self.wholeEntries(of: keyBar, width: max(0, keysEnd)),
      row: rows - 1, column: 1, slot: .keyHint)
    grid.put(lock.text, row: rows - 1, column: lockColumn, slot: lock.slot)
  }

  /// The lock: a shape and a word for the channel's state, never colour alone.
  public func lockLabel(glyphs: Glyphs) -> (text: String, slot: ThemeSlot) {
    security.lockLabel(glyphs: glyphs)
  }

  /// As many of the key bar's entries (`"F1 Help"`), which two spaces part, as fit in
  /// `width` cells; the last ones, the least important, go first, never half of one.
  static func wholeEntries(of bar: String, width: Int) -> String {
    var shown = ""
    for entry in bar.split(separator: "  ") {
      let next = shown.isEmpty ? String(entry) : shown + "  " + entry
      guard TerminalText.displayWidth(next) <= width else { break }
      shown = next
    }
    // A window too narrow for even the first entry still shows what of it fits.
    return shown.isEmpty ? TerminalText.truncated(bar, toWidth: width) : shown
  }
}

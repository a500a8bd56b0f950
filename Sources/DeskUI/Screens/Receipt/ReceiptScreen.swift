import DeskTheme
import OrderCore

/// The placed order, with how to find it again, scrolled when it does not fit.
public struct ReceiptScreen: Sendable, Hashable {
  /// The order the service accepted.
  public internal(set) var order: OrderRecord?
  /// How many lines are scrolled out of view at the top.
  public internal(set) var scroll = 0
  /// How many rows the receipt wraps to at the layout's width.
  var lineCount = 0
  /// Staff's note on the order; empty when none.
  public internal(set) var note = ""

  /// What the receipt says when a key typed before it was on the screen would end it.
  static let typedAheadNewOrder =
    "The receipt stays: that key was typed before it was on the screen. Press n for a new order."

  init() {}

  init(order: OrderRecord, layout: DeskLayout, note: String = "") {
    self.order = order
    self.note = note
    layoutChanged(layout)
  }

  /// How far the receipt scrolls before its last line is at the bottom.
  func scrollLimit(_ layout: DeskLayout) -> Int {
    guard order != nil else { return 0 }
    return ScrollingText.limit(lineCount: lineCount, rows: layout.contentRows)
  }

  /// The receipt's text: the order, then how to find it again.
  static func page(
    _ order: OrderRecord, note: String = "", glyphs: Glyphs, columns: Int
  ) -> [(String, ThemeSlot)] {
    OrderText.lines(order, glyphs: glyphs, columns: columns)
      + (note.isEmpty ? [] : [("", .text), ("Note: \(note)", .text)]) + [
        ("", .text),
        (
          "Find this order again with f (or F3): its number, \(order.number), and the email "
            + "address it was placed with.", .accent
        ),
      ]
  }
}

extension ReceiptScreen: DeskScreen {
  mutating func update(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    switch key {
    case .up, .character("k"), .down, .character("j"), .pageUp, .pageDown, .home, .end:
      scroll = ScrollingText.scroll(
        scroll, by: key, limit: scrollLimit(context.layout), page: context.layout.contentRows - 1)
    case .character("n"), .enter:
      // An Enter pressed again and again while the order was being placed must not wipe its
      // receipt, nor add a product to the next order, before anyone has read it.
      guard context.hasBeenDrawn else { return [.say(Self.typedAheadNewOrder, .warning)] }
      return [.startNewOrder]
    case .character("f"), .function(3):
      return [.openFindOrder]
    case .character("q"):
      return [.quit]
    default:
      break
    }
    return []
  }

  /// Measured with the built-in glyphs: the desk does not know the theme's, which are at most
  /// a few cells wider, and drawing keeps the last line at the bottom whatever they are.
  mutating func layoutChanged(_ layout: DeskLayout) {
    guard let order else { return }
    let page = Self.page(
      order, note: note, glyphs: Glyphs(unicode: true), columns: layout.columns)
    lineCount = ScrollingText.wrapped(page, columns: layout.columns).count
  }

  func render(_ context: ScreenContext, into painter: inout Painter) {
    guard let order else { return }
    painter.scrolling(
      Self.page(order, note: note, glyphs: painter.glyphs, columns: painter.columns),
      scroll: scroll)
  }

  func keyBar(_ context: ScreenContext, glyphs: Glyphs) -> String {
    if scrollLimit(context.layout) > 0 {
      let arrows = glyphs.unicode ? "↑↓" : "Up/Dn"
      return "n New order  f Find order  \(arrows) Scroll"
    }
    return "n New order  f Find order  F1 Help"
  }
}

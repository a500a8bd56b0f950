import DeskTheme
import OrderCore

/// One order as staff see it, scrolled when it does not fit; a supervisor refunds it from here.
public struct OrderPageScreen: Sendable, Hashable {
  /// The order shown or being loaded.
  public internal(set) var number: OrderNumber?
  /// The page as the service last gave it.
  public internal(set) var page: OrderPage?
  public internal(set) var isLoading = false
  /// Why the page could not be loaded.
  public internal(set) var failure: String?
  /// How many lines are scrolled out of view at the top.
  public internal(set) var scroll = 0
  /// How many rows the page wraps to at the layout's width.
  var lineCount = 0
  /// The newest load; answers to older ones are dropped.
  var generation = 0

  /// The rows above the scrolling page: the loading line.
  static let headerRows = 1

  /// Loads order `number`, showing what is known of it meanwhile.
  mutating func open(_ number: OrderNumber) -> DeskEffect {
    if number != self.number {
      page = nil
      scroll = 0
      lineCount = 0
    }
    self.number = number
    isLoading = true
    failure = nil
    generation += 1
    return .loadOrderPage(number, generation: generation)
  }

  /// No page; answers still on their way are left behind.
  mutating func reset() {
    let next = generation + 1
    self = OrderPageScreen()
    generation = next
  }

  /// The answer to load `generation`.
  mutating func loaded(
    generation: Int, _ result: Result<OrderPage?, DeskFailure>, _ layout: DeskLayout
  ) {
    guard generation == self.generation else { return }
    isLoading = false
    switch result {
    case .success(let found?):
      page = found
      failure = nil
      layoutChanged(layout)
      scroll = min(scroll, scrollLimit(layout))
    case .success(nil):
      page = nil
      failure = "There is no order \(number?.rawValue ?? "with that number")."
    case .failure(let problem):
      failure = problem.message
    }
  }

  /// How far the page scrolls before its last line is at the bottom.
  func scrollLimit(_ layout: DeskLayout) -> Int {
    guard page != nil else { return 0 }
    return ScrollingText.limit(lineCount: lineCount, rows: layout.contentRows - Self.headerRows)
  }
}

extension OrderPageScreen: DeskScreen {
  mutating func update(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    switch key {
    case .up, .character("k"), .down, .character("j"), .pageUp, .pageDown, .home, .end:
      scroll = ScrollingText.scroll(
        scroll, by: key, limit: scrollLimit(context.layout),
        page: context.layout.contentRows - Self.headerRows - 1)
    case .escape:
      return [.go(.orderSearch)]
    case .character("r"):
      guard let page else { return [] }
      guard context.staffMember?.role.mayRefund == true else {
        return [.say("Refunds need a supervisor.", .warning)]
      }
      guard page.refundable.minorUnits > 0 else {
        return [.say("Nothing is left to refund on this order.", .warning)]
      }
      return [.openRefund]
    case .function(5):
      guard let number else { return [] }
      return [.run(open(number))]
    default:
      break
    }
    return []
  }

  /// Measured with the built-in glyphs, like the receipt.
  mutating func layoutChanged(_ layout: DeskLayout) {
    guard let page else { return }
    let lines = OrderPageText.lines(page, glyphs: Glyphs(unicode: true), columns: layout.columns)
    lineCount = ScrollingText.wrapped(lines, columns: layout.columns).count
  }

  func render(_ context: ScreenContext, into painter: inout Painter) {
    if isLoading {
      painter.line("Loading the order \(number?.rawValue ?? "")…", .muted)
    } else if let failure {
      painter.paragraph("The order could not be shown: \(failure)", .error)
    } else {
      painter.blank()
    }
    guard let page else { return }
    painter.scrolling(
      OrderPageText.lines(page, glyphs: painter.glyphs, columns: painter.columns),
      scroll: scroll, keys: "PgUp/PgDn")
  }

  func keyBar(_ context: ScreenContext, glyphs: Glyphs) -> String {
    let refund = context.staffMember?.role.mayRefund == true ? "r Refund  " : ""
    return "\(refund)PgUp/PgDn Scroll  F5 Reload  Esc Results  F1 Help"
  }
}

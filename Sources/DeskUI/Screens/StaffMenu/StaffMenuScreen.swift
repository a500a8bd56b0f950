import DeskTheme
import OrderCore

/// The staff desk's menu, as on a 5250 terminal: numbered options, a selection typed on the
/// command line and Enter.
///
/// An option that would throw away the order in progress (a new order, signing out) asks to
/// be typed again first.
public struct StaffMenuScreen: Sendable, Hashable {
  /// One numbered option.
  public enum Option: Int, CaseIterable, Sendable {
    case phoneOrder = 1
    case faxOrder = 2
    case mailOrder = 3
    case findOrders = 4
    case signOut = 9

    public var title: String {
      switch self {
      case .phoneOrder: "Phone order"
      case .faxOrder: "Fax order"
      case .mailOrder: "Mail order"
      case .findOrders: "Find orders"
      case .signOut: "Sign out"
      }
    }

    /// Where a new order of this option comes from, for the three kinds of order.
    var source: OrderSource? {
      switch self {
      case .phoneOrder: .phone
      case .faxOrder: .fax
      case .mailOrder: .mail
      case .findOrders, .signOut: nil
      }
    }
  }

  /// The command line: the number of the option.
  public internal(set) var selection = TextField(maximumLength: 2)
  /// What is wrong with the selection, or what it would throw away.
  public internal(set) var error: String?
  /// The option typed once over an order in progress, which typing it again confirms.
  var confirming: Option?
  /// Where Esc goes back to: the screen the menu was opened from, if any.
  var returnScreen: DeskState.Screen?

  /// The menu shown anew, opened from `screen` (`nil` after signing in).
  mutating func open(returningTo screen: DeskState.Screen?) {
    self = StaffMenuScreen()
    returnScreen = screen
  }
}

extension StaffMenuScreen: DeskScreen {
  mutating func update(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    switch key {
    case .escape:
      guard let returnScreen else { return [] }
      return [.go(returnScreen)]
    case .enter:
      return choose(context)
    case .function(3):
      return [.openOrderSearch]
    case .character(let character) where !(character.isASCII && character.isNumber):
      error = "Type the number of an option: 1, 2, 3, 4 or 9."
      return []
    default:
      if selection.apply(key) == .changed { error = nil }
      return []
    }
  }

  private mutating func choose(_ context: ScreenContext) -> ScreenOutcome {
    let typed = selection.text.trimmed
    selection = TextField(maximumLength: 2)
    guard let number = Int(typed), let option = Option(rawValue: number) else {
      error =
        typed.isEmpty
        ? "Type the number of an option, then press Enter."
        : "There is no option \(typed). Type 1, 2, 3, 4 or 9."
      return []
    }
    let discards = option.source != nil || option == .signOut
    if discards, context.orderInProgress, confirming != option {
      confirming = option
      error =
        "An order is in progress and would be discarded. Type \(option.rawValue) again to "
        + (option == .signOut ? "sign out" : "start a new one") + ", or Esc to go back to it."
      return []
    }
    confirming = nil
    error = nil
    if let source = option.source { return [.startStaffOrder(source)] }
    return option == .signOut ? [.signOut] : [.openOrderSearch]
  }

  func render(_ context: ScreenContext, into painter: inout Painter) {
    if let member = context.staffMember {
      painter.line("Staff desk", .accent)
      painter.line("Signed in as \(member.name), \(member.role.rawValue)", .muted)
    }
    painter.blank()
    painter.line("Select one of the following:")
    painter.blank()
    for option in Option.allCases {
      if option == .signOut { painter.blank() }
      painter.line("\(option.rawValue). \(option.title)", indent: 6)
    }
    painter.blank()
    if let error {
      painter.paragraph(error, confirming == nil ? .error : .warning)
    } else if returnScreen != nil, context.orderInProgress {
      painter.line("Esc goes back to the order in progress.", .muted)
    } else {
      painter.blank()
    }
    painter.row = max(painter.row, painter.bottom)
    painter.grid.put("Selection", row: painter.row - 1, column: 1, slot: .text)
    painter.grid.put("===>", row: painter.row, column: 1, slot: .text)
    painter.field(selection, at: 6, width: 2, focused: true)
  }

  func keyBar(_ context: ScreenContext, glyphs: Glyphs) -> String {
    let enter = glyphs.unicode ? "⏎" : "Enter"
    let back = returnScreen == nil ? "" : "  Esc Back"
    return "Number + \(enter) Select\(back)  F3 Find orders  F1 Help  F2 Lock"
  }
}

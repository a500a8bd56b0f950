import OrderCore

extension DeskState {
  /// Does what a screen asked for after a key, in order; returns the effects to run.
  mutating func follow(_ outcome: ScreenOutcome) -> [DeskEffect] {
    var effects: [DeskEffect] = []
    for request in outcome.requests {
      switch request {
      case .go(let next):
        screen = next
        message = nil
      case .say(let text, let kind):
        effects += say(text, kind)
      case .run(let effect):
        effects.append(effect)
      case .changeCart(let changed):
        cart = changed
        quote = .none
      case .requestQuote:
        effects += requestQuote()
      case .forgetQuote:
        quoteGeneration += 1
        quote = .none
      case .openFindOrder where staffMember != nil:
        // Staff find any order; the customer's own look-up is for customers.
        effects += followStaff(.openOrderSearch)
      case .openFindOrder:
        findOrder.open(returningTo: screen)
        screen = .findOrder
        message = nil
      case .fillNameOnCard:
        fillNameOnCard()
      case .submitOrder:
        effects += submit()
      case .startNewOrder:
        startNewOrder()
      case .quit:
        effects += quit()
      case .quitOrAskFirst:
        if hasUnsavedWork {
          overlay = .confirmQuit
        } else {
          effects += quit()
        }
      case .startStaffOrder, .openOrderSearch, .openOrderPage, .openRefund, .openStaffMenu,
        .signOut, .useCustomer, .repeatOrder, .newCustomer:
        effects += followStaff(request)
      }
    }
    return effects
  }
}

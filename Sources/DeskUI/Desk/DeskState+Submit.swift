import OrderCore

extension DeskState {
  mutating func reviewKey(_ key: Key) -> [DeskEffect] {
    switch key {
    case .enter:
      return submit()
    case .escape:
      screen = .payment
      message = nil
    default:
      break
    }
    return []
  }

  /// Sends the order, once: the screen changes to show progress, so Enter cannot send it again.
  private mutating func submit() -> [DeskEffect] {
    guard let sealed = payment.sealed else {
      screen = .payment
      return say("The card is not complete yet.", .warning)
    }
    guard security.allowsCardData else {
      return say(
        "Not sent: \(security.cardRefusal.isEmpty ? "the channel is not secure." : security.cardRefusal)",
        .error)
        + [.probeChannel]
    }
    screen = .submitting
    submissionSent = false
    message = nil
    let submission = OrderSubmission(
      idempotencyKey: idempotencyKey, currency: currency, source: source, lines: cart.lines,
      customer: details.customer().normalised(), card: sealed.card)
    return [.submit(submission)]
  }

  mutating func submitted(_ result: Result<SubmitOutcome, DeskFailure>) -> [DeskEffect] {
    guard screen == .submitting else { return [] }
    switch result {
    case .success(.accepted(let record)):
      receipt = record
      receiptScroll = 0
      screen = .receipt
      payment.clear()
      return []
    case .success(.declined(let decline)):
      payment.clear()
      fillNameOnCard()
      payment.decline = decline
      // The next attempt is a new submit: the same key would replay this decline.
      attempt += 1
      screen = .payment
      return say(
        "Payment declined; the number, expiry and CVC are cleared for another try.", .error)
    case .failure(let failure) where failure.kind == .paymentsPaused:
      screen = .review
      return say(
        "Payments are briefly unavailable; nothing was charged. Everything typed is kept and the "
          + "card stays sealed: press Enter in a moment to send the order again. It will not be "
          + "charged twice.", .error)
    case .failure(let failure) where failure.kind == .cardKeyRetired:
      payment.clear()
      fillNameOnCard()
      // A new card needs a new submit: the old key was sealed into the old card.
      attempt += 1
      screen = .payment
      return say(
        "The vault's key changed after the card was sealed, and the desk had already wiped the "
          + "card: type the number, expiry and CVC again. Nothing was charged.", .error)
    case .failure(let failure) where failure.kind == .tooManyAttempts:
      screen = .review
      return say(
        "Too many card attempts from here in a short time, so payments are paused for a while; "
          + "nothing was charged. Everything typed is kept: try again later.", .error)
    case .failure(let failure):
      screen = .review
      return say(failure.message, .error)
    }
  }

  mutating func receiptKey(_ key: Key) -> [DeskEffect] {
    switch key {
    case .up, .character("k"), .down, .character("j"), .pageUp, .pageDown, .home, .end:
      receiptScroll = Self.scroll(
        receiptScroll, by: key, limit: receiptScrollLimit, page: contentRows - 1)
    case .character("n"), .enter:
      startNewOrder()
    case .character("f"), .function(3):
      openFindOrder()
    case .character("q"):
      return quit()
    default:
      break
    }
    return []
  }

  /// Empties everything of the last order, for the next customer.
  private mutating func startNewOrder() {
    cart.removeAll()
    details = DetailsForm()
    payment.clear()
    payment.decline = nil
    quote = .none
    quoteGeneration += 1
    attempt += 1
    receipt = nil
    catalogView = CatalogView()
    cartSelection = 0
    screen = .catalog
    message = nil
  }

  mutating func findOrderKey(_ key: Key) -> [DeskEffect] {
    switch key {
    case .escape:
      screen = findOrder.returnScreen == .findOrder ? .catalog : findOrder.returnScreen
      message = nil
      return []
    case .tab, .backTab, .up, .down:
      findOrder.focus = findOrder.focus == .number ? .email : .number
      return []
    case .pageUp, .pageDown:
      findOrder.scroll = Self.scroll(
        findOrder.scroll, by: key, limit: foundOrderScrollLimit,
        page: contentRows - Self.findOrderFormRows - 1)
      return []
    case .enter:
      if findOrder.focus == .number && findOrder.email.isEmpty {
        findOrder.focus = .email
        return []
      }
      return lookUp()
    default:
      switch findOrder.focus {
      case .number: _ = findOrder.number.apply(key)
      case .email: _ = findOrder.email.apply(key)
      }
      return []
    }
  }

  private mutating func lookUp() -> [DeskEffect] {
    guard !findOrder.isSearching else { return [] }
    guard let number = OrderNumber(findOrder.number.text) else {
      findOrder.focus = .number
      findOrder.error = "An order number looks like OD-7K3F9Q2M: letters, digits and dashes."
      return []
    }
    guard !findOrder.email.text.allSatisfy(\.isWhitespace) else {
      findOrder.focus = .email
      findOrder.error = "Type the email address the order was placed with."
      return []
    }
    findOrder.isSearching = true
    findOrder.searched = findOrder.query
    findOrder.error = nil
    findOrder.result = nil
    findOrder.scroll = 0
    return [.lookUp(number, email: findOrder.email.text)]
  }
}

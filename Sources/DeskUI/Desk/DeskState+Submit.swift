import OrderCore

extension DeskState {
  /// Sends the order, once: the screen changes to show progress, so Enter cannot send it again.
  mutating func submit() -> [DeskEffect] {
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
    submitting = SubmittingScreen()
    message = nil
    let submission = OrderSubmission(
      idempotencyKey: idempotencyKey, currency: currency, source: source, lines: cart.lines,
      customer: details.customer().normalised(), card: sealed.card, note: orderNote)
    return [.submit(submission)]
  }

  mutating func submitted(_ result: Result<SubmitOutcome, DeskFailure>) -> [DeskEffect] {
    guard screen == .submitting else { return [] }
    switch result {
    case .success(.accepted(let record)):
      receiptView = ReceiptScreen(order: record, layout: layout, note: orderNote)
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

  /// Empties everything of the last order, for the next customer.
  mutating func startNewOrder() {
    cart.removeAll()
    details = DetailsForm()
    payment.clear()
    payment.decline = nil
    quote = .none
    quoteGeneration += 1
    attempt += 1
    receiptView = ReceiptScreen()
    catalogView = CatalogScreen()
    cartView = CartScreen()
    screen = .catalog
    message = nil
    // Staff go on taking orders of the same kind: the next caller first.
    if staffMember != nil, source != .terminal { openCustomerFinder() }
  }

  /// How far the receipt scrolls before its last line is at the bottom.
  public var receiptScrollLimit: Int { receiptView.scrollLimit(layout) }

  /// How many lines of the receipt are scrolled out of view at the top.
  public var receiptScroll: Int { receiptView.scroll }

  /// How far a found order scrolls below the search form.
  public var foundOrderScrollLimit: Int { findOrder.scrollLimit(layout) }
}

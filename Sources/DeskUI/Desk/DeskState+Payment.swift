import OrderCore

extension DeskState {
  mutating func paymentKey(_ key: Key) -> [DeskEffect] {
    if key == .escape {
      screen = .details
      message = nil
      return []
    }
    if payment.sealed != nil {
      switch key {
      case .enter, .tab: return openReview()
      case .backspace, .delete:
        payment.clear()
        fillNameOnCard()
        return say("The sealed card was discarded. Type the new card's details.", .info)
      default: return []
      }
    }
    guard security.permitsCardEntry else {
      switch key {
      case .character, .enter, .tab, .backspace:
        // The screen says why; the status line says only that the key was refused.
        return say(
          "Card entry is turned off until the connection is secure; the reason is above.",
          .error)
      default: return []
      }
    }
    let focus = payment.focus
    switch key {
    case .tab, .down, .enter:
      return leavePaymentField(forward: true, continuing: key == .enter)
    case .backTab, .up:
      return leavePaymentField(forward: false, continuing: false)
    case .control("r"):
      return askToReadBack()
    default:
      break
    }
    let edit: TextField.Edit
    switch focus {
    case .number: edit = payment.number.apply(key)
    case .expiry: edit = payment.editExpiry(key)
    case .cvc: edit = payment.cvc.apply(key)
    case .name: edit = payment.name.apply(key)
    }
    guard edit == .changed else { return [] }
    payment.decline = nil
    if payment.errors[focus] != nil, payment.problems(currentMonth: currentMonth)[focus] == nil {
      payment.errors[focus] = nil
    }
    if isComplete(focus), focus != .name {
      // A complete field hands the cursor to the next one, as on a card terminal.
      return leavePaymentField(forward: true, continuing: false)
    }
    return []
  }

  /// Whether a card field has all it can take and is right.
  private func isComplete(_ field: PaymentForm.Field) -> Bool {
    let problems = payment.problems(currentMonth: currentMonth)
    guard problems[field] == nil else { return false }
    switch field {
    case .number: return payment.numberIsTypedToTheEnd
    case .expiry: return payment.expiry.text.count == 5
    case .cvc:
      let brand = payment.numberCheck.brand
      return payment.cvc.count == (brand?.cvcLength ?? 3)
    case .name: return false
    }
  }

  private mutating func leavePaymentField(forward: Bool, continuing: Bool) -> [DeskEffect] {
    let focus = payment.focus
    let problems = payment.problems(currentMonth: currentMonth)
    if !fieldIsBlank(focus) { payment.errors[focus] = problems[focus] }
    if forward && focus == .name {
      guard continuing else { return [] }
      payment.errors = problems
      if let first = PaymentForm.Field.allCases.first(where: { problems[$0] != nil }) {
        payment.focus = first
        return say("Check the card details marked below.", .error)
      }
      return seal()
    }
    let fields = PaymentForm.Field.allCases
    let next = forward ? focus.rawValue + 1 : max(0, focus.rawValue - 1)
    payment.focus = fields[min(next, fields.count - 1)]
    return []
  }

  private func fieldIsBlank(_ field: PaymentForm.Field) -> Bool {
    switch field {
    case .number: payment.number.isEmpty
    case .expiry: payment.expiry.isEmpty
    case .cvc: payment.cvc.isEmpty
    case .name: payment.name.isEmpty
    }
  }

  /// Seals a copy of the complete card fields and wipes the form's own digits at once.
  mutating func seal() -> [DeskEffect] {
    guard payment.stage.maySeal else { return [] }
    guard payment.problems(currentMonth: currentMonth).isEmpty else { return [] }
    guard security.allowsCardData else {
      payment.sealIsWaitingForChannel = true
      return say("Waiting for a secure connection before the card is sealed…", .warning)
        + [.probeChannel]
    }
    let check = payment.numberCheck
    let lastFour =
      payment.number.digits.withUnsafeBytes { CardNumberRules.lastFour(digits: $0) } ?? ""
    let copy = CardEntry(
      number: payment.number.copy(), expiry: payment.expiry.text, cvc: payment.cvc.copy(),
      name: payment.name.text)
    payment.number.wipe()
    payment.cvc.wipe()
    payment.endReadBack()
    let generation = payment.startSealing(
      PendingSeal(
        brand: check.brand, lastFour: lastFour, expiry: payment.expiry.text,
        name: payment.name.text))
    return [.sealCard(copy, idempotencyKey: idempotencyKey, generation: generation)]
  }

  mutating func cardSealed(
    generation: Int, _ result: Result<SealedCard, DeskFailure>
  ) -> [DeskEffect] {
    guard payment.stage.isSealing(generation: generation) else { return [] }
    switch result {
    case .success(let card):
      guard let sealed = payment.stage.answered(generation: generation, with: card) else {
        return []
      }
      payment.stage = sealed
      payment.errors = [:]
      return screen == .payment ? openReview() : []
    case .failure(let failure):
      payment.clear()
      fillNameOnCard()
      return say(
        "The card could not be sealed, so it was not kept: \(failure.message) "
          + "Please type it again.", .error)
    }
  }

  mutating func openReview() -> [DeskEffect] {
    screen = .review
    message = nil
    return requestQuote()
  }
}

extension ChannelSecurity {
  /// Why card entry is refused on this channel, in words for the person at the desk.
  public var cardRefusal: String {
    switch self {
    case .notEncrypted:
      "the connection to the order service is not encrypted, so a card number could be read "
        + "on the way. Use an https:// order service."
    case .unverified(let reason, _):
      "the order service's certificate could not be verified (\(reason)). "
        + "Someone could be pretending to be it."
    case .secure, .unknown, .down:
      reason ?? ""
    }
  }
}

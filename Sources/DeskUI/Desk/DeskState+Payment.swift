import OrderCore

extension DeskState {
  /// Seals a copy of the complete card fields and wipes the form's own digits at once.
  mutating func seal() -> [DeskEffect] {
    let context = self.context
    return follow(payment.seal(context))
  }

  /// The vault's answer to a seal: the card is kept sealed and the order reviewed, or the
  /// card is discarded and typed again.
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
      // Digits typed while the seal was under way are not kept beside a sealed card.
      payment.number.wipe()
      payment.cvc.wipe()
      payment.errors = [:]
      return screen == .payment ? follow([.go(.review), .requestQuote]) : []
    case .failure(let failure):
      payment.clear()
      fillNameOnCard()
      return say(
        "The card could not be sealed, so it was not kept: \(failure.message) "
          + "Please type it again.", .error)
    }
  }

  /// Puts the customer's name in an empty "Name on card", where a card would take it, for the
  /// person at the desk to keep or change; most cards are paid for by the customer.
  mutating func fillNameOnCard() {
    payment.fillName(details[.name].text)
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

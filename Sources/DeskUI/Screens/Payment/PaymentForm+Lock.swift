import OrderCore

extension PaymentForm {
  /// Wipes the number, expiry and CVC of a card typed and not yet sealed.
  ///
  /// The desk does so as it locks or its session ends: nobody else is to find them there.
  /// The name on the card and a card already sealed for the vault stay.
  mutating func wipeTypedCard() {
    endReadBack()
    guard stage.maySeal else { return }
    number.wipe()
    cvc.wipe()
    expiry = TextField(maximumLength: 5)
    errors[.number] = nil
    errors[.expiry] = nil
    errors[.cvc] = nil
    focus = .number
    stage = .typing
  }
}

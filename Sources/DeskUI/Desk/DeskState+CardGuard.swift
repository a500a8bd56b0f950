import OrderCore

extension DeskState {
  /// What the desk says when a card number turns up in a field that is not for one.
  static let cardNumberRemoved =
    "That looked like a card number, so it was taken out. Card numbers go only in the card "
    + "number field on the payment step, where they are masked and sealed."

  /// Takes whole card numbers out of every field that is not a card field, as soon as one is
  /// complete there: typed into an address line by mistake it would otherwise stay on the
  /// screen and go to the order service, and from there into its database, in plain text.
  mutating func removeCardNumbersFromTextFields() -> [DeskEffect] {
    var removed = false
    for field in details.removeCardNumbers() {
      details.errors[field] = Self.cardNumberRemoved
      removed = true
    }
    if payment.name.removeCardNumbers() { removed = true }
    if findOrder.number.removeCardNumbers() { removed = true }
    if findOrder.email.removeCardNumbers() { removed = true }
    if catalogView.filter.removeCardNumbers() { removed = true }
    return removed ? say(Self.cardNumberRemoved, .error) : []
  }
}

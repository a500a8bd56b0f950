import OrderCore

extension TextField {
  /// What the desk says when a card number turns up in a field that is not for one.
  static let cardNumberRemoved =
    "That looked like a card number, so it was taken out. Card numbers go only in the card "
    + "number field on the payment step, where they are masked and sealed."
}

extension DeskState {
  /// Takes whole card numbers out of every field that is not a card field, as soon as one is
  /// complete there: typed into an address line by mistake it would otherwise stay on the
  /// screen and go to the order service, and from there into its database, in plain text.
  mutating func removeCardNumbersFromTextFields() -> [DeskEffect] {
    // Every screen is asked, not only until one had a number.
    let found = Screen.allCases.map { screen in
      withModel(of: screen) { $0.removeCardNumbers() }
    }
    return found.contains(true) ? say(TextField.cardNumberRemoved, .error) : []
  }
}

import OrderCore

extension DeskState {
  /// The details fields shown for this cart.
  public var detailsFields: [DetailsForm.Field] {
    DetailsForm.visibleFields(shipping: needsShippingAddress)
  }

  mutating func detailsKey(_ key: Key) -> [DeskEffect] {
    let fields = detailsFields
    if !fields.contains(details.focus) { details.focus = .name }
    let focus = details.focus
    let suggestions = focus == .country ? details.countrySuggestions : []
    switch key {
    case .up where !suggestions.isEmpty:
      details.suggestion = max(0, details.suggestion - 1)
    case .down where !suggestions.isEmpty:
      details.suggestion = min(suggestions.count - 1, details.suggestion + 1)
    case .enter where !suggestions.isEmpty:
      _ = details.acceptSuggestion()
      details.check(.country, shipping: needsShippingAddress)
      return countryChanged()
    case .tab, .down, .enter:
      return leaveDetailsField(forward: true, continuing: key == .enter)
    case .backTab, .up:
      return leaveDetailsField(forward: false, continuing: false)
    case .escape:
      details.check(focus, shipping: needsShippingAddress)
      screen = .cart
      message = nil
      return requestQuote()
    case .function(3):
      openFindOrder()
    default:
      let edit = details.edit(focus, key)
      if edit == .changed, details.errors[focus] != nil {
        // An error disappears as soon as the field is right; it never appears while typing.
        if details.problems(shipping: needsShippingAddress)[focus] == nil {
          details.errors[focus] = nil
        }
      }
      if edit == .refused, case .character = key, details[focus].text.count >= focus.maximumLength {
        return say("\(focus.label) takes at most \(focus.maximumLength) characters.", .warning)
      }
    }
    return []
  }

  private mutating func leaveDetailsField(forward: Bool, continuing: Bool) -> [DeskEffect] {
    let fields = detailsFields
    let focus = details.focus
    var effects: [DeskEffect] = []
    if focus == .country, details.countryCode == nil, details.acceptSuggestion() {
      effects += countryChanged()
    }
    details.check(focus, shipping: needsShippingAddress)
    guard let index = fields.firstIndex(of: focus) else { return effects }
    if forward && index == fields.count - 1 {
      return effects + (continuing ? continueToPayment() : [])
    }
    let next = forward ? min(fields.count - 1, index + 1) : max(0, index - 1)
    details.focus = fields[next]
    return effects
  }

  private mutating func countryChanged() -> [DeskEffect] {
    if details.focus == .country, let index = detailsFields.firstIndex(of: .country),
      index + 1 < detailsFields.count
    {
      details.focus = detailsFields[index + 1]
    }
    return requestQuote()
  }

  /// Checks every field; moves on to payment when all are right, else to the first wrong one.
  mutating func continueToPayment() -> [DeskEffect] {
    let problems = details.problems(shipping: needsShippingAddress)
    details.errors = problems
    if let first = detailsFields.first(where: { problems[$0] != nil }) {
      details.focus = first
      let count = problems.count
      return say(
        count == 1
          ? "One field needs attention before payment."
          : "\(count) fields need attention before payment.", .error)
    }
    screen = .payment
    message = nil
    fillNameOnCard()
    return []
  }

  /// Puts the customer's name in an empty "Name on card", where a card would take it, for the
  /// person at the desk to keep or change; most cards are paid for by the customer.
  mutating func fillNameOnCard() {
    guard payment.name.isEmpty, payment.sealed == nil,
      let name = try? CardholderName.normalise(details[.name].text)
    else { return }
    payment.name.set(name)
  }
}

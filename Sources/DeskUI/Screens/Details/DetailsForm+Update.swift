import OrderCore

extension DetailsForm: DeskScreen {
  mutating func update(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    let shipping = context.needsShipping
    let fields = Self.visibleFields(shipping: shipping, note: context.takesNote)
    if !fields.contains(focus) { focus = .name }
    let focus = focus
    let suggestions = focus == .country ? countrySuggestions : []
    switch key {
    case .up where !suggestions.isEmpty:
      suggestion = max(0, suggestion - 1)
    case .down where !suggestions.isEmpty:
      suggestion = min(suggestions.count - 1, suggestion + 1)
    case .enter where !suggestions.isEmpty:
      _ = acceptSuggestion()
      check(.country, shipping: shipping)
      return countryChanged(fields)
    case .tab, .down, .enter:
      return leaveField(forward: true, continuing: key == .enter, fields, shipping: shipping)
    case .backTab, .up:
      return leaveField(forward: false, continuing: false, fields, shipping: shipping)
    case .escape:
      check(focus, shipping: shipping)
      return [.go(.cart), .requestQuote]
    case .function(3):
      return [.openFindOrder]
    default:
      let edit = edit(focus, key)
      if edit == .changed, errors[focus] != nil {
        // An error disappears as soon as the field is right; it never appears while typing.
        if problems(shipping: shipping)[focus] == nil {
          errors[focus] = nil
        }
      }
      if edit == .refused, case .character = key, self[focus].text.count >= focus.maximumLength {
        return [.say("\(focus.label) takes at most \(focus.maximumLength) characters.", .warning)]
      }
    }
    return []
  }

  func isEditingText(_ context: ScreenContext) -> Bool { true }

  mutating func removeCardNumbers() -> Bool {
    let found = takeOutCardNumbers()
    for field in found { errors[field] = TextField.cardNumberRemoved }
    return !found.isEmpty
  }

  private mutating func leaveField(
    forward: Bool, continuing: Bool, _ fields: [Field], shipping: Bool
  ) -> ScreenOutcome {
    let focus = focus
    var outcome: ScreenOutcome = []
    if focus == .country, countryCode == nil, acceptSuggestion() {
      outcome += countryChanged(fields)
    }
    check(focus, shipping: shipping)
    guard let index = fields.firstIndex(of: focus) else { return outcome }
    if forward && index == fields.count - 1 {
      return outcome + (continuing ? continueToPayment(fields, shipping: shipping) : [])
    }
    let next = forward ? min(fields.count - 1, index + 1) : max(0, index - 1)
    self.focus = fields[next]
    return outcome
  }

  private mutating func countryChanged(_ fields: [Field]) -> ScreenOutcome {
    if focus == .country, let index = fields.firstIndex(of: .country), index + 1 < fields.count {
      focus = fields[index + 1]
    }
    return [.requestQuote]
  }

  /// Checks every field; moves on to payment when all are right, else to the first wrong one.
  private mutating func continueToPayment(_ fields: [Field], shipping: Bool) -> ScreenOutcome {
    let problems = problems(shipping: shipping)
    errors = problems
    if let first = fields.first(where: { problems[$0] != nil }) {
      focus = first
      let count = problems.count
      return [
        .say(
          count == 1
            ? "One field needs attention before payment."
            : "\(count) fields need attention before payment.", .error)
      ]
    }
    return [.go(.payment), .fillNameOnCard]
  }
}

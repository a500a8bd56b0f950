import OrderCore

extension PaymentForm: DeskScreen {
  mutating func update(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    if key == .escape {
      return [.go(.details)]
    }
    if sealed != nil {
      switch key {
      case .enter, .tab: return [.go(.review), .requestQuote]
      case .backspace, .delete:
        clear()
        return [
          .fillNameOnCard,
          .say("The sealed card was discarded. Type the new card's details.", .info),
        ]
      default: return []
      }
    }
    guard context.security.permitsCardEntry else {
      switch key {
      case .character, .enter, .tab, .backspace:
        // The screen says why; the status line says only that the key was refused.
        return [
          .say(
            "Card entry is turned off until the connection is secure; the reason is above.",
            .error)
        ]
      default: return []
      }
    }
    let focus = focus
    switch key {
    case .tab, .down, .enter:
      return leaveField(forward: true, continuing: key == .enter, context)
    case .backTab, .up:
      return leaveField(forward: false, continuing: false, context)
    case .control("r"):
      return askToReadBack(context)
    default:
      break
    }
    let edit: TextField.Edit
    switch focus {
    case .number: edit = number.apply(key)
    case .expiry: edit = editExpiry(key)
    case .cvc: edit = cvc.apply(key)
    case .name: edit = name.apply(key)
    }
    guard edit == .changed else { return [] }
    decline = nil
    if errors[focus] != nil, problems(currentMonth: context.currentMonth)[focus] == nil {
      errors[focus] = nil
    }
    if isComplete(focus, currentMonth: context.currentMonth), focus != .name {
      // A complete field hands the cursor to the next one, as on a card terminal.
      return leaveField(forward: true, continuing: false, context)
    }
    return []
  }

  func isEditingText(_ context: ScreenContext) -> Bool {
    sealed == nil && context.security.permitsCardEntry
  }

  /// While the card is sealed the fields are wiped, and the vault's answer decides where the
  /// desk goes: to the review, or back to the card typed again.
  func awaitsAnswer(_ context: ScreenContext) -> Bool { stage.isSealing }

  /// Only the name can hold a card number by mistake; the card fields are for one.
  mutating func removeCardNumbers() -> Bool { name.removeCardNumbers() }

  /// Whether a card field has all it can take and is right.
  private func isComplete(_ field: Field, currentMonth: YearMonth) -> Bool {
    let problems = problems(currentMonth: currentMonth)
    guard problems[field] == nil else { return false }
    switch field {
    case .number: return numberIsTypedToTheEnd
    case .expiry: return expiry.text.count == 5
    case .cvc:
      let brand = numberCheck.brand
      return cvc.count == (brand?.cvcLength ?? 3)
    case .name: return false
    }
  }

  private mutating func leaveField(
    forward: Bool, continuing: Bool, _ context: ScreenContext
  ) -> ScreenOutcome {
    let focus = focus
    let problems = problems(currentMonth: context.currentMonth)
    if !fieldIsBlank(focus) { errors[focus] = problems[focus] }
    if forward && focus == .name {
      guard continuing else { return [] }
      errors = problems
      if let first = Field.allCases.first(where: { problems[$0] != nil }) {
        self.focus = first
        return [.say("Check the card details marked below.", .error)]
      }
      return seal(context)
    }
    let fields = Field.allCases
    let next = forward ? focus.rawValue + 1 : max(0, focus.rawValue - 1)
    self.focus = fields[min(next, fields.count - 1)]
    return []
  }

  private func fieldIsBlank(_ field: Field) -> Bool {
    switch field {
    case .number: number.isEmpty
    case .expiry: expiry.isEmpty
    case .cvc: cvc.isEmpty
    case .name: name.isEmpty
    }
  }

  /// Seals a copy of the complete card fields and wipes the form's own digits at once; over a
  /// channel not yet secure, the card waits for one.
  mutating func seal(_ context: ScreenContext) -> ScreenOutcome {
    guard stage.maySeal else { return [] }
    guard problems(currentMonth: context.currentMonth).isEmpty else { return [] }
    guard context.security.allowsCardData else {
      stage = .waitingForSecureChannel
      return [
        .say("Waiting for a secure connection before the card is sealed…", .warning),
        .run(.probeChannel),
      ]
    }
    let check = numberCheck
    let lastFour = number.digits.withUnsafeBytes { CardNumberRules.lastFour(digits: $0) } ?? ""
    let copy = CardEntry(
      number: number.copy(), expiry: expiry.text, cvc: cvc.copy(), name: name.text)
    number.wipe()
    cvc.wipe()
    endReadBack()
    let generation = startSealing(
      PendingSeal(brand: check.brand, lastFour: lastFour, expiry: expiry.text, name: name.text))
    return [
      .run(.sealCard(copy, idempotencyKey: context.idempotencyKey, generation: generation))
    ]
  }

  /// Puts `customerName` in an empty "Name on card" of a card not sealed yet, as a card
  /// would print it.
  mutating func fillName(_ customerName: String) {
    guard name.isEmpty, sealed == nil, let normalised = try? CardholderName.normalise(customerName)
    else { return }
    name.set(normalised)
  }
}

import OrderCore

/// The card fields as typed, then, once sealed, only what may be shown of the card.
public struct PaymentForm: Sendable {
  public enum Field: Int, CaseIterable, Sendable, Hashable {
    case number, expiry, cvc, name

    public var label: String {
      switch self {
      case .number: "Card number"
      case .expiry: "Expiry"
      case .cvc: "CVC"
      case .name: "Name on card"
      }
    }

    var orderField: OrderField {
      switch self {
      case .number: .cardNumber
      case .expiry: .cardExpiry
      case .cvc: .cardCVC
      case .name: .cardholderName
      }
    }
  }

  /// What is kept of a card once it is sealed: the sealed blob and what may be shown.
  public struct SealedSummary: Sendable, Hashable {
    public var card: SealedCard
    public var brand: CardBrand?
    public var lastFour: String
    public var expiry: String
    public var name: String
  }

  public internal(set) var number = SecretDigitsField(maximumDigits: CardNumberRules.maximumDigits)
  public internal(set) var expiry = TextField(maximumLength: 5)
  public internal(set) var cvc = SecretDigitsField(maximumDigits: 4)
  public internal(set) var name = TextField(maximumLength: CardholderName.maximumLength)
  public internal(set) var focus: Field = .number
  public internal(set) var errors: [Field: String] = [:]
  /// Whether the card number is shown in full, for reading it back to a caller.
  public internal(set) var isRevealed = false
  var revealGeneration = 0
  /// A seal is under way for this generation.
  public internal(set) var isSealing = false
  /// The card fields were complete, but the channel was not secure yet.
  public internal(set) var sealIsWaitingForChannel = false
  var sealGeneration = 0
  public internal(set) var sealed: SealedSummary?
  /// Why the last attempt was declined, in the processor's words.
  public internal(set) var decline: PaymentDecline?

  var hasInput: Bool {
    !number.isEmpty || !expiry.isEmpty || !cvc.isEmpty || !name.isEmpty || sealed != nil
  }

  /// The number's brand and checksum state as typed.
  public var numberCheck: CardNumberCheck {
    CardNumberRules.evaluate(number.digits)
  }

  /// The card fields as an entry, sharing the form's buffers.
  var entry: CardEntry {
    CardEntry(number: number.digits, expiry: expiry.text, cvc: cvc.digits, name: name.text)
  }

  /// Every problem with the card fields, by field.
  func problems(currentMonth: YearMonth) -> [Field: String] {
    var found: [Field: String] = [:]
    for error in entry.validate(currentMonth: currentMonth) {
      guard let field = Field.allCases.first(where: { $0.orderField == error.field }),
        found[field] == nil
      else { continue }
      found[field] = error.message
    }
    return found
  }

  /// Wipes every card field and forgets the sealed card.
  mutating func clear() {
    number.wipe()
    cvc.wipe()
    expiry = TextField(maximumLength: 5)
    name = TextField(maximumLength: CardholderName.maximumLength)
    focus = .number
    errors = [:]
    isRevealed = false
    revealGeneration += 1
    isSealing = false
    sealIsWaitingForChannel = false
    sealGeneration += 1
    sealed = nil
  }

  /// Applies a key to the expiry field, adding the slash after the month.
  mutating func editExpiry(_ key: Key) -> TextField.Edit {
    guard case .character(let character) = key else {
      if key == .backspace, expiry.text.count == 3, expiry.text.hasSuffix("/"),
        expiry.cursor == 3
      {
        // Backspace over the slash that was added takes the month's last digit with it.
        _ = expiry.apply(.backspace)
      }
      return expiry.apply(key)
    }
    let text = expiry.text
    if character == "/" {
      guard !text.contains("/"), expiry.cursor == text.count else { return .refused }
      if text.count == 1 {
        expiry.set("0" + text + "/")
        return .changed
      }
      return text.count == 2 ? expiry.apply(key) : .refused
    }
    guard character.isASCII, character.isNumber else { return .refused }
    guard expiry.cursor == text.count else { return expiry.apply(key) }
    if text.isEmpty, let digit = character.wholeNumberValue, digit > 1 {
      // No month starts with 2–9, so "4" means April.
      expiry.set("0\(digit)/")
      return .changed
    }
    let edit = expiry.apply(key)
    if edit == .changed, expiry.text.count == 2, !expiry.text.contains("/") {
      expiry.set(expiry.text + "/")
    }
    return edit
  }
}

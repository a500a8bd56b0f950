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
  /// Where reading the number back to a caller stands.
  public internal(set) var readBack: CardReadBack = .hidden
  /// Counts read-backs, so a timer or an audit answer for an earlier one changes nothing.
  var readBackGeneration = 0
  /// Where the card stands: typed, waiting for the channel, being sealed, or sealed.
  public internal(set) var stage: CardStage = .typing
  /// How many seals were asked for, so that each has a generation of its own and an answer
  /// for a card since discarded changes nothing.
  private var sealsAsked = 0
  /// Why the last attempt was declined, in the processor's words.
  public internal(set) var decline: PaymentDecline?

  var hasInput: Bool {
    !number.isEmpty || !expiry.isEmpty || !cvc.isEmpty || !name.isEmpty || sealed != nil
  }

  /// The number's brand and checksum state as typed.
  public var numberCheck: CardNumberCheck {
    CardNumberRules.evaluate(number.digits)
  }

  /// Whether the card number is shown in full, for reading it back to a caller.
  public var isRevealed: Bool {
    if case .shown = readBack { return true }
    return false
  }

  /// Whether the number has been typed to its end: valid for its brand, and at its brand's
  /// longest length or at 16 digits, where nearly every card ends and the cursor moves on.
  var numberIsTypedToTheEnd: Bool {
    let check = numberCheck
    guard check.isValid, let brand = check.brand else { return false }
    return number.count == brand.maximumLength || number.count >= 16
  }

  /// Whether the number is whole: valid for its brand, and either typed to its end or left
  /// with the cursor elsewhere.
  ///
  /// Only a whole number shows its last four digits and the ✓: a number that is valid but
  /// could still take digits (a 13-digit Visa, a 12-digit Maestro) is, while the cursor is in
  /// it, still being typed, and showing its last four then would show them again, shifted,
  /// after each further digit.
  public var numberIsWhole: Bool {
    numberIsTypedToTheEnd || (focus != .number && numberCheck.isValid)
  }

  /// Ends a read-back, whatever stage it is at; a timer or an answer for it then does nothing.
  mutating func endReadBack() {
    guard readBack != .hidden else { return }
    readBack = .hidden
    readBackGeneration += 1
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
    endReadBack()
    stage = .typing
  }

  /// The sealed card, once there is one.
  public var sealed: SealedSummary? { stage.sealed }

  /// Whether a seal is under way.
  public var isSealing: Bool { stage.isSealing }

  /// Starts sealing; returns the seal's generation.
  ///
  /// The stage holds what is shown of the card meanwhile; the caller has wiped the digits.
  mutating func startSealing(_ pending: PendingSeal) -> Int {
    sealsAsked += 1
    stage = .sealing(generation: sealsAsked, pending)
    return sealsAsked
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

/// Where reading a card number back to a caller stands.
///
/// A read-back is written to the audit log before a digit is shown, so none goes unrecorded.
public enum CardReadBack: Sendable, Hashable {
  case hidden
  /// Asked for with Ctrl-R; the number is shown once the audit log has the event.
  case recording(generation: Int)
  /// Shown in full until its timer fires, a key is pressed or the field leaves the screen.
  case shown(generation: Int)
}

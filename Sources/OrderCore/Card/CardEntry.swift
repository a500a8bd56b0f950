/// The card fields of an order as typed, before they are sealed to the vault.
///
/// Number and CVC live in `SecretBytes` that the desk wipes right after sealing. Printing or
/// dumping an entry shows the expiry and name but never the number or CVC.
public struct CardEntry: Sendable {
  /// The card number's ASCII digits (spaces and dashes between them are tolerated).
  public let number: SecretBytes
  /// The expiry as typed, for example "04/29".
  public var expiry: String
  /// The security code's ASCII digits.
  public let cvc: SecretBytes
  /// The cardholder's name as typed.
  public var name: String

  public init(
    number: SecretBytes = SecretBytes(), expiry: String = "",
    cvc: SecretBytes = SecretBytes(capacity: 8), name: String = ""
  ) {
    self.number = number
    self.expiry = expiry
    self.cvc = cvc
    self.name = name
  }

  /// Every problem with the card fields at once, so each can be shown beside its field.
  ///
  /// `currentMonth` is the injected clock for the expiry check. Messages never contain card
  /// digits.
  public func validate(currentMonth: YearMonth) -> [FieldError] {
    var errors: [FieldError] = []
    let check = CardNumberRules.evaluate(number)
    let digitCount = number.withUnsafeBytes { bytes in
      bytes.count { CardNumberRules.digitValue($0) != nil }
    }
    if let message = CardEntry.message(for: check, digitCount: digitCount) {
      errors.append(FieldError(.cardNumber, message))
    }
    do {
      _ = try CardExpiry.parse(expiry, currentMonth: currentMonth)
    } catch {
      errors.append(FieldError(.cardExpiry, error.message))
    }
    if let problem = CVCRules.problem(in: cvc, brand: check.brand) {
      errors.append(FieldError(.cardCVC, problem.message))
    }
    do {
      _ = try CardholderName.normalise(name)
    } catch {
      errors.append(FieldError(.cardholderName, error.message))
    }
    return errors
  }

  /// Wipes the number and the CVC.
  public func wipe() {
    number.wipe()
    cvc.wipe()
  }

  private static func message(for check: CardNumberCheck, digitCount: Int) -> String? {
    switch check.status {
    case .valid: nil
    case .empty: "Please enter the card number."
    case .incomplete where check.checksumIsWrong(digitCount: digitCount):
      CardNumberProblem.wrongChecksum.message
    case .incomplete: "The card number is incomplete. Please type all of its digits."
    case .invalid(let problem): problem.message
    }
  }
}

extension CardEntry: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  /// The entry with number and CVC redacted.
  public var description: String {
    "CardEntry(number: \(number), expiry: \(String(reflecting: expiry)), cvc: \(cvc), "
      + "name: \(String(reflecting: name)))"
  }

  /// The same as `description`: the number and CVC are redacted.
  public var debugDescription: String { description }

  /// Children whose secrets redact themselves, so `dump` shows no number or CVC.
  public var customMirror: Mirror {
    Mirror(
      self,
      children: ["number": number, "expiry": expiry, "cvc": cvc, "name": name],
      displayStyle: .struct)
  }
}

import OrderCore

/// A card as the vault opened it: number and CVC as secrets, expiry, name and brand.
///
/// Printing, dumping or reflecting it shows the brand, last four and expiry, never the number,
/// CVC or name. Call `wipe()` as soon as the card has been used.
public struct OpenedCard: Sendable {
  /// The card number's ASCII digits, nothing else.
  public let number: SecretBytes
  /// The security code's ASCII digits.
  public let cvc: SecretBytes
  /// The last month the card is valid.
  public let expiry: YearMonth
  /// The cardholder's name as printed on the card.
  public let name: String
  /// The brand the number belongs to.
  public let brand: CardBrand
  /// The last four digits, which the merchant side may see.
  public let lastFour: String

  /// A card from its parts; the number must be a valid card number of digits only.
  public init(
    number: SecretBytes, cvc: SecretBytes, expiry: YearMonth, name: String, brand: CardBrand
  ) {
    self.number = number
    self.cvc = cvc
    self.expiry = expiry
    self.name = name
    self.brand = brand
    self.lastFour = number.withUnsafeBytes { digits in
      String(decoding: digits.suffix(4), as: UTF8.self)
    }
  }

  /// What the merchant side may know of this card.
  public var summary: CardSummary {
    CardSummary(brand: brand, lastFour: lastFour, expiry: expiry)
  }

  /// Wipes the number and the CVC.
  public func wipe() {
    number.wipe()
    cvc.wipe()
  }

  /// Wipes the CVC alone, which may be kept no longer than the processor needed it.
  public func wipeCVC() {
    cvc.wipe()
  }
}

extension OpenedCard: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  /// Brand, last four and expiry; number, CVC and name redacted.
  public var description: String {
    "OpenedCard(\(brand.rawValue) ending \(lastFour), expiry: \(expiry), number: "
      + "\(SecretBytes.redaction), cvc: \(SecretBytes.redaction), name: \(SecretBytes.redaction))"
  }

  /// The same as `description`.
  public var debugDescription: String { description }

  /// Only what the merchant may see, so `dump` shows no secret.
  public var customMirror: Mirror {
    Mirror(
      self,
      children: [
        "brand": brand, "lastFour": lastFour, "expiry": expiry, "number": number, "cvc": cvc,
        "name": SecretBytes.redaction,
      ],
      displayStyle: .struct)
  }
}

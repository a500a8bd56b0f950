import OrderCore

/// Why a card could not be sealed or opened.
///
/// No case carries card data, and no message repeats it: an error may be logged or shown.
public enum CardSealingError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The card fields are incomplete or wrong; each error belongs to one card field.
  case invalidCard([FieldError])
  /// A key id that is empty, too long, or has characters other than letters, digits, `.`,
  /// `_` and `-`.
  case invalidKeyId
  /// The vault's public key is not standard base64.
  case malformedPublicKey
  /// The vault's public key does not have the 32 bytes of an X25519 key.
  case wrongPublicKeyLength(Int)
  /// The vault's public key is a point of small order, which anyone could open cards for.
  case weakPublicKey
  /// HPKE refused to seal to this key.
  case sealingFailed
  /// The card was sealed to a key this vault does not hold.
  case unknownKey
  /// The sealed card is not standard base64.
  case malformedBase64
  /// The sealed card has fewer bytes than any sealed card can have.
  case tooShort(Int)
  /// The sealed card is larger than the format allows.
  case tooLong
  /// The sealed card did not open: it was changed, sealed to another key, or sealed for
  /// another submission.
  case cannotOpen
  /// The sealed card opened but its contents are not a card in the agreed shape.
  case invalidPlaintext(CardPlaintextProblem)

  /// The problem in words, without any card data.
  public var message: String {
    switch self {
    case .invalidCard(let errors):
      let fields = errors.map(\.field.rawValue).joined(separator: ", ")
      return "The card cannot be sealed until its fields are complete and valid (\(fields))."
    case .invalidKeyId:
      return "The vault key id must be 1 to \(CardSealingFormat.maximumKeyIdLength) letters, "
        + "digits, dots, dashes or underscores."
    case .malformedPublicKey:
      return "The vault's public key is not valid base64."
    case .wrongPublicKeyLength(let count):
      return "The vault's public key has \(count) bytes; an X25519 key has 32."
    case .weakPublicKey:
      return "The vault's public key is not a usable X25519 key (it has small order)."
    case .sealingFailed:
      return "The card could not be sealed to the vault's public key."
    case .unknownKey:
      return "The card was sealed to a vault key that is not the current one; fetch the "
        + "vault key again and re-enter the card."
    case .malformedBase64:
      return "The sealed card is not valid base64."
    case .tooShort(let count):
      return "The sealed card has \(count) bytes, too few to hold a card."
    case .tooLong:
      return "The sealed card is larger than \(CardSealingFormat.maximumSealedLength) bytes."
    case .cannotOpen:
      return "The sealed card could not be opened: it was altered, or sealed to another key "
        + "or for another submission."
    case .invalidPlaintext(let problem):
      return "The sealed card does not hold a card in the agreed format: \(problem.message)"
    }
  }

  /// The same as `message`.
  public var description: String { message }
}

/// A field of a sealed card's plaintext.
public enum CardPlaintextField: String, Sendable, Hashable, CaseIterable {
  case number
  case expMonth
  case expYear
  case cvc
  case name
}

/// What is wrong with the contents of a sealed card that opened.
public enum CardPlaintextProblem: Error, Sendable, Hashable {
  /// Not a JSON object.
  case malformedJSON
  /// A required field is missing.
  case missingField(CardPlaintextField)
  /// A field appears twice.
  case duplicateField(CardPlaintextField)
  /// A field other than the five agreed ones (its name is not repeated here).
  case unexpectedField
  /// A field has the wrong JSON type: a number where a string belongs, or the reverse.
  case wrongType(CardPlaintextField)
  /// The card number is not a complete, valid card number of digits only.
  case invalidNumber
  /// The security code is not the right number of digits for the card's brand.
  case invalidCVC
  /// The expiry month or year is not a month of a four-digit year.
  case invalidExpiry
  /// The name is not valid UTF-8 or not an acceptable cardholder name.
  case invalidName
  /// Something follows the JSON object.
  case trailingData

  /// The problem in words, without any card data.
  public var message: String {
    switch self {
    case .malformedJSON: "it is not a JSON object."
    case .missingField(let field): "the field \"\(field.rawValue)\" is missing."
    case .duplicateField(let field): "the field \"\(field.rawValue)\" appears twice."
    case .unexpectedField: "it has a field other than number, expMonth, expYear, cvc and name."
    case .wrongType(let field): "the field \"\(field.rawValue)\" has the wrong type."
    case .invalidNumber: "the card number is not a valid card number of digits only."
    case .invalidCVC: "the security code is not the right number of digits for the card."
    case .invalidExpiry: "the expiry is not a month 1-12 of a four-digit year."
    case .invalidName: "the cardholder name is not acceptable."
    case .trailingData: "something follows the JSON object."
    }
  }
}

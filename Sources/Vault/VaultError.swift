import CardSealing

/// Why the vault could not start or could not answer an authorization or a refund.
///
/// No case carries card data; every message can be logged and shown to an operator.
public enum VaultError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A vault or key directory that cannot be created or that others may read.
  case unsafeDirectory(path: String, problem: String)
  /// A key file with the wrong size, too open a mode, another owner, or unreadable.
  case keyFile(path: String, problem: String)
  /// The key-encryption key does not unwrap the data key stored in the vault's database.
  case keyMismatch(keyFile: String)
  /// The vault's SQLite file failed.
  case database(String)
  /// A stored row is not what the vault wrote (changed, or written under another key).
  case storeCorrupted(String)
  /// The sealed card was refused; the reason never contains card data.
  case cardRefused(CardSealingError)
  /// The card was sealed to a key the vault retired after its grace period.
  case keyRetired(keyId: String)
  /// The amount, reference or token of an authorization or refund is not acceptable.
  case invalidRequest(String)
  /// The idempotency key was already used for an authorization of another card, order or
  /// amount, or for a refund of another amount or charge.
  case idempotencyConflict
  /// The idempotency key's authorization was answered longer ago than the answer lifetime:
  /// it is not answered again, so that no second order can be made on its authorization.
  case idempotencyKeyExpired
  /// An attempt limit was reached for the client's address, the email or the card; nothing
  /// was asked of the processor. An attempt may be made again after `retryAfter` seconds.
  case tooManyAttempts(retryAfter: Int)
  /// The processor did not answer; nothing was charged, refunded or stored, so a retry is safe.
  case processorUnavailable(String)

  /// The problem in words, without card data.
  public var message: String {
    switch self {
    case .unsafeDirectory(let path, let problem):
      "The vault directory \(path) cannot be used: \(problem)"
    case .keyFile(let path, let problem):
      "The vault key file \(path) cannot be used: \(problem)"
    case .keyMismatch(let keyFile):
      "The key-encryption key in \(keyFile) does not unwrap the vault's data key: the key file "
        + "belongs to another vault or was replaced. Restore the original key file."
    case .database(let detail):
      "The vault's database failed: \(detail)"
    case .storeCorrupted(let detail):
      "The vault's card store holds data it did not write: \(detail)"
    case .cardRefused(let error):
      "The sealed card was refused. \(error.message)"
    case .keyRetired(let keyId):
      "The card was sealed to the vault key \(keyId), which was retired; seal it to the current key."
    case .invalidRequest(let detail):
      "The request is not acceptable: \(detail)"
    case .idempotencyConflict:
      "This idempotency key was already used for a different card, order, amount or charge."
    case .idempotencyKeyExpired:
      "This idempotency key was answered too long ago to be answered again; use a new key."
    case .tooManyAttempts(let retryAfter):
      "Too many card attempts lately; nothing was charged. Try again in \(retryAfter) seconds."
    case .processorUnavailable(let detail):
      "The card processor did not answer (\(detail)). Nothing was charged or refunded; try again."
    }
  }

  /// The same as `message`.
  public var description: String { message }
}

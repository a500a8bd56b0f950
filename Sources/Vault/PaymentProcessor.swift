import CardSealing
import OrderCore

/// A card processor: asked to authorize a card for an amount, or to refund a charge, it
/// answers or declines.
///
/// Implementations must treat `request.idempotencyKey` as the processor's own idempotency
/// key, as real processors allow, so that a retry the vault could not record (a crash between
/// the processor's answer and the vault's commit) is not a second charge at the processor.
public protocol PaymentProcessor: Sendable {
  /// The processor's answer to `request`; throws only when it gave no answer at all.
  ///
  /// The card in the request belongs to the vault, which wipes it once this returns; do not
  /// keep it.
  func authorize(_ request: PaymentRequest) async throws(PaymentProcessorError) -> ProcessorAnswer

  /// The processor's answer to a refund of an authorized charge; throws only when it gave no
  /// answer at all.
  ///
  /// The processor keeps its own record of what was charged and declines a refund it cannot
  /// make; the vault does not check the amount against the charge.
  func refund(_ request: RefundRequest) async throws(PaymentProcessorError) -> RefundAnswer
}

/// What the vault asks a processor: authorize this card for this amount.
public struct PaymentRequest: Sendable, CustomStringConvertible {
  /// The opened card, number and CVC included.
  public let card: OpenedCard
  /// The amount to authorize.
  public let amount: Money
  /// The merchant's reference, such as the order number.
  public let reference: String
  /// The submission's key, for the processor's own duplicate detection.
  public let idempotencyKey: IdempotencyKey

  public init(card: OpenedCard, amount: Money, reference: String, idempotencyKey: IdempotencyKey) {
    self.card = card
    self.amount = amount
    self.reference = reference
    self.idempotencyKey = idempotencyKey
  }

  /// Amount, reference and the card's own redacting description.
  public var description: String {
    "PaymentRequest(\(amount.minorUnits) \(amount.currency.code), reference: \(reference), "
      + "card: \(card))"
  }
}

/// A processor's answer: approved with an authorization code, or declined with a reason.
public enum ProcessorAnswer: Sendable, Hashable {
  /// The amount is reserved on the card; the code identifies the authorization.
  case approved(authorizationCode: String)
  /// The card was not authorized; a decline is an answer, not an error.
  case declined(PaymentDecline)
}

/// A processor that gave no answer: unreachable, timed out, or answered nonsense.
public struct PaymentProcessorError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong, without card data.
  public let message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}

/// What the vault asks a processor: give back some or all of an authorized charge.
///
/// It carries no card data: the processor finds the charge by its authorization code.
public struct RefundRequest: Sendable, Hashable {
  /// The code the processor gave when it authorized the charge.
  public let authorizationCode: String
  /// The amount to give back.
  public let amount: Money
  /// The merchant's reference, such as the order number.
  public let reference: String
  /// The refund's key, for the processor's own duplicate detection.
  public let idempotencyKey: IdempotencyKey

  public init(
    authorizationCode: String, amount: Money, reference: String, idempotencyKey: IdempotencyKey
  ) {
    self.authorizationCode = authorizationCode
    self.amount = amount
    self.reference = reference
    self.idempotencyKey = idempotencyKey
  }
}

/// A processor's answer to a refund: refunded with the refund's id, or declined with a reason.
public enum RefundAnswer: Sendable, Hashable {
  /// The amount goes back to the card; the id identifies the refund at the processor.
  case refunded(refundId: String)
  /// Nothing was refunded; a decline is an answer, not an error.
  case declined(PaymentDecline)
}

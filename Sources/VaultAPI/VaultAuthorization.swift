import OrderCore

/// The vault's answer to an authorization: the card's token and summary, or the decline.
public enum VaultAuthorization: Sendable, Hashable {
  /// Authorized. The merchant keeps the token, the summary and the processor's code.
  case approved(CardSummary, token: String, authorizationCode: String)
  /// Declined, with a reason a person at the desk understands.
  case declined(PaymentDecline)
}

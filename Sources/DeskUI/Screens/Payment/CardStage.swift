import OrderCore

/// Where the card on the payment screen stands, from the first digit typed to the sealed blob.
///
/// One value instead of flags, so that a card cannot be sealing and sealed at once, or wait
/// for the channel after its digits were wiped.
public enum CardStage: Sendable, Hashable {
  /// The fields are typed (or empty); nothing has been sent anywhere.
  case typing
  /// The fields are complete, but the channel is not secure yet: the card is sealed as soon
  /// as it is. The digits are still in the fields.
  case waitingForSecureChannel
  /// A copy of the card is being sealed for the vault; the fields' digits are already wiped.
  /// Only an answer for `generation` ends it.
  case sealing(generation: Int, PendingSeal)
  /// The vault's sealed card, and all that is shown of it from now on.
  case sealed(PaymentForm.SealedSummary)
}

/// What the desk shows of a card while its seal is under way.
public struct PendingSeal: Sendable, Hashable {
  public var brand: CardBrand?
  public var lastFour: String
  public var expiry: String
  public var name: String

  /// The summary kept once the vault's sealed card is back.
  func sealed(as card: SealedCard) -> PaymentForm.SealedSummary {
    PaymentForm.SealedSummary(
      card: card, brand: brand, lastFour: lastFour, expiry: expiry, name: name)
  }
}

extension CardStage {
  /// The sealed card, once there is one.
  public var sealed: PaymentForm.SealedSummary? {
    if case .sealed(let summary) = self { return summary }
    return nil
  }

  /// Whether a seal is under way.
  public var isSealing: Bool {
    if case .sealing = self { return true }
    return false
  }

  /// Whether the seal of `generation` is the one under way, so that its answer counts.
  func isSealing(generation: Int) -> Bool {
    if case .sealing(generation, _) = self { return true }
    return false
  }

  /// Whether the card may be sealed now: typed, or waiting for the channel.
  var maySeal: Bool {
    switch self {
    case .typing, .waitingForSecureChannel: true
    case .sealing, .sealed: false
    }
  }

  /// The stage once the vault answers: sealed when the answer is for the seal under way and
  /// is a card; `nil` when the answer is for another seal and changes nothing.
  func answered(generation: Int, with card: SealedCard) -> CardStage? {
    guard case .sealing(generation, let pending) = self else { return nil }
    return .sealed(pending.sealed(as: card))
  }
}

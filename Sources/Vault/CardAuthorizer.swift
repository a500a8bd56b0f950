import CardSealing
import Crypto
import Logging
import OrderCore
import VaultAPI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The authorization flow, outside the actor so that opening cards and waiting for the
/// processor run in parallel; everything it holds is immutable.
final class CardAuthorizer: Sendable {
  /// The longest reference kept, matching the idempotency key's limit.
  static let maximumReferenceLength = 255

  private let keyRing: KeyRing
  private let dataKeys: DataKeys
  private let store: CardStore
  private let processor: any PaymentProcessor
  private let fingerprints: AttemptFingerprints
  private let velocity: VelocityPolicy
  /// How long, in seconds, an answer is given again for its key.
  private let answerLifetime: Int64
  private let clock: @Sendable () -> Date
  private let logger: Logger

  init(
    keyRing: KeyRing, dataKeys: DataKeys, store: CardStore, processor: any PaymentProcessor,
    fingerprints: AttemptFingerprints, velocity: VelocityPolicy, answerLifetime: Int64,
    clock: @escaping @Sendable () -> Date, logger: Logger
  ) {
    self.keyRing = keyRing
    self.dataKeys = dataKeys
    self.store = store
    self.processor = processor
    self.fingerprints = fingerprints
    self.velocity = velocity
    self.answerLifetime = answerLifetime
    self.clock = clock
    self.logger = logger
  }

  /// Authorizes once per idempotency key; see `Vault.authorize`.
  func authorize(
    _ sealed: SealedCard, idempotencyKey: IdempotencyKey, binding: AuthorizationBinding,
    payer: Payer
  ) async throws(VaultError) -> VaultAuthorization {
    let reference = binding.reference
    try Self.check(amount: binding.amount, reference: reference)
    if let stored = try store.authorization(for: idempotencyKey) {
      return try replay(stored, binding: binding)
    }

    let privateKey: Curve25519.KeyAgreement.PrivateKey
    do {
      privateKey = try keyRing.privateKey(
        for: sealed.keyId, now: Int64(clock().timeIntervalSince1970))
    } catch {
      logger.notice(
        "sealed card refused", metadata: ["reference": "\(reference)", "reason": "\(error)"])
      throw error
    }
    let card: OpenedCard
    do {
      card = try CardOpener.open(
        sealed, privateKey: privateKey, keyId: sealed.keyId, idempotencyKey: idempotencyKey)
    } catch {
      logger.notice(
        "sealed card refused", metadata: ["reference": "\(reference)", "reason": "\(error)"])
      throw .cardRefused(error)
    }
    defer { card.wipe() }

    let attempt = try await admit(card, payer: payer, reference: reference)
    let answer: ProcessorAnswer
    do {
      answer = try await processor.authorize(
        PaymentRequest(
          card: card, amount: binding.amount, reference: reference,
          idempotencyKey: idempotencyKey))
      card.wipeCVC()
    } catch {
      card.wipeCVC()
      await store.settleUnanswered(attempt, now: Int64(clock().timeIntervalSince1970))
      logger.warning(
        "processor gave no answer", metadata: ["reference": "\(reference)", "error": "\(error)"])
      throw .processorUnavailable(error.message)
    }

    let now = Int64(clock().timeIntervalSince1970)
    let stored: StoredAuthorization
    switch answer {
    case .approved(let authorizationCode):
      stored = try await store.recordApproval(
        ApprovedCardRow(
          token: Self.newToken(), number: card.number, summary: card.summary,
          authorizationCode: authorizationCode),
        dataKeys: dataKeys, key: idempotencyKey, binding: binding, attempt: attempt, now: now)
    case .declined(let decline):
      stored = try await store.recordDecline(
        decline, key: idempotencyKey, binding: binding, attempt: attempt,
        clientAddress: payer.clientAddress, now: now)
    }
    // Another vault process on the same file may have answered the key first, for another card.
    guard stored.isBound(to: binding) else { throw .idempotencyConflict }
    log(stored.outcome, reference: reference, replayed: false)
    return stored.outcome
  }

  /// Counts the attempt against the payer's limits before the processor hears of the card.
  private func admit(
    _ card: OpenedCard, payer: Payer, reference: String
  ) async throws(VaultError) -> AttemptAdmission {
    let attempt = CardAttempt(
      actor: payer.actor.rawValue, client: payer.clientAddress.map(fingerprints.address),
      email: payer.email.map(fingerprints.email), card: fingerprints.card(card.number))
    let admission = try await store.admit(
      attempt, limits: velocity.limits(for: payer.actor),
      now: Int64(clock().timeIntervalSince1970), reference: reference,
      clientAddress: payer.clientAddress)
    switch admission {
    case .admitted, .unchecked:
      return admission
    case .limited(let limit, let retryAfter):
      logger.notice(
        "attempt limited",
        metadata: [
          "reference": "\(reference)", "limit": "\(limit)", "retryAfter": "\(retryAfter)",
        ])
      throw .tooManyAttempts(retryAfter: retryAfter)
    }
  }

  func storedCard(token: String) async throws(VaultError) -> StoredCard? {
    do {
      return try await store.card(token: token, dataKeys: dataKeys)
    } catch .keyFile {
      // A key-encryption key rotation may have removed the file this read's snapshot named,
      // just after it committed; a new read sees the new one.
      return try await store.card(token: token, dataKeys: dataKeys)
    }
  }

  /// The stored answer, for a repeat bound to the same card, order and amount within the
  /// answer lifetime; past it the key is refused, since the order service has forgotten its
  /// own answer and would make a new order from this one.
  private func replay(
    _ stored: StoredAuthorization, binding: AuthorizationBinding
  ) throws(VaultError) -> VaultAuthorization {
    let now = Int64(clock().timeIntervalSince1970)
    guard now - stored.createdAt < answerLifetime else {
      logger.notice(
        "expired idempotency key refused", metadata: ["reference": "\(binding.reference)"])
      throw .idempotencyKeyExpired
    }
    guard stored.isBound(to: binding) else {
      logger.notice(
        "idempotency key repeated for another card, order or amount",
        metadata: ["reference": "\(binding.reference)"])
      throw .idempotencyConflict
    }
    log(stored.outcome, reference: binding.reference, replayed: true)
    return stored.outcome
  }

  private func log(_ outcome: VaultAuthorization, reference: String, replayed: Bool) {
    switch outcome {
    case .approved(let summary, let token, _):
      logger.info(
        replayed ? "authorization replayed" : "card authorized",
        metadata: [
          "reference": "\(reference)", "token": "\(token)", "brand": "\(summary.brand.rawValue)",
          "last4": "\(summary.lastFour)",
        ])
    case .declined(let decline):
      logger.info(
        replayed ? "decline replayed" : "card declined",
        metadata: ["reference": "\(reference)", "decline": "\(decline.code)"])
    }
  }

  private static func check(amount: Money, reference: String) throws(VaultError) {
    guard amount.minorUnits > 0 else {
      throw .invalidRequest("the amount must be more than zero.")
    }
    let bytes = reference.utf8
    guard (1...maximumReferenceLength).contains(bytes.count),
      bytes.allSatisfy({ (0x21...0x7E).contains($0) })
    else {
      throw .invalidRequest(
        "the reference must be 1 to \(maximumReferenceLength) printable ASCII characters.")
    }
  }

  /// The letters tokens are made of.
  ///
  /// No digits, so a token can never be mistaken for, or
  /// searched as, a card number or a CVC.
  private static let tokenAlphabet = Array("abcdefghijklmnopqrstuvwxyz".utf8)

  /// `tok_` and 28 random letters (131 bits) from the system's CSPRNG.
  private static func newToken() -> String {
    var generator = ReadAheadRandom()
    let letters = (0..<28).map { _ in tokenAlphabet.randomElement(using: &generator) ?? 97 }
    return "tok_" + String(decoding: letters, as: UTF8.self)
  }
}

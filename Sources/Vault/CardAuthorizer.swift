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
  private let clock: @Sendable () -> Date
  private let logger: Logger

  init(
    keyRing: KeyRing, dataKeys: DataKeys, store: CardStore, processor: any PaymentProcessor,
    clock: @escaping @Sendable () -> Date, logger: Logger
  ) {
    self.keyRing = keyRing
    self.dataKeys = dataKeys
    self.store = store
    self.processor = processor
    self.clock = clock
    self.logger = logger
  }

  func authorize(
    _ sealed: SealedCard, idempotencyKey: IdempotencyKey, amount: Money, reference: String
  ) async throws(VaultError) -> VaultAuthorization {
    try Self.check(amount: amount, reference: reference)
    if let stored = try store.authorization(for: idempotencyKey) {
      return try replay(stored, amount: amount, reference: reference)
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

    let answer: ProcessorAnswer
    do {
      answer = try await processor.authorize(
        PaymentRequest(
          card: card, amount: amount, reference: reference, idempotencyKey: idempotencyKey))
      card.wipeCVC()
    } catch {
      card.wipeCVC()
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
        dataKeys: dataKeys, key: idempotencyKey, amount: amount, reference: reference, now: now)
    case .declined(let decline):
      stored = try await store.recordDecline(
        decline, key: idempotencyKey, amount: amount, reference: reference, now: now)
    }
    log(stored.outcome, reference: reference, replayed: false)
    return stored.outcome
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

  private func replay(
    _ stored: StoredAuthorization, amount: Money, reference: String
  ) throws(VaultError) -> VaultAuthorization {
    guard stored.amount == amount else { throw .idempotencyConflict }
    log(stored.outcome, reference: reference, replayed: true)
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
    var generator = SystemRandomNumberGenerator()
    let letters = (0..<28).map { _ in tokenAlphabet.randomElement(using: &generator) ?? 97 }
    return "tok_" + String(decoding: letters, as: UTF8.self)
  }
}

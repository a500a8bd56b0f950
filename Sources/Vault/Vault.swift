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

/// The vault ("fortress"): the only component that reads card data.
///
/// It holds the private keys cards are sealed to (a key ring: the current key and, for a grace
/// period, the ones it replaced), opens sealed cards, asks the payment processor to authorize
/// them, keeps approved card numbers encrypted in its own SQLite file under a data key wrapped
/// by a key kept in a separate file, forgets the CVC as soon as the processor has answered,
/// and hands back a token, brand, last four and expiry. Numbers are deleted after a retention
/// period; the token and summary stay.
///
/// Other processes may rotate its keys or purge its cards while it runs
/// (`VaultAdministration`); it notices without a restart.
///
/// Every authorization carries an idempotency key: a repeat returns the first answer without
/// asking the processor again, and concurrent repeats share one request to the processor. The
/// same holds for refunds, which name the card by its token and never touch card data.
public actor Vault {
  /// The key cards were sealed to when the vault opened, with its id.
  ///
  /// A rotation by another process does not change it; `currentPublicKey()` and `keySet()`
  /// tell the key to seal to now.
  public nonisolated let publicKey: VaultPublicKey

  private let keyRing: KeyRing
  private let store: CardStore
  private let clock: @Sendable () -> Date
  private let cardRetention: Int64
  private let answerLifetime: Int64
  private let velocity: VelocityPolicy
  private let logger: Logger
  private let authorizer: CardAuthorizer
  private let refunder: CardRefunder
  /// Authorizations under way, so that a concurrent repeat waits for the first instead of
  /// asking the processor again.
  private var inFlight:
    [IdempotencyKey: (binding: AuthorizationBinding, task: Task<AuthorizationResult, Never>)] = [:]
  /// Refunds under way, for the same reason.
  private var refundsInFlight: [IdempotencyKey: (target: RefundTarget, task: RefundTask)] = [:]

  /// Opens the vault in `directory`, making its keys and database on first use.
  ///
  /// A vault directory of the older layout (a lone `vault-hpke.key`) has its key taken into the
  /// key ring, keeping its key id, so cards sealed to it still open.
  ///
  /// - Parameters:
  ///   - directory: the vault's own directory (mode 0700), holding the HPKE key ring and the
  ///     SQLite file; created if missing, refused if others may read it or any key or database
  ///     file in it.
  ///   - keyDirectory: where the key-encryption key file lives; `nil` keeps it in
  ///     `directory`, still as a file of its own.
  ///   - processor: who authorizes cards.
  ///   - clock: the time stored with cards and authorizations, and against which grace and
  ///     retention periods run.
  ///   - keyGracePeriod: how long, in seconds, a card sealed to a key that a rotation replaced
  ///     is still accepted; after it, `authorize` throws `VaultError.keyRetired`.
  ///   - cardRetention: how long, in seconds, a stored card number is kept before
  ///     `purgeExpiredCards()` deletes it.
  ///   - answerLifetime: how long, in seconds, an authorization is answered again for its
  ///     idempotency key; after it the key is refused, and `purgeExpiredAnswers()` deletes
  ///     the answer. The order service keeps its own answers as long.
  ///   - velocity: how many cards and declines each client address, email and card may have
  ///     within a window before attempts are refused with `VaultError.tooManyAttempts`.
  ///   - logger: receives tokens, brands, last fours, key ids and decline codes, never card
  ///     data.
  public init(
    directory: String, keyDirectory: String? = nil,
    processor: any PaymentProcessor = SimulatedProcessor(),
    clock: @escaping @Sendable () -> Date = { Date() }, keyGracePeriod: Int64 = 24 * 3600,
    cardRetention: Int64 = 90 * 86400,
    answerLifetime: Int64 = IdempotencyWindow.answerLifetime,
    velocity: VelocityPolicy = .standard, logger: Logger
  ) throws(VaultError) {
    let keyDirectory = keyDirectory ?? directory
    try KeyFile.ensurePrivateDirectory(directory)
    if keyDirectory != directory { try KeyFile.ensurePrivateDirectory(keyDirectory) }
    let now = Int64(clock().timeIntervalSince1970)
    keyRing = try KeyRing(
      directory: directory, gracePeriod: keyGracePeriod, now: now, logger: logger)
    store = try CardStore(path: directory + "/" + CardStore.fileName)
    let dataKeys = DataKeys(keyDirectory: keyDirectory)
    try store.prepareDataKey(dataKeys, keyDirectory: keyDirectory, now: now)
    publicKey = keyRing.current(now: now)
    self.clock = clock
    self.cardRetention = cardRetention
    self.answerLifetime = answerLifetime
    self.velocity = velocity
    self.logger = logger
    authorizer = CardAuthorizer(
      keyRing: keyRing, dataKeys: dataKeys, store: store, processor: processor,
      fingerprints: try AttemptFingerprints(directory: directory), velocity: velocity,
      answerLifetime: answerLifetime, clock: clock, logger: logger)
    refunder = CardRefunder(store: store, processor: processor, clock: clock, logger: logger)
    logger.info("vault opened", metadata: ["keyId": "\(publicKey.keyId)"])
  }

  /// The key cards are sealed to now, as `GET /v1/vault-key` serves it; follows rotations made
  /// by other processes within a second.
  public func currentPublicKey() async -> VaultPublicKey {
    keyRing.current(now: now)
  }

  /// The key cards are sealed to now and the replaced keys still accepted, each with the time
  /// (seconds since 1970, UTC) until which it is; follows rotations made by other processes
  /// within a second.
  public func keySet() async -> VaultKeySet {
    keyRing.keySet(now: now)
  }

  /// Deletes the numbers of cards stored longer ago than the retention period, keeping their
  /// tokens and summaries (so refunds and `storedCard(token:)` still answer), and records an
  /// audit event when any was deleted; returns how many were.
  public func purgeExpiredCards() async throws(VaultError) -> Int {
    let count = try await store.purgeNumbers(storedAtOrBefore: now - cardRetention, now: now)
    if count > 0 { logger.notice("card numbers purged", metadata: ["count": "\(count)"]) }
    return count
  }

  /// Deletes the authorization answers older than the answer lifetime, as the order service
  /// purges its own, and the attempts older than every attempt window; returns how many
  /// answers were deleted.
  ///
  /// A key whose answer was deleted is a new authorization if it comes again; until then it
  /// is refused (`VaultError.idempotencyKeyExpired`), never answered.
  public func purgeExpiredAnswers() async throws(VaultError) -> Int {
    let count = try await store.purgeAnswers(givenAtOrBefore: now - answerLifetime)
    let longestWindow = AuthorizationActor.allCases.map { velocity.limits(for: $0).window }.max()
    _ = try await store.purgeAttempts(before: now - (longestWindow ?? 0))
    if count > 0 {
      logger.notice("authorization answers purged", metadata: ["count": "\(count)"])
    }
    return count
  }

  private var now: Int64 { Int64(clock().timeIntervalSince1970) }

  /// Authorizes the sealed card for `amount`, once per idempotency key.
  ///
  /// Opens the card, asks the processor, wipes the CVC as soon as it answered, and on approval
  /// stores the encrypted number and returns its token and summary. A decline is an answer.
  /// A repeat of `idempotencyKey` within the answer lifetime returns the first answer
  /// without asking the processor; with another sealed card, reference or amount it is
  /// refused (`idempotencyConflict`), and after the lifetime it is refused
  /// (`idempotencyKeyExpired`). Before the processor is asked, the attempt is counted against
  /// the `payer`'s limits (`tooManyAttempts`). Throws when the card cannot be opened or the
  /// processor gave no answer, in which case nothing was stored and a retry is safe.
  public func authorize(
    _ sealed: SealedCard, idempotencyKey: IdempotencyKey, amount: Money, reference: String,
    payer: Payer = .unknown
  ) async throws(VaultError) -> VaultAuthorization {
    let binding = AuthorizationBinding(sealed, reference: reference, amount: amount)
    if let running = inFlight[idempotencyKey] {
      guard running.binding == binding else { throw .idempotencyConflict }
      return try await running.task.value.get()
    }
    // An unstructured task: a caller that is cancelled must not abandon a charge half-way.
    let task = Task { [authorizer] in
      await AuthorizationResult(running: {
        () async throws(VaultError) -> VaultAuthorization in
        try await authorizer.authorize(
          sealed, idempotencyKey: idempotencyKey, binding: binding, payer: payer)
      })
    }
    inFlight[idempotencyKey] = (binding, task)
    let result = await task.value
    inFlight[idempotencyKey] = nil
    return try result.get()
  }

  /// Refunds `amount` of the charge with `authorizationCode` on the card with `token`, once per
  /// idempotency key.
  ///
  /// Refuses an amount of zero or less and a token the vault keeps no card under, then asks
  /// the processor and stores its answer. A decline is an answer. A repeat of `idempotencyKey`
  /// returns the first answer without asking the processor, and concurrent repeats share one
  /// request; with another token, authorization code or amount it is refused. The vault does
  /// not check the amount against what was charged: the order service does, against its own
  /// record. Throws when the processor gave no answer, in which case nothing was stored and a
  /// retry is safe.
  public func refund(
    token: String, authorizationCode: String, amount: Money, reference: String,
    idempotencyKey: IdempotencyKey
  ) async throws(VaultError) -> VaultRefund {
    let target = RefundTarget(token: token, authorizationCode: authorizationCode, amount: amount)
    if let running = refundsInFlight[idempotencyKey] {
      guard running.target == target else { throw .idempotencyConflict }
      return try await running.task.value.get()
    }
    // Unstructured, as for authorizations: a cancelled caller must not abandon a refund.
    let task = Task { [refunder] in
      await RefundResult(running: {
        () async throws(VaultError) -> VaultRefund in
        try await refunder.refund(target, reference: reference, idempotencyKey: idempotencyKey)
      })
    }
    refundsInFlight[idempotencyKey] = (target, task)
    let result = await task.value
    refundsInFlight[idempotencyKey] = nil
    return try result.get()
  }

  /// The card the vault keeps under `token`, or `nil` when there is none.
  ///
  /// While the number is kept, it is decrypted and checked against the stored last four, then
  /// wiped, so such a card is only reported when its keys still open it. Once the retention
  /// period purged the number, the card is still reported: its token, summary and creation
  /// time, with `numberKept` false.
  public func storedCard(token: String) async throws(VaultError) -> StoredCard? {
    try await authorizer.storedCard(token: token)
  }
}

typealias AuthorizationResult = Result<VaultAuthorization, VaultError>
typealias RefundResult = Result<VaultRefund, VaultError>
typealias RefundTask = Task<RefundResult, Never>

extension Result where Failure == VaultError {
  /// Runs `body` and keeps its value or typed error.
  init(running body: () async throws(VaultError) -> Success) async {
    do {
      self = .success(try await body())
    } catch {
      self = .failure(error)
    }
  }
}

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
/// It holds the private key cards are sealed to, opens sealed cards, asks the payment
/// processor to authorize them, keeps approved card numbers encrypted in its own SQLite file
/// under a data key wrapped by a key kept in a separate file, forgets the CVC as soon as the
/// processor has answered, and hands back a token, brand, last four and expiry.
///
/// Every authorization carries an idempotency key: a repeat returns the first answer without
/// asking the processor again, and concurrent repeats share one request to the processor. The
/// same holds for refunds, which name the card by its token and never touch card data.
public actor Vault {
  /// The key cards are sealed to, with its id, as `GET /v1/vault-key` serves it.
  public nonisolated let publicKey: VaultPublicKey

  private let authorizer: CardAuthorizer
  private let refunder: CardRefunder
  /// Authorizations under way, so that a concurrent repeat waits for the first instead of
  /// asking the processor again.
  private var inFlight: [IdempotencyKey: (amount: Money, task: Task<AuthorizationResult, Never>)] =
    [:]
  /// Refunds under way, for the same reason.
  private var refundsInFlight: [IdempotencyKey: (target: RefundTarget, task: RefundTask)] = [:]

  /// Opens the vault in `directory`, making its keys and database on first use.
  ///
  /// - Parameters:
  ///   - directory: the vault's own directory (mode 0700), holding the HPKE key file and the
  ///     SQLite file; created if missing, refused if others may read it.
  ///   - keyDirectory: where the key-encryption key file lives; `nil` keeps it in
  ///     `directory`, still as a file of its own.
  ///   - processor: who authorizes cards.
  ///   - clock: the time stored with cards and authorizations.
  ///   - logger: receives tokens, brands, last fours and decline codes, never card data.
  public init(
    directory: String, keyDirectory: String? = nil,
    processor: any PaymentProcessor = SimulatedProcessor(),
    clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger
  ) throws(VaultError) {
    let keys = try VaultKeys.load(directory: directory, keyDirectory: keyDirectory ?? directory)
    let store = try CardStore(path: directory + "/" + CardStore.fileName)
    let dataKey = try store.dataKey(
      keyEncryptionKey: keys.keyEncryptionKey, keyFilePath: keys.keyEncryptionKeyPath,
      now: Int64(clock().timeIntervalSince1970))
    publicKey = keys.publicKey
    authorizer = CardAuthorizer(
      keys: keys, dataKey: dataKey, store: store, processor: processor, clock: clock,
      logger: logger)
    refunder = CardRefunder(store: store, processor: processor, clock: clock, logger: logger)
    logger.info("vault opened", metadata: ["keyId": "\(keys.publicKey.keyId)"])
  }

  /// Authorizes the sealed card for `amount`, once per idempotency key.
  ///
  /// Opens the card, asks the processor, wipes the CVC as soon as it answered, and on approval
  /// stores the encrypted number and returns its token and summary. A decline is an answer.
  /// A repeat of `idempotencyKey` returns the first answer without asking the processor; with
  /// another amount it is refused. Throws when the card cannot be opened or the processor
  /// gave no answer, in which case nothing was stored and a retry is safe.
  public func authorize(
    _ sealed: SealedCard, idempotencyKey: IdempotencyKey, amount: Money, reference: String
  ) async throws(VaultError) -> VaultAuthorization {
    if let running = inFlight[idempotencyKey] {
      guard running.amount == amount else { throw .idempotencyConflict }
      return try await running.task.value.get()
    }
    // An unstructured task: a caller that is cancelled must not abandon a charge half-way.
    let task = Task { [authorizer] in
      await AuthorizationResult(running: {
        () async throws(VaultError) -> VaultAuthorization in
        try await authorizer.authorize(
          sealed, idempotencyKey: idempotencyKey, amount: amount, reference: reference)
      })
    }
    inFlight[idempotencyKey] = (amount, task)
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
  /// The stored number is decrypted and checked against the stored last four, then wiped, so
  /// a card is only reported when its keys still open it.
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

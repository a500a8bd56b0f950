import CardSealing
import Crypto
import GRDB
import OrderCore
import VaultAPI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What an idempotency key's authorization is bound to: a repeat of the key must name the
/// same sealed card, order and amount to be given the same answer.
struct AuthorizationBinding: Sendable, Hashable {
  /// SHA-256 of the sealed card as sent (its key id, a zero byte, its base64).
  let cardDigest: Data
  let reference: String
  let amount: Money

  init(cardDigest: Data, reference: String, amount: Money) {
    self.cardDigest = cardDigest
    self.reference = reference
    self.amount = amount
  }

  init(_ sealed: SealedCard, reference: String, amount: Money) {
    var hash = SHA256()
    hash.update(data: Array(sealed.keyId.utf8) + [0] + Array(sealed.sealed.utf8))
    self.init(cardDigest: Data(hash.finalize()), reference: reference, amount: amount)
  }
}

/// An authorization as first answered, kept under its idempotency key.
struct StoredAuthorization: Sendable, Hashable {
  let amount: Money
  let outcome: VaultAuthorization
  /// The card it was given for; `nil` for answers stored before cards were recorded.
  var cardDigest: Data?
  var reference: String
  /// When it was given, in seconds since 1970 (UTC).
  var createdAt: Int64

  /// Whether a request bound to `binding` may be given this answer.
  func isBound(to binding: AuthorizationBinding) -> Bool {
    cardDigest == binding.cardDigest && reference == binding.reference
      && amount == binding.amount
  }
}

/// A new approved card and its authorization, written together in one transaction.
///
/// The number is sealed inside that transaction, under the data key current in it.
struct ApprovedCardRow: Sendable {
  let token: String
  let number: SecretBytes
  let summary: CardSummary
  let authorizationCode: String
}

/// The vault's own SQLite file: the wrapped data key, the encrypted cards, the first answer to
/// every authorization and refund, and the audit events of rotations and purges.
///
/// WAL with `synchronous = FULL`, because an approval must be on disk before it is reported:
/// otherwise a retry after a crash would ask the processor, and charge, a second time. The
/// writes of concurrent authorizations share their commits (`GroupCommit`).
final class CardStore: Sendable {
  /// The database's file name inside the vault directory.
  static let fileName = "vault.sqlite"

  /// The database; refunds (`CardStore+Refunds.swift`) write through it directly.
  let pool: DatabasePool
  /// Authorizations' writes, their attempts' too, share commits through it.
  let commits: GroupCommit

  init(path: String) throws(VaultError) {
    try KeyFile.ensurePrivateDatabase(path)
    do {
      var configuration = Configuration()
      configuration.label = "vault"
      configuration.foreignKeysEnabled = true
      // Deleted numbers (a purge, a rotation) are overwritten with zeros, not left in free pages.
      configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
      // A vault that was just closed (a restart) may still hold its lock for a moment:
      // wait for it as the orders store does, instead of failing to open.
      configuration.busyMode = .timeout(5)
      pool = try DatabasePool(path: path, configuration: configuration)
      // GRDB picks NORMAL for WAL; one writer connection, so setting it once holds.
      try pool.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA synchronous = FULL")
      }
      try CardStore.migrator.migrate(pool)
      commits = GroupCommit(pool: pool)
    } catch {
      throw .database("\(path) could not be opened: \(error)")
    }
  }

  /// The first answer given for `key`, if there was one.
  ///
  /// Reads synchronously: a look-up by primary key on one of the pool's reader connections
  /// takes microseconds, less than hopping to another thread and back.
  func authorization(for key: IdempotencyKey) throws(VaultError) -> StoredAuthorization? {
    do {
      return try pool.read { db in try CardStore.fetchAuthorization(db, key: key) }
    } catch let error as VaultError {
      throw error
    } catch {
      throw .database("an authorization could not be read: \(error)")
    }
  }

  /// Stores an approval with its card, or returns the answer already stored for `key`.
  ///
  /// The number is sealed under the data key current in the write transaction, so a data key
  /// rotated meanwhile by another process is never used for a new card.
  func recordApproval(
    _ card: ApprovedCardRow, dataKeys: DataKeys, key: IdempotencyKey,
    binding: AuthorizationBinding, attempt: AttemptAdmission, now: Int64
  ) async throws(VaultError) -> StoredAuthorization {
    let amount = binding.amount
    let reference = binding.reference
    return try await write { db in
      try CardStore.settle(db, attempt, as: .approved, now: now)
      if let existing = try CardStore.fetchAuthorization(db, key: key) { return existing }
      let dataKey = try dataKeys.current(db)
      let sealedNumber: Data
      do {
        sealedNumber = try dataKey.key.seal(card.number, token: card.token)
      } catch {
        throw VaultError.storeCorrupted("the card number could not be encrypted.")
      }
      // Cached statements: parsed once per connection, not once per authorization.
      try db.cachedStatement(
        sql: """
          INSERT INTO card (token, brand, last_four, exp_month, exp_year, created_at)
          VALUES (?, ?, ?, ?, ?, ?)
          """
      ).execute(arguments: [
        card.token, card.summary.brand.rawValue, card.summary.lastFour,
        card.summary.expiry.month, card.summary.expiry.year, now,
      ])
      try db.cachedStatement(
        sql: """
          INSERT INTO card_number (token, sealed_number, data_key_generation, stored_at)
          VALUES (?, ?, ?, ?)
          """
      ).execute(arguments: [card.token, sealedNumber, dataKey.generation, now])
      try db.cachedStatement(
        sql: """
          INSERT INTO card_authorization (idempotency_key, outcome, amount_minor, currency,
            reference, card_token, authorization_code, created_at, card_digest)
          VALUES (?, 'approved', ?, ?, ?, ?, ?, ?, ?)
          """
      ).execute(arguments: [
        key.rawValue, amount.minorUnits, amount.currency.code, reference, card.token,
        card.authorizationCode, now, binding.cardDigest,
      ])
      return StoredAuthorization(
        amount: amount,
        outcome: .approved(
          card.summary, token: card.token, authorizationCode: card.authorizationCode),
        cardDigest: binding.cardDigest, reference: reference, createdAt: now)
    }
  }

  /// Stores a decline, or returns the answer already stored for `key`.
  ///
  /// A decline that suggests fraud is also an audit event, in the same transaction, so staff
  /// can see the issuer's real reason the customer was not told.
  func recordDecline(
    _ decline: PaymentDecline, key: IdempotencyKey, binding: AuthorizationBinding,
    attempt: AttemptAdmission, clientAddress: String?, now: Int64
  ) async throws(VaultError) -> StoredAuthorization {
    let amount = binding.amount
    let reference = binding.reference
    return try await write { db in
      try CardStore.settle(db, attempt, as: .declined, now: now)
      if let existing = try CardStore.fetchAuthorization(db, key: key) { return existing }
      try db.cachedStatement(
        sql: """
          INSERT INTO card_authorization (idempotency_key, outcome, amount_minor, currency,
            reference, decline_code, decline_message, created_at, card_digest)
          VALUES (?, 'declined', ?, ?, ?, ?, ?, ?, ?)
          """
      ).execute(arguments: [
        key.rawValue, amount.minorUnits, amount.currency.code, reference, decline.code,
        decline.message, now, binding.cardDigest,
      ])
      if decline.isFraudSignal {
        try CardStore.appendAudit(
          db, at: now, kind: .fraudSignalDecline,
          detail: "\(reference) declined as \(decline.code)"
            + (clientAddress.map { " from \($0)" } ?? ""))
      }
      return StoredAuthorization(
        amount: amount, outcome: .declined(decline), cardDigest: binding.cardDigest,
        reference: reference, createdAt: now)
    }
  }

  /// The stored card with `token`, its number decrypted and checked against its last four
  /// when the number is still kept.
  func card(token: String, dataKeys: DataKeys) async throws(VaultError) -> StoredCard? {
    do {
      return try await pool.read { db -> StoredCard? in
        guard
          let row = try Row.fetchOne(
            db,
            sql: """
              SELECT c.brand, c.last_four, c.exp_month, c.exp_year, c.created_at,
                n.sealed_number, n.data_key_generation
              FROM card c LEFT JOIN card_number n ON n.token = c.token
              WHERE c.token = ?
              """,
            arguments: [token])
        else { return nil }
        let summary = try CardStore.summary(
          brand: row["brand"], lastFour: row["last_four"], month: row["exp_month"],
          year: row["exp_year"])
        let card = StoredCard(token: token, summary: summary, createdAt: row["created_at"])
        guard let sealed: Data = row["sealed_number"] else { return card.withoutNumber }
        try CardStore.check(
          sealed, token: token, lastFour: summary.lastFour,
          key: try dataKeys.key(db, generation: row["data_key_generation"]))
        return card
      }
    } catch let error as VaultError {
      throw error
    } catch {
      throw .database("a card could not be read: \(error)")
    }
  }

  /// Checks that `sealed` opens under `key` for `token` and ends in `lastFour`; the decrypted
  /// number is wiped at once.
  private static func check(
    _ sealed: Data, token: String, lastFour: String, key: DataKey
  ) throws(VaultError) {
    let number: SecretBytes
    do {
      number = try key.open(sealed, token: token)
    } catch {
      throw .storeCorrupted("the card number stored under a token does not decrypt.")
    }
    defer { number.wipe() }
    let digits = number.withUnsafeBytes { String(decoding: $0.suffix(4), as: UTF8.self) }
    guard digits == lastFour else {
      throw .storeCorrupted("a stored card number does not match its last four.")
    }
  }

  /// Deletes the answers given at or before `cutoff`: a repeat of their keys is then a new
  /// authorization, as it is at the order service once its own answer is purged.
  func purgeAnswers(givenAtOrBefore cutoff: Int64) async throws(VaultError) -> Int {
    do {
      return try await pool.write { db in
        try db.execute(
          sql: "DELETE FROM card_authorization WHERE created_at <= ?", arguments: [cutoff])
        return db.changesCount
      }
    } catch {
      throw .database("old authorization answers could not be purged: \(error)")
    }
  }

  private func write(
    _ updates: @escaping @Sendable (Database) throws -> StoredAuthorization
  ) async throws(VaultError) -> StoredAuthorization {
    do {
      return try await commits.write(updates)
    } catch let error as VaultError {
      throw error
    } catch {
      throw .database("an authorization could not be stored: \(error)")
    }
  }

  private static func fetchAuthorization(
    _ db: Database, key: IdempotencyKey
  ) throws -> StoredAuthorization? {
    let statement = try db.cachedStatement(
      sql: """
        SELECT a.outcome, a.amount_minor, a.currency, a.card_token, a.authorization_code,
          a.decline_code, a.decline_message, a.card_digest, a.reference, a.created_at,
          c.brand, c.last_four, c.exp_month, c.exp_year
        FROM card_authorization a LEFT JOIN card c ON c.token = a.card_token
        WHERE a.idempotency_key = ?
        """)
    guard let row = try Row.fetchOne(statement, arguments: [key.rawValue])
    else { return nil }
    guard let currency = Currency(code: row["currency"]) else {
      throw VaultError.storeCorrupted("an authorization has an unknown currency.")
    }
    let amount = Money(minorUnits: row["amount_minor"], currency: currency)
    let outcome: String = row["outcome"]
    if outcome == "declined" {
      let decline = PaymentDecline(
        code: row["decline_code"] ?? "", message: row["decline_message"] ?? "")
      return StoredAuthorization(
        amount: amount, outcome: .declined(decline), cardDigest: row["card_digest"],
        reference: row["reference"], createdAt: row["created_at"])
    }
    guard let token: String = row["card_token"], let code: String = row["authorization_code"]
    else { throw VaultError.storeCorrupted("an approval has no card or authorization code.") }
    let summary = try summary(
      brand: row["brand"], lastFour: row["last_four"], month: row["exp_month"],
      year: row["exp_year"])
    return StoredAuthorization(
      amount: amount, outcome: .approved(summary, token: token, authorizationCode: code),
      cardDigest: row["card_digest"], reference: row["reference"], createdAt: row["created_at"])
  }

  private static func summary(
    brand: String?, lastFour: String?, month: Int?, year: Int?
  ) throws -> CardSummary {
    guard let brand = brand.flatMap(CardBrand.init(rawValue:)), let lastFour,
      let month, let year, let expiry = YearMonth(year: year, month: month)
    else { throw VaultError.storeCorrupted("a card row is incomplete.") }
    return CardSummary(brand: brand, lastFour: lastFour, expiry: expiry)
  }
}

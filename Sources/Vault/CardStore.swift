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

/// An authorization as first answered, kept under its idempotency key.
struct StoredAuthorization: Sendable, Hashable {
  let amount: Money
  let outcome: VaultAuthorization
}

/// A new approved card and its authorization, written together in one transaction.
struct ApprovedCardRow: Sendable {
  let token: String
  let sealedNumber: Data
  let summary: CardSummary
  let authorizationCode: String
}

/// The vault's own SQLite file: the wrapped data key, the encrypted cards and the first
/// answer to every authorization and refund.
///
/// WAL with `synchronous = FULL`, because an approval must be on disk before it is reported:
/// otherwise a retry after a crash would ask the processor, and charge, a second time. The
/// writes of concurrent authorizations share their commits (`GroupCommit`).
final class CardStore: Sendable {
  /// The database's file name inside the vault directory.
  static let fileName = "vault.sqlite"

  /// The database; refunds (`CardStore+Refunds.swift`) write through it directly.
  let pool: DatabasePool
  private let commits: GroupCommit

  init(path: String) throws(VaultError) {
    try KeyFile.ensurePrivateFile(path)
    do {
      var configuration = Configuration()
      configuration.label = "vault"
      configuration.foreignKeysEnabled = true
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

  /// The data key, unwrapped with `keyEncryptionKey`; made, wrapped and stored on first use.
  func dataKey(
    keyEncryptionKey: SymmetricKey, keyFilePath: String, now: Int64
  ) throws(VaultError) -> DataKey {
    let wrapped: Data
    do {
      wrapped = try pool.write { db in
        if let stored = try Data.fetchOne(db, sql: "SELECT wrapped_key FROM data_key") {
          return stored
        }
        let fresh = try DataKey.generate().wrapped(by: keyEncryptionKey)
        try db.execute(
          sql: "INSERT INTO data_key (id, wrapped_key, created_at) VALUES (1, ?, ?)",
          arguments: [fresh, now])
        return fresh
      }
    } catch {
      throw .database("the data key could not be read or stored: \(error)")
    }
    guard let key = DataKey.unwrap(wrapped, with: keyEncryptionKey) else {
      throw .keyMismatch(keyFile: keyFilePath)
    }
    return key
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
  func recordApproval(
    _ card: ApprovedCardRow, key: IdempotencyKey, amount: Money, reference: String, now: Int64
  ) async throws(VaultError) -> StoredAuthorization {
    try await write { db in
      if let existing = try CardStore.fetchAuthorization(db, key: key) { return existing }
      // Cached statements: parsed once per connection, not once per authorization.
      try db.cachedStatement(
        sql: """
          INSERT INTO card (token, sealed_number, brand, last_four, exp_month, exp_year, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """
      ).execute(arguments: [
        card.token, card.sealedNumber, card.summary.brand.rawValue, card.summary.lastFour,
        card.summary.expiry.month, card.summary.expiry.year, now,
      ])
      try db.cachedStatement(
        sql: """
          INSERT INTO card_authorization (idempotency_key, outcome, amount_minor, currency,
            reference, card_token, authorization_code, created_at)
          VALUES (?, 'approved', ?, ?, ?, ?, ?, ?)
          """
      ).execute(arguments: [
        key.rawValue, amount.minorUnits, amount.currency.code, reference, card.token,
        card.authorizationCode, now,
      ])
      return StoredAuthorization(
        amount: amount,
        outcome: .approved(
          card.summary, token: card.token, authorizationCode: card.authorizationCode))
    }
  }

  /// Stores a decline, or returns the answer already stored for `key`.
  func recordDecline(
    _ decline: PaymentDecline, key: IdempotencyKey, amount: Money, reference: String, now: Int64
  ) async throws(VaultError) -> StoredAuthorization {
    try await write { db in
      if let existing = try CardStore.fetchAuthorization(db, key: key) { return existing }
      try db.cachedStatement(
        sql: """
          INSERT INTO card_authorization (idempotency_key, outcome, amount_minor, currency,
            reference, decline_code, decline_message, created_at)
          VALUES (?, 'declined', ?, ?, ?, ?, ?, ?)
          """
      ).execute(arguments: [
        key.rawValue, amount.minorUnits, amount.currency.code, reference, decline.code,
        decline.message, now,
      ])
      return StoredAuthorization(amount: amount, outcome: .declined(decline))
    }
  }

  /// The stored card with `token`: its summary, creation time and sealed number.
  func card(token: String) async throws(VaultError) -> (StoredCard, Data)? {
    do {
      return try await pool.read { db -> (StoredCard, Data)? in
        guard
          let row = try Row.fetchOne(
            db,
            sql: """
              SELECT sealed_number, brand, last_four, exp_month, exp_year, created_at
              FROM card WHERE token = ?
              """,
            arguments: [token])
        else { return nil }
        let summary = try CardStore.summary(
          brand: row["brand"], lastFour: row["last_four"], month: row["exp_month"],
          year: row["exp_year"])
        let sealed: Data = row["sealed_number"]
        return (StoredCard(token: token, summary: summary, createdAt: row["created_at"]), sealed)
      }
    } catch let error as VaultError {
      throw error
    } catch {
      throw .database("a card could not be read: \(error)")
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
          a.decline_code, a.decline_message, c.brand, c.last_four, c.exp_month, c.exp_year
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
      return StoredAuthorization(amount: amount, outcome: .declined(decline))
    }
    guard let token: String = row["card_token"], let code: String = row["authorization_code"]
    else { throw VaultError.storeCorrupted("an approval has no card or authorization code.") }
    let summary = try summary(
      brand: row["brand"], lastFour: row["last_four"], month: row["exp_month"],
      year: row["exp_year"])
    return StoredAuthorization(
      amount: amount, outcome: .approved(summary, token: token, authorizationCode: code))
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

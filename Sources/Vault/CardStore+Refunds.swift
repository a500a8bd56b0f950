import GRDB
import OrderCore

extension CardStore {
  /// The first answer given to the refund with `key`, if there was one.
  ///
  /// Reads synchronously, like `authorization(for:)`: a look-up by primary key.
  func refund(for key: IdempotencyKey) throws(VaultError) -> StoredRefund? {
    do {
      return try pool.read { db in try CardStore.fetchRefund(db, key: key) }
    } catch let error as VaultError {
      throw error
    } catch {
      throw .database("a refund could not be read: \(error)")
    }
  }

  /// Whether a card is stored under `token`.
  func hasCard(token: String) async throws(VaultError) -> Bool {
    do {
      return try await pool.read { db in
        try Bool.fetchOne(
          db, sql: "SELECT EXISTS (SELECT 1 FROM card WHERE token = ?)", arguments: [token])
          ?? false
      }
    } catch {
      throw .database("a card could not be looked up: \(error)")
    }
  }

  /// Stores a refund's answer, or returns the answer already stored for `key`.
  ///
  /// Refunds are rare, so each has a transaction of its own rather than a share of a group
  /// commit; with `synchronous = FULL` it is on disk when this returns.
  func recordRefund(
    _ refund: StoredRefund, key: IdempotencyKey, reference: String, now: Int64
  ) async throws(VaultError) -> StoredRefund {
    do {
      return try await pool.write { db in
        if let existing = try CardStore.fetchRefund(db, key: key) { return existing }
        let target = refund.target
        var refundId: String?
        var decline: PaymentDecline?
        switch refund.outcome {
        case .refunded(let id): refundId = id
        case .declined(let reason): decline = reason
        }
        try db.execute(
          sql: """
            INSERT INTO card_refund (idempotency_key, card_token, authorization_code, outcome,
              amount_minor, currency, reference, refund_id, decline_code, decline_message,
              created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            key.rawValue, target.token, target.authorizationCode,
            refundId == nil ? "declined" : "refunded", target.amount.minorUnits,
            target.amount.currency.code, reference, refundId, decline?.code, decline?.message,
            now,
          ])
        return refund
      }
    } catch let error as VaultError {
      throw error
    } catch {
      throw .database("a refund could not be stored: \(error)")
    }
  }

  private static func fetchRefund(_ db: Database, key: IdempotencyKey) throws -> StoredRefund? {
    guard
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT card_token, authorization_code, outcome, amount_minor, currency, refund_id,
            decline_code, decline_message
          FROM card_refund WHERE idempotency_key = ?
          """,
        arguments: [key.rawValue])
    else { return nil }
    guard let currency = Currency(code: row["currency"]) else {
      throw VaultError.storeCorrupted("a refund has an unknown currency.")
    }
    let target = RefundTarget(
      token: row["card_token"], authorizationCode: row["authorization_code"],
      amount: Money(minorUnits: row["amount_minor"], currency: currency))
    let outcome: String = row["outcome"]
    if outcome == "declined" {
      let decline = PaymentDecline(
        code: row["decline_code"] ?? "", message: row["decline_message"] ?? "")
      return StoredRefund(target: target, outcome: .declined(decline))
    }
    guard let refundId: String = row["refund_id"] else {
      throw VaultError.storeCorrupted("a refund has no refund id.")
    }
    return StoredRefund(target: target, outcome: .refunded(refundId: refundId))
  }
}

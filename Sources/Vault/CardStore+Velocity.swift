import GRDB

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One authorization attempt as the attempt limits count it: fingerprints only.
struct CardAttempt: Sendable, Hashable {
  let actor: String
  let client: Data?
  let email: Data?
  let card: Data
}

/// Whether an attempt may go on to the processor.
enum AttemptAdmission: Sendable, Hashable {
  /// It may; its row is `pending` until the answer settles it.
  case admitted(id: Int64)
  /// It may, and no limit applies: its row is written with the answer, in one transaction.
  case unchecked(CardAttempt)
  /// A limit was reached; an attempt may be made again in `retryAfter` seconds.
  case limited(limit: String, retryAfter: Int)
}

/// How an attempt ended.
enum AttemptOutcome: String, Sendable {
  case approved, declined, unanswered
}

extension CardStore {
  /// Checks `attempt` against `limits` and, when no limit is reached, records it as pending.
  ///
  /// Check and record are one write, and writes run one after another, so concurrent
  /// attempts cannot all pass a limit that only one of them fits under. A pending attempt
  /// counts as a decline until it is settled: a burst of attempts is limited before any
  /// answer comes back. A refusal is an audit event written in the same transaction.
  func admit(
    _ attempt: CardAttempt, limits: VelocityLimits, now: Int64, reference: String,
    clientAddress: String?
  ) async throws(VaultError) -> AttemptAdmission {
    // With every limit lifted nothing is read, so nothing needs writing before the processor
    // hears of the card: the attempt is kept with its outcome, saving a commit per card.
    if limits.areLifted { return .unchecked(attempt) }
    do {
      return try await commits.write { db in
        if let refusal = try CardStore.firstLimitReached(db, attempt, limits: limits, now: now) {
          try CardStore.appendAudit(
            db, at: now, kind: .velocityLimited,
            detail: "\(refusal.limit) reached for \(reference)"
              + (clientAddress.map { " from \($0)" } ?? "")
              + "; refused for \(refusal.retryAfter) s")
          return AttemptAdmission.limited(limit: refusal.limit, retryAfter: refusal.retryAfter)
        }
        try db.cachedStatement(
          sql: """
            INSERT INTO card_attempt (at, actor, client, email, card, outcome)
            VALUES (?, ?, ?, ?, ?, 'pending')
            """
        ).execute(arguments: [now, attempt.actor, attempt.client, attempt.email, attempt.card])
        return AttemptAdmission.admitted(id: db.lastInsertedRowID)
      }
    } catch let error as VaultError {
      throw error
    } catch {
      throw .database("an attempt could not be counted: \(error)")
    }
  }

  /// Marks an attempt the processor never answered, so it does not count as a decline.
  func settleUnanswered(_ admission: AttemptAdmission, now: Int64) async {
    _ = try? await commits.write { db in
      try CardStore.settle(db, admission, as: .unanswered, now: now)
    }
  }

  /// Records how an admitted attempt ended, in the caller's transaction: its pending row is
  /// updated, or, for an attempt no limit checked, written now.
  static func settle(
    _ db: Database, _ admission: AttemptAdmission, as outcome: AttemptOutcome, now: Int64
  ) throws {
    switch admission {
    case .admitted(let id):
      try db.cachedStatement(sql: "UPDATE card_attempt SET outcome = ? WHERE id = ?")
        .execute(arguments: [outcome.rawValue, id])
    case .unchecked(let attempt):
      try db.cachedStatement(
        sql: """
          INSERT INTO card_attempt (at, actor, client, email, card, outcome)
          VALUES (?, ?, ?, ?, ?, ?)
          """
      ).execute(arguments: [
        now, attempt.actor, attempt.client, attempt.email, attempt.card, outcome.rawValue,
      ])
    case .limited:
      // A refused attempt never reached the processor; its refusal is already audited.
      break
    }
  }

  /// Deletes attempts older than `cutoff`; they no longer count in any window.
  func purgeAttempts(before cutoff: Int64) async throws(VaultError) -> Int {
    do {
      return try await pool.write { db in
        try db.execute(sql: "DELETE FROM card_attempt WHERE at <= ?", arguments: [cutoff])
        return db.changesCount
      }
    } catch {
      throw .database("old card attempts could not be purged: \(error)")
    }
  }

  /// A limit `attempt` would go past, with the seconds until it frees, or `nil`.
  private static func firstLimitReached(
    _ db: Database, _ attempt: CardAttempt, limits: VelocityLimits, now: Int64
  ) throws -> (limit: String, retryAfter: Int)? {
    let since = now - limits.window
    let subjects: [(column: String, value: Data?, cards: Int?, declines: Int, name: String)] = [
      ("client", attempt.client, limits.cardsPerAddress, limits.declinesPerAddress, "address"),
      ("email", attempt.email, limits.cardsPerEmail, limits.declinesPerEmail, "email"),
      ("card", attempt.card, nil, limits.declinesPerCard, "card"),
    ]
    for subject in subjects {
      // A lifted limit costs no query.
      guard let value = subject.value else { continue }
      let filter =
        "\(subject.column) = ? AND actor = ? AND at > ?"
      let arguments: StatementArguments = [value, attempt.actor, since]
      if subject.declines < .max {
        // Pending attempts count as declines: their answers are not in yet.
        let declines =
          try Int.fetchOne(
            db,
            sql: """
              SELECT COUNT(*) FROM card_attempt
              WHERE \(filter) AND outcome IN ('pending', 'declined')
              """,
            arguments: arguments) ?? 0
        if declines >= subject.declines {
          let freedAt = try Int64.fetchOne(
            db,
            sql: """
              SELECT at FROM card_attempt WHERE \(filter) AND outcome IN ('pending', 'declined')
              ORDER BY at LIMIT 1 OFFSET ?
              """,
            arguments: arguments + [declines - subject.declines])
          return ("declines per \(subject.name)", retryAfter(freedAt, limits: limits, now: now))
        }
      }
      guard let cardLimit = subject.cards, cardLimit < .max else { continue }
      let seen =
        try Bool.fetchOne(
          db, sql: "SELECT EXISTS (SELECT 1 FROM card_attempt WHERE \(filter) AND card = ?)",
          arguments: arguments + [attempt.card]) ?? false
      if seen { continue }
      let cards =
        try Int.fetchOne(
          db, sql: "SELECT COUNT(DISTINCT card) FROM card_attempt WHERE \(filter)",
          arguments: arguments) ?? 0
      if cards >= cardLimit {
        // A card stops counting when its last attempt leaves the window.
        let freedAt = try Int64.fetchOne(
          db,
          sql: """
            SELECT MAX(at) AS last FROM card_attempt WHERE \(filter)
            GROUP BY card ORDER BY last LIMIT 1 OFFSET ?
            """,
          arguments: arguments + [cards - cardLimit])
        return ("cards per \(subject.name)", retryAfter(freedAt, limits: limits, now: now))
      }
    }
    return nil
  }

  /// Seconds from `now` until an attempt made at `at` leaves the window; at least one.
  private static func retryAfter(_ at: Int64?, limits: VelocityLimits, now: Int64) -> Int {
    Int(max(1, min((at ?? now) + limits.window - now, limits.window)))
  }
}

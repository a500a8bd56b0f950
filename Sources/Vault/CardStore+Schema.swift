import GRDB

extension CardStore {
  /// The vault database's migrations.
  ///
  /// Once shipped, a migration is never edited: a change
  /// is a new migration appended here.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: data key, cards, authorizations") { db in
      // The data key, wrapped by the key-encryption key that lives in a separate file.
      try db.execute(
        sql: """
          CREATE TABLE data_key (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            wrapped_key BLOB NOT NULL,
            created_at INTEGER NOT NULL
          ) STRICT
          """)
      // One row per approved card. The number is AES-GCM sealed (nonce, ciphertext, tag)
      // under the data key with the token as associated data; the CVC has no column.
      try db.execute(
        sql: """
          CREATE TABLE card (
            token TEXT PRIMARY KEY NOT NULL,
            sealed_number BLOB NOT NULL,
            brand TEXT NOT NULL,
            last_four TEXT NOT NULL,
            exp_month INTEGER NOT NULL,
            exp_year INTEGER NOT NULL,
            created_at INTEGER NOT NULL
          ) STRICT
          """)
      // The first answer per idempotency key, so a retry never asks the processor again.
      try db.execute(
        sql: """
          CREATE TABLE card_authorization (
            idempotency_key TEXT PRIMARY KEY NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('approved', 'declined')),
            amount_minor INTEGER NOT NULL,
            currency TEXT NOT NULL,
            reference TEXT NOT NULL,
            card_token TEXT REFERENCES card(token),
            authorization_code TEXT,
            decline_code TEXT,
            decline_message TEXT,
            created_at INTEGER NOT NULL
          ) STRICT
          """)
    }
    migrator.registerMigration("v2: refunds") { db in
      // The first answer per refund idempotency key, so a retry never refunds twice. Card
      // data has no column here: a refund names the card by its token.
      try db.execute(
        sql: """
          CREATE TABLE card_refund (
            idempotency_key TEXT PRIMARY KEY NOT NULL,
            card_token TEXT NOT NULL REFERENCES card(token),
            authorization_code TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('refunded', 'declined')),
            amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
            currency TEXT NOT NULL,
            reference TEXT NOT NULL,
            refund_id TEXT,
            decline_code TEXT,
            decline_message TEXT,
            created_at INTEGER NOT NULL,
            CHECK ((outcome = 'refunded') = (refund_id IS NOT NULL))
          ) STRICT
          """)
      try db.execute(sql: "CREATE INDEX card_refund_by_token ON card_refund (card_token)")
    }
    migrator.registerMigration("v3: data key generations, card numbers apart") { db in
      // Which data key is current and which key-encryption key file wraps it (`nil`: the
      // older unnamed file), so rotations can be crash-safe and running vaults can notice.
      try db.execute(
        sql: "ALTER TABLE data_key ADD COLUMN generation INTEGER NOT NULL DEFAULT 1")
      try db.execute(sql: "ALTER TABLE data_key ADD COLUMN kek_id TEXT")
      // The numbers in a table of their own, each with the generation of the data key that
      // sealed it, so retention can delete a number and keep the card's summary.
      try db.execute(
        sql: """
          CREATE TABLE card_number (
            token TEXT PRIMARY KEY NOT NULL REFERENCES card(token),
            sealed_number BLOB NOT NULL,
            data_key_generation INTEGER NOT NULL,
            stored_at INTEGER NOT NULL
          ) STRICT
          """)
      try db.execute(
        sql: """
          INSERT INTO card_number (token, sealed_number, data_key_generation, stored_at)
          SELECT token, sealed_number, 1, created_at FROM card
          """)
      try db.execute(sql: "ALTER TABLE card DROP COLUMN sealed_number")
      try db.execute(sql: "CREATE INDEX card_number_by_stored_at ON card_number (stored_at)")
    }
    migrator.registerMigration("v4: audit events") { db in
      // Key rotations and purges: when, what, and key ids or counts; never card data.
      try db.execute(
        sql: """
          CREATE TABLE audit_event (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            kind TEXT NOT NULL,
            detail TEXT NOT NULL
          ) STRICT
          """)
      for (event, verb) in [("UPDATE", "changed"), ("DELETE", "deleted")] {
        try db.execute(
          sql: """
            CREATE TRIGGER audit_event_not_\(verb) BEFORE \(event) ON audit_event
            BEGIN SELECT RAISE(ABORT, 'audit events are append-only and never \(verb)'); END
            """)
      }
    }
    migrator.registerMigration("v5: answers bound to their card, card attempts") { db in
      // The SHA-256 of the sealed card an answer was given for, so a repeat of the key with
      // another card is refused rather than answered; rows from before have none and are
      // never replayed. Answers are purged by age, hence the index.
      try db.execute(sql: "ALTER TABLE card_authorization ADD COLUMN card_digest BLOB")
      try db.execute(
        sql: "CREATE INDEX card_authorization_by_created_at ON card_authorization (created_at)")
      // One row per authorization attempt that reached the card, for the attempt limits:
      // keyed fingerprints of the client's address, the email and the card number, never
      // the values themselves. `pending` until the processor answered.
      try db.execute(
        sql: """
          CREATE TABLE card_attempt (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            client BLOB CHECK (client IS NULL OR length(client) = 32),
            email BLOB CHECK (email IS NULL OR length(email) = 32),
            card BLOB NOT NULL CHECK (length(card) = 32),
            outcome TEXT NOT NULL
              CHECK (outcome IN ('pending', 'approved', 'declined', 'unanswered'))
          ) STRICT
          """)
      try db.execute(sql: "CREATE INDEX card_attempt_by_client ON card_attempt (client, at)")
      try db.execute(sql: "CREATE INDEX card_attempt_by_email ON card_attempt (email, at)")
      try db.execute(sql: "CREATE INDEX card_attempt_by_card ON card_attempt (card, at)")
      try db.execute(sql: "CREATE INDEX card_attempt_by_at ON card_attempt (at)")
    }
    return migrator
  }
}

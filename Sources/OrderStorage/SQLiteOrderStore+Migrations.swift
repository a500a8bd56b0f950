import GRDB

extension SQLiteOrderStore {
  /// The schema's history, one named migration per step.
  ///
  /// A migration that has shipped is never edited: databases in the field have already run
  /// it, and the migrator only runs names it has not seen. Change the schema by appending a
  /// new migration.
  ///
  /// No column can hold a card number or CVC: the card is its vault token, brand, last four
  /// (four digits, by a CHECK) and expiry month and year. Amounts are integer minor units
  /// in the order's currency; times are integer seconds since 1970 (UTC).
  /// The names of the migrations this version knows, in the order they run.
  public static var migrationIdentifiers: [String] { migrator.migrations }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1-orders") { db in
      try db.execute(sql: v1Orders)
    }
    migrator.registerMigration("v2-one-order-per-authorization") { db in
      try db.execute(sql: v2OneOrderPerAuthorization)
    }
    migrator.registerMigration("v3-refund-reservations") { db in
      try db.execute(sql: v3RefundReservations)
    }
    migrator.registerMigration("v4-staff-desk") { db in
      try db.execute(sql: v4StaffDesk)
    }
    return migrator
  }

  /// An authorization code pays for one order.
  ///
  /// A database from before may already hold
  /// orders that share one (a repeated key answered with an old authorization): the first
  /// keeps `authorization_repeat` 0 and the later ones are numbered 1, 2, … so they stay,
  /// findable for staff, while every new order, written with 0, is refused a code in use.
  private static let v2OneOrderPerAuthorization = """
    ALTER TABLE orders ADD COLUMN authorization_repeat INTEGER NOT NULL DEFAULT 0;
    UPDATE orders SET authorization_repeat = (
      SELECT COUNT(*) FROM orders AS earlier
      WHERE earlier.authorization_code = orders.authorization_code AND earlier.id < orders.id);
    CREATE UNIQUE INDEX orders_by_authorization_code
      ON orders(authorization_code, authorization_repeat);
    """

  /// Amounts held back for refunds the processor is being asked for; see `RefundReservation`.
  private static let v3RefundReservations = """
    CREATE TABLE refund_reservations (
      id INTEGER PRIMARY KEY,
      order_id INTEGER NOT NULL REFERENCES orders(id),
      idempotency_key TEXT NOT NULL UNIQUE,
      amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX refund_reservations_by_order ON refund_reservations(order_id);
    """

  /// What the staff desk adds: a note on an order, the lines a refund names, and how many
  /// units of each product were refunded, whose download links then stop working.
  private static let v4StaffDesk = """
    ALTER TABLE orders ADD COLUMN note TEXT NOT NULL DEFAULT '';
    ALTER TABLE refund_reservations ADD COLUMN lines TEXT NOT NULL DEFAULT '';
    CREATE TABLE order_refunded_units (
      order_id INTEGER NOT NULL REFERENCES orders(id),
      sku TEXT NOT NULL,
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      PRIMARY KEY (order_id, sku)
    ) STRICT, WITHOUT ROWID;
    """

  private static let v1Orders = """
    CREATE TABLE orders (
      id INTEGER PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL,
      payment_status TEXT NOT NULL,
      source TEXT NOT NULL,
      currency TEXT NOT NULL CHECK (length(currency) = 3),
      country TEXT NOT NULL,
      subtotal_minor INTEGER NOT NULL,
      tax_rate_bp INTEGER NOT NULL,
      tax_minor INTEGER NOT NULL,
      shipping_minor INTEGER NOT NULL,
      total_minor INTEGER NOT NULL,
      refunded_minor INTEGER NOT NULL DEFAULT 0
        CHECK (refunded_minor BETWEEN 0 AND total_minor),
      requires_shipping INTEGER NOT NULL,
      customer_name TEXT NOT NULL,
      customer_email TEXT NOT NULL COLLATE NOCASE,
      customer_phone TEXT NOT NULL,
      address_line1 TEXT NOT NULL,
      address_line2 TEXT NOT NULL,
      address_city TEXT NOT NULL,
      address_postal_code TEXT NOT NULL,
      address_country TEXT NOT NULL,
      card_token TEXT NOT NULL,
      card_brand TEXT NOT NULL,
      card_last4 TEXT NOT NULL
        CHECK (length(card_last4) = 4 AND card_last4 NOT GLOB '*[^0-9]*'),
      card_exp_month INTEGER NOT NULL CHECK (card_exp_month BETWEEN 1 AND 12),
      card_exp_year INTEGER NOT NULL,
      authorization_code TEXT NOT NULL,
      actor TEXT NOT NULL,
      origin TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX orders_by_email ON orders(customer_email);
    CREATE INDEX orders_by_created_at ON orders(created_at);

    CREATE TABLE order_lines (
      order_id INTEGER NOT NULL REFERENCES orders(id),
      position INTEGER NOT NULL,
      sku TEXT NOT NULL,
      name TEXT NOT NULL,
      quantity INTEGER NOT NULL,
      unit_price_minor INTEGER NOT NULL,
      line_total_minor INTEGER NOT NULL,
      requires_shipping INTEGER NOT NULL,
      PRIMARY KEY (order_id, position)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE order_fulfilments (
      order_id INTEGER NOT NULL REFERENCES orders(id),
      position INTEGER NOT NULL,
      sku TEXT NOT NULL,
      licence_key TEXT NOT NULL,
      download_url TEXT NOT NULL,
      download_expires_at INTEGER NOT NULL,
      PRIMARY KEY (order_id, position)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE order_events (
      id INTEGER PRIMARY KEY,
      order_id INTEGER NOT NULL REFERENCES orders(id),
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      origin TEXT NOT NULL,
      action TEXT NOT NULL,
      subject TEXT NOT NULL CHECK (subject IN ('order', 'payment')),
      from_status TEXT,
      to_status TEXT NOT NULL,
      amount_minor INTEGER,
      note TEXT NOT NULL
    ) STRICT;
    CREATE INDEX order_events_by_order ON order_events(order_id, id);

    CREATE TABLE idempotency_answers (
      key TEXT NOT NULL PRIMARY KEY,
      request_hash BLOB NOT NULL CHECK (length(request_hash) = 32),
      http_status INTEGER NOT NULL CHECK (http_status BETWEEN 100 AND 599),
      body BLOB NOT NULL,
      order_number TEXT REFERENCES orders(number),
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX idempotency_answers_by_created_at ON idempotency_answers(created_at);
    """
}

import Foundation
import OrderCore
import OrderStorage

/// Orders, answers and temporary databases for the storage tests.
enum Fixtures {
  /// A published test card number; it must never reach the order database.
  static let testCardNumber = "4242424242424242"

  static let customer = Customer(
    name: "Ada Lovelace", email: "ada@example.com", phone: "+44 20 7946 0958",
    address: Address(
      line1: "12 Marylebone Road", line2: "Flat 3", city: "London", postalCode: "NW1 5LR",
      country: "GB"))

  /// Two downloads and a boxed item in euros for Germany: lines, tax and shipping.
  static func quote(
    _ lines: [(String, Int)] = [("INKWELL-PRO", 2), ("INKWELL-PRO-BOX", 1)],
    currency: Currency = .eur, country: String = "DE"
  ) throws -> Quote {
    var cart = Cart()
    for (sku, quantity) in lines {
      try cart.add(try SKU(parsing: sku), quantity: quantity)
    }
    return try Pricing.quote(
      cart: cart, catalog: try Catalog.demo, currency: currency, country: country)
  }

  static func number(_ index: Int) -> OrderNumber {
    OrderNumber("OD-T\(index)")!
  }

  static func key(_ text: String) -> IdempotencyKey {
    IdempotencyKey(text)!
  }

  /// An order with a fulfilment for every download line of `quote`.
  static func order(
    _ number: OrderNumber, quote: Quote? = nil, customer: Customer = customer,
    status: OrderStatus = .accepted, createdAt: Int64 = 1_760_000_000
  ) throws -> NewOrder {
    let quote = try quote ?? self.quote()
    let fulfilments = quote.lines.filter { !$0.requiresShipping }.map { line in
      Fulfilment(
        sku: line.sku, licenceKey: "LK-\(number.rawValue)-\(line.sku.value)",
        downloadURL: "https://downloads.example.com/\(line.sku.value)?t=abc",
        downloadExpiresAt: createdAt + 7 * 86_400)
    }
    let record = OrderRecord(
      number: number, status: status, payment: .authorized, source: .terminal, quote: quote,
      card: CardSummary(brand: .visa, lastFour: "4242", expiry: YearMonth(year: 2031, month: 7)!),
      fulfilments: fulfilments, createdAt: createdAt)
    return NewOrder(
      record: record, customer: customer, cardToken: "tok_9f8e7d6c5b4a",
      // An authorization pays for one order only, so each order has its own.
      authorizationCode: "AUTH-\(number.rawValue)", actor: "desk", origin: "127.0.0.1:53211")
  }

  /// The answer a 201 for `number` would be stored with.
  static func answer(
    _ key: IdempotencyKey, number: OrderNumber?, status: Int = 201,
    createdAt: Int64 = 1_760_000_000,
    body: [UInt8] = Array(#"{"order":{"number":"OD-T1"}}"#.utf8)
  ) -> StoredAnswer {
    StoredAnswer(
      key: key, requestHash: Array(repeating: 0xA5, count: 32), status: status, body: body,
      orderNumber: number, createdAt: createdAt)
  }

  /// Runs `body` with a fresh directory for database files, removed afterwards.
  static func withDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("OrderStorageTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
  }

  /// Runs `body` with a store on a fresh file, and the file's path.
  static func withStore<T>(
    _ body: (SQLiteOrderStore, String) async throws -> T
  ) async throws
    -> T
  {
    try await withDirectory { directory in
      let path = directory.appendingPathComponent("orders.sqlite").path
      return try await body(try SQLiteOrderStore(path: path), path)
    }
  }
}

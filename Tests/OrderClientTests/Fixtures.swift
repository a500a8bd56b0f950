import CardSealing
import Crypto
import Foundation
import OrderAPI
import OrderCore

/// Canned data the test service answers with.
enum Fixtures {
  static let email = "ada@example.com"
  static let orderNumber = OrderNumber("OD-7K3F9Q2M")!
  static let vaultPrivateKey = Curve25519.KeyAgreement.PrivateKey()
  static let currentMonth = YearMonth(year: 2026, month: 1)!

  static var vaultKey: VaultPublicKey { VaultPublicKey(privateKey: vaultPrivateKey) }

  static var vaultKeyResponse: VaultKeyResponse {
    VaultKeyResponse(keyId: vaultKey.keyId, publicKey: vaultKey.base64)
  }

  static var lines: [CartLine] { [CartLine(sku: SKU("INKWELL-PRO")!, quantity: 1)] }

  static var quote: Quote {
    get throws {
      try Pricing.quote(
        cart: Cart(lines: lines), catalog: Catalog.demo, currency: .eur, country: "DE")
    }
  }

  static var record: OrderRecord {
    get throws {
      OrderRecord(
        number: orderNumber, status: .fulfilled, payment: .captured, source: .terminal,
        quote: try quote,
        card: CardSummary(
          brand: .visa, lastFour: "4242", expiry: YearMonth(year: 2029, month: 12)!),
        fulfilments: [], createdAt: 1_767_225_600)
    }
  }

  static var customer: Customer {
    Customer(
      name: "Ada Lovelace", email: email,
      address: Address(line1: "1 Analytical St", city: "Berlin", postalCode: "10115", country: "DE")
    )
  }

  static func submission(key: String = "key-\(UUID().uuidString)") -> OrderSubmission {
    OrderSubmission(
      idempotencyKey: IdempotencyKey(key)!, currency: .eur, source: .terminal, lines: lines,
      customer: customer, card: SealedCard(keyId: "0123456789abcdef", sealed: "AAAA"))
  }

  /// A published test card; tests alone may hold one.
  static func card(number: String = "4242 4242 4242 4242") -> CardEntry {
    CardEntry(
      number: SecretBytes(copying: number.utf8), expiry: "12/29",
      cvc: SecretBytes(copying: "123".utf8), name: "Ada Lovelace")
  }

  static func json(_ value: some Encodable) -> [UInt8] {
    Array((try? JSONEncoder().encode(value)) ?? Data())
  }
}

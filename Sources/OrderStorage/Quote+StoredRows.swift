import Foundation
import OrderCore

/// The parts of a ``Quote`` as stored in columns, put back together into a `Quote`.
///
/// `Quote` has no public initializer (only ``Pricing`` makes one), so the parts are passed
/// through its `Codable` form; the field names below are `Quote`'s and `QuoteLine`'s, and
/// the round-trip tests fail if they drift.
struct QuoteParts: Encodable {
  struct Line: Encodable {
    var sku: SKU
    var name: String
    var quantity: Int
    var unitPrice: Money
    var lineTotal: Money
    var requiresShipping: Bool
  }

  var currency: Currency
  var country: String
  var lines: [Line]
  var subtotal: Money
  var taxRate: TaxRate
  var tax: Money
  var shipping: Money
  var total: Money
  var requiresShipping: Bool

  func quote() throws(OrderStoreError) -> Quote {
    do {
      return try JSONDecoder().decode(Quote.self, from: JSONEncoder().encode(self))
    } catch {
      throw .corruptRow("the stored amounts do not make a quote")
    }
  }
}

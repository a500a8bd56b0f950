import Foundation
import OrderCore

/// What the desk's tests show: a secure channel's session and a placed order, the same in the
/// screen tests and the runtime's, so both compare with the same stored snapshots.
public enum DeskFixtures {
  /// A TLS 1.3 session with the embedded service's pinned key.
  public static let session = TLSSession(
    protocolVersion: .tls13, host: "127.0.0.1", peerSubject: "CN=orderdesk.local",
    issuer: "CN=orderdesk.local", validFrom: Date(timeIntervalSince1970: 1_764_028_800),
    validUntil: Date(timeIntervalSince1970: 2_079_561_600),
    fingerprintSHA256: String(repeating: "ab", count: 32),
    publicKeySHA256: Data(repeating: 0xCD, count: 32).base64EncodedString(),
    verification: .pinnedPublicKey)

  /// One Inkwell Standard for a customer in Germany, paid with a Visa ending in 4242 and
  /// fulfilled with its licence key and download link.
  public static func record(number: String = "OD-7K3F9Q2M") -> OrderRecord {
    var cart = Cart()
    try! cart.add(SKU("INKWELL-STD")!, quantity: 1)
    let quote = try! Pricing.quote(
      cart: cart, catalog: try! Catalog.demo, currency: .eur, country: "DE")
    return OrderRecord(
      number: OrderNumber(number)!, status: .fulfilled, payment: .authorized, source: .terminal,
      quote: quote,
      card: CardSummary(brand: .visa, lastFour: "4242", expiry: YearMonth(year: 2029, month: 4)!),
      fulfilments: [
        Fulfilment(
          sku: SKU("INKWELL-STD")!, licenceKey: "INKW-7Q2M-K3F9-XXXX",
          downloadURL:
            "https://127.0.0.1:8443/v1/downloads/INKWELL-STD?order=OD-7K3F9Q2M&expires=1764547200&sig=Zm9vYmFy",
          downloadExpiresAt: 1_764_547_200)
      ], createdAt: 1_764_288_000)
  }
}

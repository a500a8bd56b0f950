import Crypto
import OrderCore
import Synchronization

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Fulfils digital items at once: a licence key for every unit and a download link that
/// stops working after `linkLifetime`.
///
/// Links carry their own expiry and an HMAC over it, so the service can check one without
/// a database look-up and nobody can extend or forge one.
struct Fulfiller: Sendable {
  let signingKey: SymmetricKey
  /// Where links point, for example `https://127.0.0.1:8443`: known once the port is bound.
  let base: BaseURL
  let linkLifetime: Int64

  init(signingKey: SymmetricKey, base: BaseURL, linkLifetime: Int64 = 72 * 3600) {
    self.signingKey = signingKey
    self.base = base
    self.linkLifetime = linkLifetime
  }

  func fulfil(quote: Quote, order: OrderNumber, catalog: Catalog, now: Date) -> [Fulfilment] {
    let expiresAt = Int64(now.timeIntervalSince1970) + linkLifetime
    var fulfilments: [Fulfilment] = []
    for line in quote.lines where !line.requiresShipping {
      let products =
        catalog.item(for: line.sku).map { item in
          item.isBundle ? catalog.contents(of: item) : [item]
        } ?? []
      for _ in 0..<line.quantity {
        for product in products {
          fulfilments.append(
            Fulfilment(
              sku: product.sku, licenceKey: LicenceKey.make(for: product.sku),
              downloadURL: link(order: order, sku: product.sku, expiresAt: expiresAt),
              downloadExpiresAt: expiresAt))
        }
      }
    }
    return fulfilments
  }

  /// `BASE/v1/downloads/ORDER/SKU?expires=SECONDS&signature=HEX`.
  func link(order: OrderNumber, sku: SKU, expiresAt: Int64) -> String {
    "\(base.value)/v1/downloads/\(order.rawValue)/\(sku.value)?expires=\(expiresAt)&signature="
      + signature(order: order.rawValue, sku: sku.value, expiresAt: expiresAt)
  }

  /// Whether a link's signature is ours and it has not expired.
  func check(
    order: String, sku: String, expires: Int64, signature: String, now: Date
  )
    -> DownloadCheck
  {
    let expected = self.signature(order: order, sku: sku, expiresAt: expires)
    guard ConstantTime.equal(expected.utf8, signature.utf8) else { return .forged }
    return Int64(now.timeIntervalSince1970) <= expires ? .valid : .expired
  }

  private func signature(order: String, sku: String, expiresAt: Int64) -> String {
    let message = Data("\(order)/\(sku)/\(expiresAt)".utf8)
    let mac = HMAC<SHA256>.authenticationCode(for: message, using: signingKey)
    return mac.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
  }
}

/// The service's own address, set when it starts listening (a port of 0 picks one then).
final class BaseURL: Sendable {
  private let stored: Mutex<String>

  init(_ value: String) { stored = Mutex(value) }

  var value: String { stored.withLock { $0 } }

  func set(_ value: String) { stored.withLock { $0 = value } }
}

/// What a download link check found.
enum DownloadCheck: Equatable {
  case valid
  case expired
  case forged
}

/// Licence keys as customers type them: the product's first letters, then four groups of
/// five characters that cannot be confused when read aloud.
enum LicenceKey {
  private static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTVWXYZ")

  static func make(for sku: SKU) -> String {
    var generator = ReadAheadRandom()
    let prefix = sku.value.split(separator: "-").first.map { String($0.prefix(4)) } ?? "KEY"
    var groups: [String] = []
    for _ in 0..<4 {
      groups.append(
        String(
          (0..<5).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }))
    }
    return ([prefix] + groups).joined(separator: "-")
  }
}

extension String {
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}

import Foundation
import OrderAPI
import OrderCore
import Testing

@testable import OrderClient

/// Every route over real TLS against a real SQLite file.
@Suite(.serialized) struct RouteTests {
  @Test func theChannelIsSecureFromTheRealHandshake() async throws {
    try await withService { service in
      let security = await service.channel.probe()
      let session = try #require(security.session)
      #expect(security.allowsCardData)
      #expect(session.protocolVersion == .tls13)
      #expect(session.verification == .pinnedFingerprint)
      #expect(session.fingerprintSHA256 == service.service.identity?.fingerprintSHA256)
    }
  }

  @Test func healthCatalogAndVaultKey() async throws {
    try await withService { service in
      let health = try await service.raw(.GET, "/healthz")
      #expect(health.status == 200)
      #expect(try health.json["status"] as? String == "ok")

      let catalog = try await service.channel.catalog()
      #expect(catalog == (try Catalog.demo))

      let key = try await service.channel.vaultKey()
      #expect(key.rawRepresentation.count == 32)
      #expect(!key.keyId.isEmpty)
    }
  }

  @Test func quotesAreComputedByTheService() async throws {
    try await withService { service in
      let quote = try await service.channel.quote(
        QuoteRequest(
          currency: .eur, country: "DE",
          lines: [
            CartLine(sku: try #require(SKU("INKWELL-PRO")), quantity: 2),
            CartLine(sku: try #require(SKU("INKWELL-PRO-BOX")), quantity: 1),
          ]))
      // 2 × 89.00 + 99.00 + 9.00 shipping = 286.00 net; 19 % VAT = 54.34.
      #expect(quote.subtotal == Money(minorUnits: 27700, currency: .eur))
      #expect(quote.shipping == Money(minorUnits: 900, currency: .eur))
      #expect(quote.tax == Money(minorUnits: 5434, currency: .eur))
      #expect(quote.total == Money(minorUnits: 34034, currency: .eur))
      #expect(quote.requiresShipping)
    }
  }

  @Test func anOrderIsAcceptedFulfilledAndFoundAgain() async throws {
    try await withService { service in
      let submission = try await Orders.submission(
        service.channel, lines: [("INKWELL-PRO", 2), ("CREATOR-SUITE", 1)])
      guard case .accepted(let order) = try await service.channel.submit(submission) else {
        Issue.record("the order was not accepted")
        return
      }
      #expect(order.status == .fulfilled)
      #expect(order.payment == .authorized)
      #expect(order.card.brand == .visa)
      #expect(order.card.lastFour == "4242")
      #expect(order.source == .terminal)
      // Two Inkwell Pro keys, and one per product in the bundle.
      let bundle = try Catalog.demo.item(for: try #require(SKU("CREATOR-SUITE")))
      let bundled = try Catalog.demo.contents(of: try #require(bundle)).count
      #expect(order.fulfilments.count == 2 + bundled)
      #expect(order.fulfilments.allSatisfy { $0.downloadURL.hasPrefix(service.service.url) })

      let found = try await service.channel.lookUp(number: order.number, email: " ADA@example.com ")
      #expect(found?.number == order.number)
      #expect(found?.quote == order.quote)
      #expect(found?.card == order.card)
    }
  }

  @Test func aBoxedOrderWaitsForShipping() async throws {
    try await withService { service in
      let submission = try await Orders.submission(
        service.channel, lines: [("INKWELL-PRO-BOX", 1)])
      guard case .accepted(let order) = try await service.channel.submit(submission) else {
        Issue.record("the order was not accepted")
        return
      }
      #expect(order.status == .accepted)
      #expect(order.fulfilments.isEmpty)
      #expect(order.quote.shipping.minorUnits > 0)
    }
  }

  @Test func aWrongEmailAndAnUnknownNumberAnswerTheSame() async throws {
    try await withService { service in
      let submission = try await Orders.submission(service.channel)
      guard case .accepted(let order) = try await service.channel.submit(submission) else {
        Issue.record("the order was not accepted")
        return
      }
      #expect(
        try await service.channel.lookUp(number: order.number, email: "eve@example.com") == nil)
      let unknown = try #require(OrderNumber("OD-00000000"))
      #expect(try await service.channel.lookUp(number: unknown, email: "ada@example.com") == nil)

      let wrongEmail = try await service.raw(
        .GET, "/v1/orders/\(order.number)?email=eve%40example.com")
      let unknownNumber = try await service.raw(
        .GET, "/v1/orders/OD-00000000?email=ada%40example.com")
      let malformedNumber = try await service.raw(
        .GET, "/v1/orders/%1B%5B2J?email=ada%40example.com")
      #expect(wrongEmail.status == 404)
      #expect(wrongEmail.body == unknownNumber.body)
      #expect(wrongEmail.body == malformedNumber.body)
    }
  }

  @Test func downloadLinksWorkAndForgedOnesDoNot() async throws {
    try await withService { service in
      let submission = try await Orders.submission(service.channel)
      guard case .accepted(let order) = try await service.channel.submit(submission),
        let link = order.fulfilments.first?.downloadURL
      else {
        Issue.record("no download link")
        return
      }
      let path = String(link.dropFirst(service.service.url.count))
      #expect(try await service.raw(.GET, path).status == 200)
      let forged = path.replacingOccurrences(of: "expires=", with: "expires=9")
      #expect(try await service.raw(.GET, forged).status == 404)
      let otherSKU = path.replacingOccurrences(of: "INKWELL-PRO", with: "INKWELL-STUDIO")
      #expect(try await service.raw(.GET, otherSKU).status == 404)
    }
  }

  @Test func expiredDownloadLinksAreGone() async throws {
    let clock = TestClock()
    try await withService(clock: { clock.now }) { service in
      let submission = try await Orders.submission(service.channel)
      guard case .accepted(let order) = try await service.channel.submit(submission),
        let link = order.fulfilments.first?.downloadURL
      else {
        Issue.record("no download link")
        return
      }
      clock.advance(by: 73 * 3600)
      let path = String(link.dropFirst(service.service.url.count))
      let answer = try await service.raw(.GET, path)
      #expect(answer.status == 410)
      // The customer's own look-up hands out fresh links.
      let found = try await service.channel.lookUp(number: order.number, email: "ada@example.com")
      let fresh = try #require(found?.fulfilments.first?.downloadURL)
      #expect(
        try await service.raw(.GET, String(fresh.dropFirst(service.service.url.count))).status
          == 200)
    }
  }
}

/// A clock tests move by hand.
final class TestClock: @unchecked Sendable {
  private let lock = NSLock()
  private var current = Date()

  var now: Date { lock.withLock { current } }

  func advance(by seconds: TimeInterval) {
    lock.withLock { current += seconds }
  }
}

/// The channel's own health check against the real service.
@Suite struct HealthCheckTests {
  @Test func theChannelSeesTheServiceUp() async throws {
    try await withService { service in
      let up = try await service.channel.health()
      #expect(up)
    }
  }
}

import CardSealing
import Foundation
import OrderAPI
import OrderClient
import OrderCore
import Synchronization
import Testing

@Suite("Order routes over a secure channel")
struct OrderRouteTests {
  @Test func aSubmitIsAcceptedAndCarriesItsIdempotencyKey() async throws {
    try await withService { service, channel in
      let submission = Fixtures.submission(key: "order-key-1")
      let record = try Fixtures.record
      let outcome = try await channel.submit(submission)
      #expect(outcome == .accepted(record))
      let entry = try #require(service.log.entries.first)
      #expect(entry.idempotencyKey == "order-key-1")
      let sent = try JSONDecoder().decode(OrderRequest.self, from: Data(entry.body))
      #expect(sent == OrderRequest(submission))
    }
  }

  @Test func aSubmitSaysWhenTheOrderHasBeenWrittenBeforeTheAnswerComes() async throws {
    try await withService { service, channel in
      let sent = SentCounter()
      let outcome = try await channel.submit(Fixtures.submission(key: "order-key-sent")) {
        // Written to the connection: the service may or may not have read it yet, but it
        // cannot have answered, so the answer is not here before this call.
        sent.record()
      }
      #expect(outcome == .accepted(try Fixtures.record))
      #expect(sent.count == 1)
      #expect(service.log.entries.count == 1)
    }
  }

  @Test func aDeclineIsAnAnswerNotAnError() async throws {
    try await withService { _, channel in
      var submission = Fixtures.submission()
      submission.customer.name = "Decline Me"
      let outcome = try await channel.submit(submission)
      #expect(
        outcome
          == .declined(
            PaymentDecline(code: "insufficient_funds", message: "The card has insufficient funds."))
      )
    }
  }

  @Test func aLookUpFindsTheOrderAndAnUnknownOneIsNil() async throws {
    try await withService { _, channel in
      let record = try Fixtures.record
      let found = try await channel.lookUp(number: Fixtures.orderNumber, email: Fixtures.email)
      #expect(found == record)
      let wrongEmail = try await channel.lookUp(
        number: Fixtures.orderNumber, email: "eve@example.com")
      #expect(wrongEmail == nil)
      let unknown = try await channel.lookUp(
        number: OrderNumber("OD-NOPE0000")!, email: Fixtures.email)
      #expect(unknown == nil)
    }
  }

  @Test(arguments: [
    "a+b&c=d #x@example.com", "x?email=ada@example.com", "../../etc/passwd", "ü@exämple.de",
    "%41%00@example.com",
  ])
  func aLookUpEmailIsPercentEncodedIntact(email: String) async throws {
    try await withService { service, channel in
      let found = try await channel.lookUp(number: Fixtures.orderNumber, email: email)
      #expect(found == nil)
      let entry = try #require(service.log.entries.first)
      #expect(entry.path == "/v1/orders/\(Fixtures.orderNumber.rawValue)")
      #expect(entry.email == email)
      let query = try #require(entry.query)
      #expect(query.hasPrefix("email="))
      #expect(!query.dropFirst(6).contains { "&=#?/ +".contains($0) })
    }
  }

  @Test func anOversizedEmailIsNotSent() async throws {
    try await withService { service, channel in
      let email = String(repeating: "a", count: 100_000) + "@example.com"
      let found = try await channel.lookUp(number: Fixtures.orderNumber, email: email)
      #expect(found == nil)
      #expect(service.log.entries.isEmpty)
    }
  }

  @Test func aCardIsSealedToTheVaultKeyFetchedOnce() async throws {
    try await withService { service, channel in
      let key = IdempotencyKey("seal-key-1")!
      let card = Fixtures.card()
      let sealed = try await channel.sealCard(
        card, idempotencyKey: key, currentMonth: Fixtures.currentMonth)
      #expect(sealed.keyId == Fixtures.vaultKey.keyId)
      let opened = try CardOpener.open(
        sealed, privateKey: Fixtures.vaultPrivateKey, keyId: Fixtures.vaultKey.keyId,
        idempotencyKey: key)
      #expect(opened.lastFour == "4242")
      opened.wipe()

      _ = try await channel.sealCard(
        Fixtures.card(number: "5555 5555 5555 4444"), idempotencyKey: key,
        currentMonth: Fixtures.currentMonth)
      #expect(service.log.entries.map(\.path) == ["/v1/vault-key"])
      let everything = String(decoding: service.log.entries.flatMap(\.body), as: UTF8.self)
      #expect(!everything.contains("4242"))
    }
  }

  @Test func anIncompleteCardIsRefusedByTheSealer() async throws {
    try await withService { _, channel in
      let card = Fixtures.card(number: "4242 4242")
      await #expect(throws: CardSealingError.self) {
        _ = try await channel.sealCard(
          card, idempotencyKey: IdempotencyKey("k")!, currentMonth: Fixtures.currentMonth)
      }
    }
  }

  @Test(arguments: [
    "{\"keyId\": \"k1\", \"publicKey\": \"not base64!\"}",
    "{\"keyId\": \"k1\", \"publicKey\": \"AAAA\"}",
    "{\"keyId\": \"\u{1B}[31m\", \"publicKey\": \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}",
  ])
  func aBadVaultKeyIsRefused(body: String) async throws {
    try await withService { service, channel in
      service.log.can("GET /v1/vault-key", status: 200, body: Array(body.utf8))
      let error = await #expect(throws: OrderChannelError.self) { _ = try await channel.vaultKey() }
      guard case .unexpectedResponse(let operation, _) = error else {
        Issue.record("expected unexpectedResponse, got \(String(describing: error))")
        return
      }
      #expect(operation == "fetching the vault key")
      #expect(error?.description.unicodeScalars.contains { $0.value == 0x1B } == false)
    }
  }

  /// A pinned TLS service and a channel to it.
  private func withService(
    _ body: (TestService, HTTPSOrderChannel) async throws -> Void
  ) async throws {
    let identity = try ChannelSupport.selfSigned()
    try await TestService.run(tls: .init(identity: identity)) { service in
      let channel = try ChannelSupport.pinned(service, to: identity)
      try await ChannelSupport.using(channel) { try await body(service, $0) }
    }
  }
}

/// Counts the calls of a submit's `whenSent`.
final class SentCounter: Sendable {
  private let calls = Mutex(0)

  func record() { calls.withLock { $0 += 1 } }

  var count: Int { calls.withLock { $0 } }
}

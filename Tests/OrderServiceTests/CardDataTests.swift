import Foundation
import OrderCore
import OrderDeskTestSupport
import OrderStorage
import Testing
import Vault

@testable import OrderClient

/// Card numbers and CVCs never reach the orders database, the logs or any other file.
@Suite(.serialized) struct CardDataTests {
  static let cards: [(number: String, cvc: String)] = [
    ("4242424242424242", "739"), ("5555555555554444", "614"), ("378282246310005", "8527"),
    ("6011111111111117", "926"), ("4000000000009995", "183"), ("4000000000000002", "351"),
  ]

  @Test func noCardNumberOrCVCIsWrittenOutsideTheVaultsEncryptedStore() async throws {
    // Six cards for one email: more than the attempt limits allow.
    try await withService(
      velocity: VelocityPolicy(customer: .unlimited), afterStop: Self.inspectFiles
    ) { service in
      for (number, cvc) in Self.cards {
        let submission = try await Orders.submission(service.channel, number: number, cvc: cvc)
        _ = try await service.channel.submit(submission)
        // A replay stores nothing new but must not leak either.
        _ = try await service.channel.submit(submission)
      }
      #expect(service.processor.count == Self.cards.count)
    }
  }

  /// Reads every file the service left, once it has stopped (WAL files included), for every
  /// spelling of every number and CVC of ``cards`` (``CardLeaks``).
  static func inspectFiles(in directory: String) throws {
    let files = FileManager.default.subpaths(atPath: directory) ?? []
    #expect(files.contains { $0.hasSuffix("orders.sqlite") })
    #expect(files.contains { $0.hasSuffix(".log") })
    let found = CardLeaks.findings(
      inDirectory: directory, numbers: cards.map(\.number), cvcs: cards.map(\.cvc))
    #expect(found.isEmpty, "\(found)")
  }

  /// The twin of ``inspectFiles(in:)``: numbers and CVCs planted in the service's files, in
  /// its database as text and as integers and in its log, are each found.
  @Test func theFileSearchFindsCardDataPlantedInTheServicesFiles() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-service-\(UUID().uuidString)").path
    defer { removeServiceDirectory(directory) }
    var placed: OrderNumber?
    try await withService(directory: directory) { service in
      let outcome = try await service.channel.submit(
        try await Orders.submission(service.channel, number: "4242424242424242"))
      if case .accepted(let order) = outcome { placed = order.number }
    }
    let numbers = Self.cards.map(\.number)
    let cvcs = Self.cards.map(\.cvc)
    #expect(CardLeaks.findings(inDirectory: directory, numbers: numbers, cvcs: cvcs).isEmpty)
    let store = try SQLiteOrderStore(path: directory + "/orders.sqlite")
    let placedNumber = try #require(placed)
    let order = try #require(try await store.order(number: placedNumber))
    for (index, (number, cvc)) in Self.cards.enumerated() {
      // Straight into the store, past the service's checks, as a bug would put it there.
      let spellings = CardLeaks.spellings(of: number)
      var customer = order.customer
      customer.address.line2 = spellings[index % spellings.count]
      customer.name = "CVC \(cvc)"
      var record = order.record
      record.number = try #require(OrderNumber("OD-PLANT\(index)AB"))
      _ = try await store.record(
        NewOrder(
          record: record, customer: customer, cardToken: "tok-\(index)",
          authorizationCode: "auth-\(index)", actor: "test", origin: "test"),
        answer: StoredAnswer(
          key: try #require(IdempotencyKey("plant-\(index)")),
          requestHash: Array(repeating: 0, count: StoredAnswer.requestHashLength), status: 201,
          body: [], orderNumber: record.number, createdAt: 1_760_000_000))
      let found = CardLeaks.findings(inDirectory: directory, numbers: [number], cvcs: [cvc])
      #expect(found.contains { $0.contains("ending \(number.suffix(4))") }, "\(found)")
      #expect(found.contains { $0.contains("CVC") }, "\(found)")
    }
    let log = directory + "/logs/service.log"
    for (number, cvc) in Self.cards {
      let original = try Data(contentsOf: URL(fileURLWithPath: log))
      try (original + Data("card \(CardLeaks.fullWidth(number)) cvc=\(cvc)\n".utf8))
        .write(to: URL(fileURLWithPath: log))
      let found = CardLeaks.findings(inDirectory: directory, numbers: [number], cvcs: [cvc])
      #expect(found.count >= 2, "\(found)")
      try original.write(to: URL(fileURLWithPath: log))
    }
  }

  @Test func plainHTTPShowsTheOpenLockAndNoCardDataLeavesTheDesk() async throws {
    try await withService(transport: .insecureHTTP) { service in
      #expect(service.service.url.hasPrefix("http://"))
      let security = await service.channel.probe()
      guard case .notEncrypted = security else {
        Issue.record("expected not encrypted, got \(security)")
        return
      }
      #expect(!security.allowsCardData)
      // Browsing still works.
      #expect(try await service.channel.catalog().items.count >= 12)
      // Sealing and submitting do not.
      let card = Orders.card("4242424242424242")
      await #expect(throws: OrderChannelError.self) {
        _ = try await service.channel.sealCard(
          card, idempotencyKey: Orders.newKey(), currentMonth: Orders.currentMonth)
      }
      let submission = OrderSubmission(
        idempotencyKey: Orders.newKey(), currency: .eur, source: .terminal,
        lines: [CartLine(sku: try #require(SKU("INKWELL-PRO")), quantity: 1)],
        customer: Orders.customer, card: SealedCard(keyId: "x", sealed: "AAAA"))
      await #expect(throws: OrderChannelError.self) {
        _ = try await service.channel.submit(submission)
      }
      #expect(service.processor.count == 0)
      #expect(try await service.store().orderCount() == 0)
    }
  }
}

@Test func theLeakSearchFindsEverySpellingAndNoRandomNeighbour() {
  #expect(CardLeaks.containsWord("183", in: "cvc 183 was typed"))
  #expect(CardLeaks.containsWord("183", in: "183"))
  #expect(CardLeaks.containsWord("183", in: "11839 then 183."))
  #expect(!CardLeaks.containsWord("183", in: "keyId=2d183c44"))
  #expect(!CardLeaks.containsWord("183", in: "11839"))
  let number = "4242424242424242"
  for leaked in [
    number, "4242 4242 4242 4242", "4242-4242-4242-4242", "…42424242", #""cvc":"739""#,
    "CVC 739",
  ] {
    #expect(CardLeaks.leaks(in: leaked, number: number, cvc: "739"), "\(leaked)")
  }
  for clean in ["last4=4242 keyId=fe7394a0c1d2e3f4", "tok_abc739def", "order OD-739ABCDE"] {
    #expect(!CardLeaks.leaks(in: clean, number: number, cvc: "739"), "\(clean)")
  }
  // An Amex number as printed on the card, and a Diners Club one.
  #expect(CardLeaks.leaks(in: "3782 822463 10005", number: "378282246310005", cvc: "1234"))
  #expect(CardLeaks.spellings(of: "36227206271667").contains("3622-720627-1667"))
}

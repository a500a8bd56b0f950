import Foundation
import OrderCore
import OrderDeskTestSupport
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

  /// Reads every file the service left, once it has stopped (WAL files included).
  static func inspectFiles(in directory: String) throws {
    let files = try #require(FileManager.default.subpaths(atPath: directory))
      .map { directory + "/" + $0 }
      .filter {
        (try? FileManager.default.attributesOfItem(atPath: $0)[.type] as? FileAttributeType)
          == .typeRegular
      }
    #expect(files.contains { $0.hasSuffix("orders.sqlite") })
    #expect(files.contains { $0.hasSuffix(".log") })
    for file in files {
      // SQLite removes its -shm and -wal files when the last connection closes, which can
      // happen between listing and reading; what they held is then in the main file.
      guard let bytes = try? Data(contentsOf: URL(fileURLWithPath: file)) else {
        #expect(file.hasSuffix("-shm") || file.hasSuffix("-wal"), "\(file) could not be read")
        continue
      }
      let text = String(decoding: bytes, as: UTF8.self)
      for (number, cvc) in cards {
        for spelling in CardLeaks.spellings(of: number) {
          #expect(!text.contains(spelling), "\(file) holds a card number")
        }
        #expect(!text.contains("\"\(cvc)\""), "\(file) holds a CVC")
        if file.hasSuffix(".log") {
          // As a word of its own: random hex such as a key id may contain the digits.
          #expect(!CardLeaks.containsWord(cvc, in: text), "\(file) holds a CVC")
        }
      }
      #expect(!text.lowercased().contains("\"cvc\""), "\(file) holds a CVC field")
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

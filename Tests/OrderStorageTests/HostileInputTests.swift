import OrderCore
import OrderStorage
import Testing

@Suite("Hostile text is stored and returned intact")
struct HostileInputTests {
  /// Text a screen must neutralise; the store keeps it exactly, so nothing is lost or forged.
  static let hostile: [String] = [
    "\u{1B}[2J\u{1B}[H\u{1B}]0;pwned\u{7}",
    // Every C0 control but NUL, which is refused (see nulRefused), then DEL and C1 controls.
    (1..<32).map { String(UnicodeScalar(UInt8($0))) }.joined() + "\u{7F}\u{85}\u{9B}",
    "'); DROP TABLE orders; --",
    "👩‍👩‍👧‍👦🏳️‍🌈🇯🇵 e\u{301}\u{301}\u{301} \u{202E}txt.exe\u{202C} \u{FEFF}\u{200B}",
    "山田 太郎 · Ελένη · Ольга · محمد · שרה · 김민준",
    String(repeating: "Zoë 👩‍💻 ", count: 1_024),  // over 10 KB of UTF-8
  ]

  @Test("every text field keeps hostile text byte for byte", arguments: hostile)
  func textFields(text: String) async throws {
    try await Fixtures.withStore { store, _ in
      let customer = Customer(
        name: text, email: text, phone: text,
        address: Address(
          line1: text, line2: text, city: text, postalCode: text, country: text))
      var order = try Fixtures.order(Fixtures.number(1), customer: customer)
      order.cardToken = text
      order.authorizationCode = text
      order.actor = text
      order.origin = text
      order.record.fulfilments = order.record.fulfilments.map { fulfilment in
        var copy = fulfilment
        copy.licenceKey = text
        copy.downloadURL = text
        return copy
      }
      _ = try await store.record(order, answer: Fixtures.answer(Fixtures.key("k"), number: nil))
      let stored = try #require(await store.order(number: order.number))
      #expect(stored.customer == customer)
      #expect(Array(stored.customer.name.utf8) == Array(text.utf8))
      #expect(stored.cardToken == text)
      #expect(stored.authorizationCode == text)
      #expect(stored.actor == text && stored.origin == text)
      #expect(stored.record == order.record)

      let context = ChangeContext(actor: text, origin: text, at: 5, note: text)
      _ = try await store.changeStatus(
        of: order.number, from: .accepted, to: .cancelled, by: context)
      let events = try await store.events(for: order.number)
      #expect(events.first?.context.actor == text)
      #expect(events.last?.context == context)
    }
  }

  @Test("text with a NUL, which SQLite would cut short, is refused rather than truncated")
  func nulRefused() async throws {
    try await Fixtures.withStore { store, _ in
      let text = "before\u{0}after"
      var customer = Fixtures.customer
      customer.name = text
      let isInvalidInput: @Sendable (any Error) -> Bool = { error in
        guard case .invalidInput = error as? OrderStoreError else { return false }
        return true
      }
      await #expect(
        performing: {
          try await store.record(
            try Fixtures.order(Fixtures.number(1), customer: customer),
            answer: Fixtures.answer(Fixtures.key("k"), number: nil))
        }, throws: isInvalidInput)
      var order = try Fixtures.order(Fixtures.number(1))
      order.origin = text
      await #expect(
        performing: {
          try await store.record(order, answer: Fixtures.answer(Fixtures.key("k"), number: nil))
        }, throws: isInvalidInput)
      #expect(try await store.orderCount() == 0)

      _ = try await store.record(
        try Fixtures.order(Fixtures.number(1)),
        answer: Fixtures.answer(Fixtures.key("k"), number: nil))
      await #expect(
        performing: {
          try await store.changeStatus(
            of: Fixtures.number(1), from: .accepted, to: .cancelled,
            by: ChangeContext(actor: "staff", origin: "here", at: 1, note: text))
        }, throws: isInvalidInput)
      #expect(try await store.events(for: Fixtures.number(1)).count == 2)
    }
  }

  @Test("a 10 KB name survives a restart of the store")
  func longNameAcrossReopen() async throws {
    try await Fixtures.withDirectory { directory in
      let path = directory.appendingPathComponent("orders.sqlite").path
      let name = String(repeating: "名", count: 10_240)
      var customer = Fixtures.customer
      customer.name = name
      do {
        let store = try SQLiteOrderStore(path: path)
        _ = try await store.record(
          try Fixtures.order(Fixtures.number(1), customer: customer),
          answer: Fixtures.answer(Fixtures.key("k"), number: nil))
      }
      let stored = try await SQLiteOrderStore(path: path).order(number: Fixtures.number(1))
      #expect(stored?.customer.name == name)
      #expect(stored?.customer.name.utf8.count == 30_720)
    }
  }

  @Test("a large response body is kept byte for byte")
  func largeBody() async throws {
    try await Fixtures.withStore { store, _ in
      var generator = SystemRandomNumberGenerator()
      let body = (0..<(256 * 1024)).map { _ in UInt8.random(in: 0...255, using: &generator) }
      try await store.storeAnswer(
        Fixtures.answer(Fixtures.key("big"), number: nil, status: 402, body: body))
      #expect(try await store.answer(for: Fixtures.key("big"))?.body == body)
    }
  }
}

import Foundation
import OrderDeskTestSupport
import Testing

/// The real binary in tmux, captured after every key: no run of more than six digits of a
/// card number is ever on the screen, in the card field or any other, and a number read back
/// with Ctrl-R is gone from the screen when the read-back ends, and in the audit log.
@Suite(.serialized) struct CardDigitsEndToEndTests {
  static let card = DeskEndToEndTests.goodCard

  @Test(.timeLimit(.minutes(3)))
  func noRunOfTheNumberIsEverOnTheScreen() async throws {
    let desk = try DeskUnderTest()
    defer { desk.stop() }
    try await desk.session.waitFor("Inkwell Standard")
    try await desk.session.waitFor("🔒 Secure · TLS 1.3")

    // Read out while the catalog filter has the cursor, in groups: taken out once whole.
    try desk.session.press("/")
    let grouped = "4242 4242 4242 4242"
    for (index, character) in grouped.enumerated() {
      try desk.session.type(String(character))
      let typed = grouped.prefix(index + 1).count { $0 != " " }
      try await watch(desk, "the filter after \(typed) digits") { screen in
        typed == 16
          ? screen.contains("looked like a card number")
          : Self.filter(in: screen)?.count { $0 == "•" || $0.isNumber } == typed
      }
    }
    try desk.session.press("Escape")
    try await watch(desk, "the filter to close") { !$0.contains("Filter:") }

    try await desk.fillCartAndDetails()
    for (index, digit) in Self.card.enumerated() {
      try desk.session.type(String(digit))
      try await watch(desk, "the card field after \(index + 1) digits") { screen in
        guard let field = Self.cardField(in: screen) else { return false }
        if index + 1 < Self.card.count {
          let digits = field.filter(\.isNumber)
          #expect(digits.isEmpty, "a digit in [\(field)]")
          return field.count { $0 == "•" } == index + 1
        }
        return field.hasPrefix("•••• •••• •••• 4242")
      }
    }

    // Ctrl-R: the number is shown (and the check sees it), then hidden by its timer.
    try desk.session.press("C-r")
    let shown = try await desk.session.waitFor("4242 4242 4242 4242")
    #expect(CardDigitRuns.shows(Self.card, in: shown), "the check must see it:\n\(shown)")
    // Until it ends the number is on the screen on purpose, so only the screen after counts.
    let afterTimer = try await desk.session.waitUntil("the read-back's timer") {
      Self.cardField(in: $0)?.hasPrefix("•••• •••• •••• 4242") == true
    }
    #expect(!CardDigitRuns.shows(Self.card, in: afterTimer), "\(afterTimer)")
    // Again, ended by a key this time.
    try desk.session.press("C-r")
    try await desk.session.waitFor("4242 4242 4242 4242")
    try desk.session.press("Left")
    let afterKey = try await desk.session.waitUntil("the read-back to end on a key") {
      Self.cardField(in: $0)?.hasPrefix("•••• •••• •••• 4242") == true
    }
    #expect(!CardDigitRuns.shows(Self.card, in: afterKey), "\(afterKey)")
    try expectNoRun(in: desk, when: "both read-backs have ended")
    try expectTwoReadBacksLogged(in: desk.dataDirectory)

    try await desk.enterCard(nil)
    try await desk.placeOrderLeavingNoTrace(of: Self.card)
    try expectNoRun(in: desk, when: "the desk has exited")
  }

  /// Waits until `condition` holds, checking every capture on the way for a run of the card.
  @discardableResult
  func watch(
    _ desk: DeskUnderTest, _ description: String, timeout: Duration = .seconds(20),
    until condition: (String) -> Bool
  ) async throws -> String {
    try await desk.session.waitUntil(description, timeout: timeout) { screen in
      #expect(!CardDigitRuns.shows(Self.card, in: screen), "\(description):\n\(screen)")
      return condition(screen)
    }
  }

  /// The pane, its scrollback and its alternate screen hold no run of the card's digits.
  func expectNoRun(in desk: DeskUnderTest, when moment: String) throws {
    for text in [
      try desk.session.capture(), try desk.session.capture(scrollback: true),
      try desk.session.captureAlternateScreen(),
    ] {
      #expect(!CardDigitRuns.shows(Self.card, in: text), "\(moment):\n\(text)")
    }
  }

  /// The audit log has one line per read-back, with the desk and the order, and no digit of
  /// the card.
  func expectTwoReadBacksLogged(in dataDirectory: String) throws {
    let path = dataDirectory + "/audit/card-read-backs.jsonl"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 2, "\(text)")
    #expect(!CardDigitRuns.shows(Self.card, in: text), "\(text)")
    #expect(!text.contains(Self.card.suffix(4)), "not even the last four: \(text)")
    for line in lines {
      let entry = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(entry["event"] as? String == "card_number_read_back")
      #expect((entry["desk"] as? String)?.hasPrefix("desk-") == true)
      #expect((entry["orderInProgress"] as? String)?.isEmpty == false)
      #expect(entry["at"] is String)
      #expect(entry["staff"] is NSNull, "a staff field, empty for now: \(line)")
    }
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }

  /// What the card number field shows between its brackets.
  static func cardField(in screen: String) -> String? {
    screen.firstMatch(of: /Card number \* +\[([^\]]*)\]/).map { String($0.1) }
  }

  /// What the catalog filter shows between its brackets.
  static func filter(in screen: String) -> String? {
    screen.firstMatch(of: /Filter: \[([^\]]*)\]/).map { String($0.1) }
  }

  /// The run check finds the number in each spelling, and the screens it must pass.
  @Test func theRunCheckFindsEverySpelling() {
    for spelling in [
      "4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242", "4242.4242.4242.4242",
      "│ 2424242 │", "\u{1B}[1m4242 424\u{1B}[0m",
    ] {
      #expect(CardDigitRuns.shows(Self.card, in: spelling), "\(spelling)")
    }
    for screen in ["[•••• •••• •••• 4242]", "[424242••••]", "Visa •••• 4242", "€49.00"] {
      #expect(!CardDigitRuns.shows(Self.card, in: screen), "\(screen)")
    }
  }
}

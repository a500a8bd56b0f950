import DeskTheme
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

@testable import DeskUI

/// Seeded random keys, window sizes and service answers, thousands of them: the desk never
/// traps, every frame fills its grid exactly, and a sealed card leaves no digits behind.
@Suite struct DeskMonkeyTests {
  /// Keys a hurried person might press anywhere: text, digits, the keys every screen answers
  /// to, and control keys.
  static let keys: [Key] =
    Array("abcjkxyz nfqry0123942@.-/+?").map { Key.character($0) } + [
      .function(4), .function(5), .function(6), .function(9), .function(10),
      .enter, .enter, .tab, .backTab, .escape, .backspace, .delete, .up, .down, .left, .right,
      .home, .end, .pageUp, .pageDown, .function(1), .function(2), .function(3),
      .control("a"), .control("e"), .control("k"), .control("u"), .control("w"),
      .control("r"), .control("c"), .character("é"), .character("漢"),
    ]

  /// Whole values, and whole forms, typed at once, so that a walk gets past the forms and
  /// places orders now and then.
  static let bursts: [[Key]] =
    [
      "Ada Lovelace", "ada@example.com", "Germ", "4242424242424242", "0429", "123",
      "4000000000000002", "Unter den Linden 1", "Berlin", "10117", "OD-7K3F9Q2M", "1\n", "4\n",
      "ada", "12.00", "2026-13-01",
    ].map(typed) + [
      typed("ana") + [.tab] + typed(StaffFixtures.ana.passphrase) + [.tab] + typed("123456")
        + [.enter],
      filled(["Ada Lovelace", "ada@example.com", "", "Germ"]) + [.enter, .enter],
      filled(["4242424242424242", "0429", "123", "Ada Lovelace"]) + [.enter],
      [.enter, .enter, .enter],
    ]

  static func typed(_ text: String) -> [Key] {
    text.map { $0 == "\n" ? Key.enter : Key.character($0) }
  }

  /// A form's fields, from the first, cleared and given `values`.
  static func filled(_ values: [String]) -> [Key] {
    values.indices.flatMap { index in
      Array(repeating: Key.up, count: 8) + Array(repeating: Key.down, count: index)
        + [.control("u")] + typed(values[index])
    }
  }

  /// ana's passphrase and code typed from the field the sign-in or lock screen has focused,
  /// or `nil` when neither is shown.
  static func credentialKeys(_ desk: DeskDriver) -> [Key]? {
    let secrets: [Key] =
      [.control("u")] + typed(StaffFixtures.ana.passphrase) + [.tab, .control("u")]
      + typed(StaffFixtures.ana.code) + [.enter]
    if let lock = desk.state.lockScreen {
      return Array(repeating: .up, count: lock.focus.rawValue) + secrets
    }
    guard desk.state.screen == .signIn, desk.state.overlay == nil else { return nil }
    return Array(repeating: Key.up, count: desk.state.signIn.focus.rawValue)
      + [.control("u")] + typed("ana") + [.tab] + secrets
  }

  static let sizes = [(24, 80), (24, 80), (24, 80), (18, 60), (40, 132), (10, 40), (1, 1)]

  /// Where a walk starts: each seed starts at another screen, from the catalog to a found
  /// order, and on the staff desk from signing in to an order's page.
  static func start(_ seed: UInt64) -> DeskDriver {
    var desk = DeskDriver()
    switch seed % 10 {
    case 6: desk = DeskDriver(mode: .staff)
    case 7: desk = DeskDriver.signedIn()
    case 8: desk = DeskDriver.phoneOrderOnPayment(note: "Calls back")
    case 9: desk = DeskDriver.showingOrderPage()
    case 0: break
    case 1: desk.goToShippingDetails()
    case 2: desk.goToPayment()
    case 3:
      desk.goToPayment()
      desk.enterCard()
      desk.answerQuote()
      desk.press(.enter)
    case 4: desk = DeskDriver.showingReceipt()
    default: desk = DeskDriver.showingFoundOrder()
    }
    return desk
  }

  @Test(arguments: 0..<12)
  func randomUseNeverBreaksTheDesk(seed: UInt64) {
    var generator = SeededGenerator(seed: 0xDE5C_0000 + seed)
    var desk = Self.start(seed)
    var screens: Set<String> = []
    for step in 0..<1_000 {
      let roll = Int.random(in: 0..<100, using: &generator)
      if let credentials = Self.credentialKeys(desk), roll < 25 {
        // A staff desk asks for a passphrase often; typed right now and then, it gets about.
        for key in credentials { desk.press(key) }
      } else if roll < 8 {
        for key in Self.bursts.randomElement(using: &generator)! { desk.press(key) }
      } else if roll < 11 {
        let (rows, columns) = Self.sizes.randomElement(using: &generator)!
        desk.send(.resize(rows: rows, columns: columns))
      } else if roll < 12, Bool.random(using: &generator) {
        desk.send(.idle)
      } else if roll < 12 {
        let states: [ChannelSecurity] = [
          .secure(DeskDriver.session), .secure(DeskDriver.session),
          .notEncrypted(endpoint: "http://127.0.0.1:8080"), .down(reason: "connection refused"),
        ]
        desk.send(.securityChanged(states.randomElement(using: &generator)!))
      } else if roll < 27 {
        Self.answer(desk.takeEffects(), of: &desk, using: &generator)
      } else {
        desk.send(.key(Self.keys.randomElement(using: &generator)!))
      }
      Self.check(desk, step: step, seed: seed)
      screens.insert("\(desk.state.screen)")
      // A desk that has quit takes no more events, as the runtime ends; walk on in a new one.
      if desk.state.hasQuit { desk = Self.start(seed &+ UInt64(step)) }
    }
    // The walk should get about: a check that only ever sees the catalog proves little.
    #expect(screens.count >= 3, "seed \(seed) saw only \(screens.sorted())")
  }

  /// Answers what the desk asked the service for, as it would, now and then failing.
  static func answer(
    _ effects: [DeskEffect], of desk: inout DeskDriver, using generator: inout SeededGenerator
  ) {
    let fails = Int.random(in: 0..<10, using: &generator) == 0
    for effect in effects {
      switch effect {
      case .requestQuote(let request, let generation):
        var cart = Cart()
        for line in request.lines { try! cart.add(line.sku, quantity: line.quantity) }
        let quote = try! Pricing.quote(
          cart: cart, catalog: try! Catalog.demo, currency: request.currency,
          country: request.country)
        desk.send(
          .quoted(
            generation: generation, fails ? .failure(DeskFailure("timed out")) : .success(quote)))
      case .sealCard(let card, _, let generation):
        card.wipe()
        desk.send(
          .cardSealed(
            generation: generation,
            fails
              ? .failure(DeskFailure("vault key unavailable"))
              : .success(SealedCard(keyId: "vault-1", sealed: "c2VhbGVk"))))
      case .submit:
        desk.send(.submissionSent)
        let outcomes: [Result<SubmitOutcome, DeskFailure>] = [
          .success(.accepted(DeskDriver.record())),
          .success(.declined(PaymentDecline(code: "card_declined", message: "Declined."))),
          .failure(DeskFailure("connection reset")),
        ]
        desk.send(.submitted(outcomes.randomElement(using: &generator)!))
      case .lookUp:
        let answers: [Result<OrderRecord?, DeskFailure>] = [
          .success(DeskDriver.record()), .success(nil), .failure(DeskFailure("down")),
        ]
        desk.send(.lookedUp(answers.randomElement(using: &generator)!))
      case .startTimer(let timer, _):
        desk.send(.timerFired(timer))
      case .recordCardReadBack(_, let generation):
        desk.send(
          .cardReadBackRecorded(
            generation: generation,
            fails ? .failure(DeskFailure("audit log not writable")) : .success(())))
      case .loadCatalog:
        desk.send(.catalogLoaded(.success(try! Catalog.demo)))
      case .signIn(let credentials):
        let account = StaffFixtures.accounts.first { $0.credentials == credentials }
        desk.send(
          .signedIn(
            account.map { .success($0.member) }
              ?? .failure(DeskFailure("The name, passphrase or code is wrong."))))
      case .signOut:
        desk.send(.signedOut)
      case .lockSession:
        desk.send(.sessionLocked(fails ? .failure(DeskFailure("down")) : .success(())))
      case .unlockSession(let credentials):
        let failure =
          fails
          ? DeskFailure("The session expired.", kind: .sessionEnded)
          : DeskFailure("The passphrase or code is wrong.")
        desk.send(
          .sessionUnlocked(
            credentials == StaffFixtures.ana.credentials
              ? .success(StaffFixtures.ana.member) : .failure(failure)))
      case .searchOrders(_, let generation):
        desk.send(
          .ordersFound(
            generation: generation,
            fails ? .failure(DeskFailure("down")) : .success(StaffFixtures.searchResults())))
      case .loadOrderPage(_, let generation):
        let answers: [Result<OrderPage?, DeskFailure>] = [
          .success(StaffFixtures.page()), .success(StaffFixtures.page(refunded: 1_200)),
          .success(nil), .failure(DeskFailure("The session expired.", kind: .sessionEnded)),
        ]
        desk.send(
          .orderPageLoaded(generation: generation, answers.randomElement(using: &generator)!))
      case .findCustomers(_, let generation):
        desk.send(
          .customersFound(
            generation: generation,
            fails
              ? .failure(DeskFailure("down"))
              : .success([StaffFixtures.adaMatch, StaffFixtures.graceMatch])))
      case .refund(let number, let refund, _, let generation):
        let receipt = RefundReceipt(
          id: "re_1", amount: refund.amount ?? Money(minorUnits: 1_200, currency: .eur),
          reason: refund.reason, note: refund.note,
          order: StaffFixtures.phoneRecord(number: number.rawValue, payment: .partiallyRefunded))
        desk.send(
          .refunded(
            generation: generation,
            fails
              ? .failure(DeskFailure("At most €58.31 can still be refunded."))
              : .success(receipt)))
      case .probeChannel:
        // One probe's answer starts at most one probe timer, whatever the stream said.
        let before = desk.effects.count
        desk.send(.probed(serviceAnswered: Bool.random(using: &generator)))
        let timers = desk.effects[before...].filter {
          if case .startTimer(.probeAgain, _) = $0 { true } else { false }
        }
        #expect(timers.count <= 1, "\(timers.count) probe timers from one probe")
      }
    }
  }

  /// What must hold after every step.
  static func check(_ desk: DeskDriver, step: Int, seed: UInt64) {
    let place = "seed \(seed), step \(step), screen \(desk.state.screen)"
    let grid = desk.screen()
    #expect(grid.rows == desk.state.rows && grid.columns == desk.state.columns, "\(place)")
    for line in grid.lines {
      if TerminalText.displayWidth(line) != grid.columns {
        Issue.record(
          "a row of \(TerminalText.displayWidth(line)) cells in \(grid.columns): \(place)")
        break
      }
    }
    if let cursor = grid.cursor {
      #expect(
        (0..<grid.rows).contains(cursor.row) && (0..<grid.columns).contains(cursor.column),
        "cursor outside the grid: \(place)")
    }
    // The card fields show at most the last four digits, unless asked to, and never the CVC.
    for line in grid.lines {
      let field = line.drop { $0 != "[" }.prefix { $0 != "]" }
      if line.contains("Card number"), !desk.state.payment.isRevealed {
        #expect(longestDigitRun(in: String(field)) <= 4, "card digits shown: \(place)")
      }
      if line.contains("CVC") {
        #expect(!field.contains { $0.isNumber }, "a CVC shown: \(place)")
      }
    }
    // What is in a passphrase field is never drawn (the monkey types the passphrase into
    // other fields too, which show what is typed: those are left out of the frame), and a
    // locked desk shows nothing of the order.
    let secrets = [desk.state.signIn.passphrase.text(), desk.state.lockScreen?.passphrase.text()]
      .compactMap { $0 }.filter { $0.count > 7 }
    // The ASCII frame has the same letters: the UTF-8 one is enough to look in.
    for frame in [grid.snapshot] {
      var drawn = frame
      for field in [desk.state.signIn.name.text] where !field.isEmpty {
        drawn = drawn.replacingOccurrences(of: field, with: "")
      }
      for secret in secrets {
        #expect(!FrameRecording.shows(secret, in: drawn), "a passphrase: \(place)")
      }
      if desk.state.isLocked {
        #expect(
          !frame.contains("Ada") && !frame.contains("Inkwell") && !frame.contains("€"),
          "a locked desk shows the order: \(place)")
      }
    }
    if desk.state.isLocked {
      #expect(desk.state.payment.number.isEmpty, "a card kept while locked: \(place)")
    }
    if desk.state.payment.sealed != nil {
      #expect(desk.state.payment.number.isEmpty, "digits kept after sealing: \(place)")
      #expect(desk.state.payment.cvc.isEmpty, "a CVC kept after sealing: \(place)")
    }
  }

  /// The most digits in a row in `text`, a single space between two digits not ending the
  /// run: "4242 4242 4242 4242" is 16.
  static func longestDigitRun(in text: String) -> Int {
    var longest = 0
    var run = 0
    var previous: Character = " "
    var spaceAfterDigit = false
    for character in text {
      if character.isASCII, character.isNumber {
        run = spaceAfterDigit || previous.isNumber ? run + 1 : 1
        longest = max(longest, run)
        spaceAfterDigit = false
      } else if character == " ", previous.isASCII, previous.isNumber {
        spaceAfterDigit = true
      } else {
        run = 0
        spaceAfterDigit = false
      }
      previous = character
    }
    return longest
  }

  @Test func theDigitRunCountsGroupsAsOneNumber() {
    #expect(Self.longestDigitRun(in: "Visa 4242 4242 4242 4242 ok") == 16)
    #expect(Self.longestDigitRun(in: "•••• •••• •••• 4242") == 4)
    #expect(Self.longestDigitRun(in: "1  €49.00, 10117 Berlin") == 5)
    #expect(Self.longestDigitRun(in: "expires=1764547200") == 10)
  }
}

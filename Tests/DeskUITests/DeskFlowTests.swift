import DeskTheme
import DeskUI
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

/// The desk's behaviour, driven by keys and effect results, read from its state and screen.
@Suite struct DeskFlowTests {
  static let testNumbers = ["4242424242424242", "4000000000000002", "378282246310005"]

  /// Whether `text` shows more than six digits in a row of a test number, however spaced,
  /// or any spelling of one (``CardLeaks``): a screen may show the last four, never more.
  static func leaksCardNumber(_ text: String) -> Bool {
    testNumbers.contains { CardDigitRuns.shows($0, in: text) }
      || !CardLeaks.findings(in: text, numbers: testNumbers, cvcs: []).isEmpty
  }

  /// The twin of ``leaksCardNumber(_:)``: a number shown on purpose, ten digits typed and
  /// read back, or any spelling of a whole one, is seen.
  @Test func theLeakCheckSeesPartOfANumberAndEverySpelling() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type("4242424242")
    #expect(!Self.leaksCardNumber(desk.text))
    _ = desk.takeEffects()
    desk.press(.control("r"))
    desk.recordReveals()
    #expect(Self.leaksCardNumber(desk.text), "ten digits read back are more than six")
    for number in Self.testNumbers {
      for spelling in CardLeaks.spellings(of: number) {
        #expect(Self.leaksCardNumber("Address [\(spelling)]"), "\(spelling)")
      }
    }
  }

  @Test func theCatalogAddsTheTypedQuantity() {
    var desk = DeskDriver()
    desk.press(.down, .character("1"), .character("2"), .enter)
    #expect(desk.state.cart.totalQuantity == 12)
    #expect(desk.state.cart.lines.first?.sku.value == "INKWELL-PRO")
    desk.press(.character("+"), .character("+"), .character("-"), .enter)
    #expect(desk.state.cart.totalQuantity == 14)
    #expect(desk.text.contains("Cart: 14 items"))
  }

  @Test func aQuantityOver99IsRefusedWithAMessage() {
    var desk = DeskDriver()
    desk.press(.character("9"), .character("9"), .character("9"))
    #expect(desk.state.catalogView.quantity == 99)
    #expect(desk.state.message?.kind == .warning)
  }

  @Test func theFilterNarrowsTheListAndEscClearsIt() throws {
    var desk = DeskDriver()
    desk.press(.character("/"))
    desk.type("lumen")
    #expect(desk.state.visibleItems.map(\.sku.value) == ["LUMEN-PHOTO", "LUMEN-FILM-LOOKS"])
    desk.press(.escape)
    #expect(desk.state.visibleItems.count == (try Catalog.demo).items(in: .eur).count)
  }

  @Test func aCatalogThatFailedIsAskedForAgainOnceTheServiceIsBack() {
    var desk = DeskDriver(security: .unknown(reason: "Connecting…"), loadCatalog: false)
    desk.send(.catalogLoaded(.failure(DeskFailure("The order service cannot be reached."))))
    desk.send(.securityChanged(.down(reason: "connection refused")))
    _ = desk.takeEffects()
    #expect(desk.text.contains("The catalog could not be loaded"))

    desk.send(.securityChanged(.secure(DeskDriver.session)))
    #expect(desk.takeEffects().contains { if case .loadCatalog = $0 { true } else { false } })
    #expect(desk.text.contains("Loading the catalog"))
    desk.send(.catalogLoaded(.success(try! Catalog.demo)))
    #expect(desk.text.contains("Inkwell Standard"))
  }

  @Test func aCatalogThatFailsWhileTheServiceAnswersIsNotAskedForOverAndOver() {
    var desk = DeskDriver(loadCatalog: false)
    desk.send(.catalogLoaded(.failure(DeskFailure("The service answered 500."))))
    desk.send(.securityChanged(.secure(DeskDriver.session)))
    desk.send(.securityChanged(.secure(DeskDriver.session)))
    #expect(!desk.takeEffects().contains { if case .loadCatalog = $0 { true } else { false } })
    #expect(desk.text.contains("The catalog could not be loaded: The service answered 500."))
  }

  @Test func theCartNeedsAProductBeforeItOpens() {
    var desk = DeskDriver()
    desk.press(.character("c"))
    #expect(desk.state.screen == .catalog)
    #expect(desk.state.message?.kind == .warning)
  }

  @Test func cartChangesAskForNewTotalsAndOldAnswersAreIgnored() {
    var desk = DeskDriver()
    desk.press(.enter, .character("c"))
    guard let (_, first) = desk.lastQuote else {
      Issue.record("no quote was asked for")
      return
    }
    desk.press(.character("+"))
    guard let (request, second) = desk.lastQuote else { return }
    #expect(second > first)
    #expect(request.lines.first?.quantity == 2)
    desk.send(.quoted(generation: first, .failure(DeskFailure("stale"))))
    guard case .loading = desk.state.quote else {
      Issue.record("a stale answer replaced the pending quote")
      return
    }
    desk.answerQuote()
    guard case .ready(let quote) = desk.state.quote else {
      Issue.record("the quote did not arrive")
      return
    }
    #expect(quote.lines.first?.quantity == 2)
  }

  @Test func errorsAppearWhenAFieldIsLeftAndGoWhenItIsRight() {
    var desk = DeskDriver()
    desk.goToDetails()
    desk.press(.tab)
    #expect(desk.state.details.errors[.name] == nil, "a blank field passed over is not flagged")
    desk.press(.backTab)
    desk.type("A")
    #expect(desk.state.details.errors[.name] == nil)
    desk.press(.tab)
    desk.type("a@")
    #expect(desk.state.details.errors[.email] == nil, "no error while typing")
    desk.press(.tab)
    #expect(desk.state.details.errors[.email] != nil)
  }

  @Test func continuingWithWrongFieldsFocusesTheFirst() {
    var desk = DeskDriver()
    desk.goToDetails()
    desk.press(.tab, .tab, .tab, .enter)
    #expect(desk.state.screen == .details)
    #expect(desk.state.details.focus == .name)
    #expect(Set(desk.state.details.errors.keys) == [.name, .email, .country])
  }

  @Test func theCountryIsChosenByTypeAhead() {
    var desk = DeskDriver()
    desk.goToDetails()
    desk.press(.tab, .tab, .tab)
    desk.type("neth")
    desk.press(.enter)
    #expect(desk.state.details.countryCode == "NL")
    #expect(desk.state.details[.country].text == "Netherlands")
  }

  @Test func aBoxedItemAsksForTheShippingAddress() {
    var desk = DeskDriver()
    desk.goToDetails()
    #expect(desk.state.detailsFields == [.name, .email, .phone, .country])
    var boxed = DeskDriver()
    boxed.press(.character("/"))
    boxed.type("boxed")
    boxed.press(.enter, .enter, .character("c"), .enter)
    #expect(boxed.state.detailsFields.contains(.postalCode))
  }

  @Test func theCardNumberIsMaskedGroupedAndBranded() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type("378282246310005")
    let screen = desk.text
    #expect(!Self.leaksCardNumber(screen))
    #expect(screen.contains("•••• •••••• •0005"))
    #expect(screen.contains("American Express"))
    #expect(desk.state.payment.focus == .expiry, "a complete number moves on to the expiry")
  }

  @Test func anInvalidChecksumIsMarked() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type("4242424242424241")
    #expect(desk.state.payment.focus == .number)
    #expect(desk.text.contains("✗ Visa"))
  }

  @Test func theExpiryGetsItsSlash() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.press(.tab)
    desk.type("1")
    #expect(desk.state.payment.expiry.text == "1")
    desk.type("2")
    #expect(desk.state.payment.expiry.text == "12/")
    desk.press(.backspace)
    #expect(desk.state.payment.expiry.text == "1")
    desk.press(.backspace)
    desk.type("4")
    #expect(desk.state.payment.expiry.text == "04/")
    desk.type("29")
    #expect(desk.state.payment.focus == .cvc)
  }

  @Test func revealShowsTheNumberUntilItsTimerFires() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type("4242424242")
    _ = desk.takeEffects()
    desk.press(.control("r"))
    desk.recordReveals()
    #expect(desk.text.contains("4242 4242 42"))
    guard case .startTimer(let timer, let after) = desk.takeEffects().first else {
      Issue.record("no timer to hide the number")
      return
    }
    #expect(after == .seconds(5))
    desk.send(.timerFired(timer))
    #expect(!Self.leaksCardNumber(desk.text))
    #expect(!desk.text.contains("4242 4242 42"))
  }

  @Test func aCompleteCardIsSealedFromACopyAndTheFormsDigitsAreWiped() throws {
    var desk = DeskDriver()
    desk.goToPayment()
    let buffer = desk.state.payment.number.digits
    desk.type("4242424242424242")
    desk.type("0429123Ada Lovelace")
    #expect(desk.sealRequest == nil, "nothing is sealed before the last field is left")
    desk.press(.enter)
    let (card, _) = try #require(desk.sealRequest)
    let copied = card.number.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    #expect(copied == "4242424242424242")
    #expect(buffer.isEmpty, "the form's own buffer is wiped as soon as the copy is sealed")
    #expect(desk.state.payment.cvc.isEmpty)
    card.wipe()
    #expect(card.number.isEmpty)
  }

  @Test func aSealedCardShowsOnlyBrandAndLastFour() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.enterCard()
    #expect(desk.state.screen == .review)
    #expect(desk.text.contains("Visa •••• 4242"))
    #expect(!Self.leaksCardNumber(desk.text))
  }

  @Test func aSealAnswerForAnOldCardIsIgnored() throws {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type("42424242424242420429123Ada")
    desk.press(.enter)
    let (_, generation) = try #require(desk.sealRequest)
    desk.send(
      .cardSealed(generation: generation + 1, .success(SealedCard(keyId: "k", sealed: "x"))))
    #expect(desk.state.payment.sealed == nil)
    desk.send(.cardSealed(generation: generation, .failure(DeskFailure("no vault key"))))
    #expect(desk.state.payment.sealed == nil)
    #expect(desk.state.message?.kind == .error)
    #expect(desk.state.payment.number.isEmpty)
  }

  @Test func aCardWaitsForASecureChannelBeforeItIsSealed() throws {
    var desk = DeskDriver(security: .unknown(reason: "not connected yet"))
    desk.goToPayment()
    desk.type("42424242424242420429123Ada")
    desk.press(.enter)
    #expect(desk.sealRequest == nil)
    #expect(desk.state.payment.stage == .waitingForSecureChannel)
    desk.send(.securityChanged(.secure(DeskDriver.session)))
    _ = try #require(desk.sealRequest)
  }

  @Test func cardEntryIsRefusedOverPlainHTTP() {
    var desk = DeskDriver(security: .notEncrypted(endpoint: "http://127.0.0.1:8080"))
    desk.goToPayment()
    desk.type("4242424242424242")
    #expect(desk.state.payment.number.isEmpty)
    #expect(desk.text.contains("Not encrypted"))
    #expect(desk.text.contains("card entry is turned off"))
    #expect(desk.text.contains("No card details can be typed here: the connection"))
    #expect(desk.state.message?.text.contains("Card entry is turned off") == true)
  }

  @Test func anOrderIsSubmittedOnceHoweverOftenEnterIsPressed() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.enterCard()
    desk.answerQuote()
    _ = desk.takeEffects()
    desk.press(.enter, .enter, .enter)
    let submits = desk.takeEffects().filter {
      if case .submit = $0 { return true }
      return false
    }
    #expect(submits.count == 1)
    #expect(desk.state.screen == .submitting)
  }

  @Test func theSubmittingScreenMovesOnWhenTheOrderIsSentAndAStraySentDoesNothing() {
    var desk = DeskDriver()
    // A late "sent" from an earlier submit, outside the submitting screen, changes nothing.
    desk.send(.submissionSent)
    #expect(!desk.state.submissionSent)
    desk.goToPayment()
    desk.enterCard()
    desk.answerQuote()
    desk.press(.enter)
    #expect(desk.text.contains("Sending the order over"))
    #expect(!desk.state.submissionSent)
    desk.send(.submissionSent)
    #expect(desk.state.submissionSent)
    #expect(desk.text.contains("Waiting for the card to be authorized…"))
    #expect(!desk.text.contains("Sending the order over"))
    // A decline and a second attempt start again from "sending".
    desk.send(
      .submitted(.success(.declined(PaymentDecline(code: "card_declined", message: "No."))))
    )
    desk.enterCard()
    desk.answerQuote()
    desk.press(.enter)
    #expect(desk.state.screen == .submitting)
    #expect(!desk.state.submissionSent)
  }

  /// A card number typed into a field that is not for one (a caller reading it out while the
  /// cursor is in the address) is taken out as soon as it is whole, and the rest is kept.
  @Test func aCardNumberTypedIntoAnotherFieldIsTakenOutAtOnce() {
    var desk = DeskDriver()
    desk.goToShippingDetails()
    desk.fillCustomer()
    desk.press(.tab)
    #expect(desk.state.details.focus == .line2)
    desk.type("Flat 3, 4242 4242 4242 424")
    #expect(desk.state.details[.line2].text == "Flat 3, 4242 4242 4242 424", "not whole yet")
    desk.type("2")
    #expect(desk.state.details[.line2].text == "Flat 3, ")
    #expect(desk.state.details.errors[.line2]?.contains("looked like a card number") == true)
    #expect(desk.state.message?.kind == .error)
    #expect(!Self.leaksCardNumber(desk.text), "\(desk.text)")
    desk.type("back door")
    #expect(desk.state.details[.line2].text == "Flat 3, back door")

    // Pasted whole into the phone field, an Amex number goes the same way.
    desk.press(.backTab, .backTab, .backTab)
    #expect(desk.state.details.focus == .phone)
    desk.type("378282246310005")
    #expect(desk.state.details[.phone].isEmpty)
    #expect(!Self.leaksCardNumber(desk.text))

    // The search fields and the catalog filter too.
    var find = DeskDriver()
    find.press(.function(3))
    find.type("5555555555554444")
    #expect(find.state.findOrder.number.isEmpty)
    #expect(find.state.message?.text.contains("looked like a card number") == true)
    var filter = DeskDriver()
    filter.press(.character("/"))
    filter.type("6011 1111 1111 1117")
    #expect(filter.state.catalogView.filter.isEmpty)
    #expect(!Self.leaksCardNumber(filter.text))
  }

  /// The review shows the customer as the order will be sent: spaces around a field trimmed.
  @Test func theReviewShowsTheAddressTrimmed() {
    var desk = DeskDriver()
    desk.goToShippingDetails()
    desk.fillCustomer(name: "  Ada Lovelace ")
    desk.type("Unter den Linden 1")
    desk.press(.tab)
    desk.type("Hof ")
    desk.press(.tab)
    desk.type(" Berlin")
    desk.press(.tab)
    desk.type("10117")
    desk.press(.enter)
    desk.enterCard()
    #expect(desk.state.screen == .review)
    #expect(desk.text.contains("Customer         Ada Lovelace <ada@example.com>"), "\(desk.text)")
    #expect(desk.text.contains("Unter den Linden 1, Hof, 10117 Berlin, Germany"), "\(desk.text)")
  }

  @Test func nameOnCardStartsAsTheCustomersNameAndKeepsWhatIsTypedThere() {
    var desk = DeskDriver()
    desk.goToPayment()
    #expect(desk.state.payment.name.text == "Ada Lovelace")
    #expect(desk.state.payment.focus == .number)
    #expect(desk.text.contains("Name on card * [Ada Lovelace"))

    // Someone else pays: what is typed over it stays, whatever the customer is called.
    desk.press(.tab, .tab, .tab, .control("u"))
    desk.type("Charles Babbage")
    desk.press(.escape)
    #expect(desk.state.screen == .details)
    desk.press(.enter, .enter, .enter, .enter)
    #expect(desk.state.screen == .payment)
    #expect(desk.state.payment.name.text == "Charles Babbage")

    // A name longer than a card can carry is left for the person at the desk to shorten.
    var long = DeskDriver()
    long.goToDetails()
    long.fillCustomer(name: "Augusta Ada King, Countess of Lovelace")
    long.answerQuote()
    long.press(.enter)
    #expect(long.state.screen == .payment)
    #expect(long.state.payment.name.isEmpty)
  }

  @Test func aDeclineClearsTheCardAndUsesANewKeyNextTime() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.enterCard(number: "4000000000000002")
    let firstKey = desk.state.idempotencyKey
    desk.press(.enter)
    desk.send(
      .submitted(
        .success(.declined(PaymentDecline(code: "card_declined", message: "Declined by the bank.")))
      ))
    #expect(desk.state.screen == .payment)
    #expect(desk.state.payment.sealed == nil)
    #expect(desk.state.payment.number.isEmpty && desk.state.payment.cvc.isEmpty)
    #expect(desk.state.payment.expiry.isEmpty)
    #expect(desk.state.payment.name.text == "Ada Lovelace", "the customer's name, offered again")
    #expect(desk.state.idempotencyKey != firstKey)
    #expect(desk.text.contains("Declined by the bank."))
    #expect(!Self.leaksCardNumber(desk.text))
  }

  @Test func aFailedSubmitGoesBackToReviewWithTheSameKey() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.enterCard()
    let key = desk.state.idempotencyKey
    desk.press(.enter)
    desk.send(.submitted(.failure(DeskFailure("The order service did not answer."))))
    #expect(desk.state.screen == .review)
    #expect(desk.state.idempotencyKey == key)
    #expect(desk.state.payment.sealed != nil, "the sealed card is kept for the retry")
  }

  /// The vault away for a moment: the review stays with everything typed and the sealed card,
  /// the same key goes again on the next Enter, and the desk says so in words.
  @Test func aVaultThatIsAwayKeepsTheReviewAndItsSealedCard() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.enterCard()
    let key = desk.state.idempotencyKey
    let sealed = desk.state.payment.sealed
    desk.press(.enter)
    _ = desk.takeEffects()
    desk.send(
      .submitted(
        .failure(
          DeskFailure(
            "The order service refused submitting the order (503 vault_unavailable).",
            kind: .paymentsPaused))))
    #expect(desk.state.screen == .review)
    #expect(desk.state.payment.sealed == sealed && sealed != nil)
    #expect(desk.state.cart.lines.count == 1, "the cart is kept")
    #expect(desk.text.contains("Payments are briefly unavailable"), "\(desk.text)")
    #expect(!desk.text.contains("vault_unavailable"), "the code is not words: \(desk.text)")
    desk.press(.enter)
    let again = desk.takeEffects().compactMap { effect -> IdempotencyKey? in
      if case .submit(let submission) = effect { return submission.idempotencyKey }
      return nil
    }
    #expect(again == [key], "the order goes again under the same key")
  }

  /// A card sealed to a retired vault key: the desk had wiped the card, so it asks for it
  /// again in words, on the payment screen, and the next submit has a new key.
  @Test func aRetiredVaultKeyAsksForTheCardAgain() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.enterCard()
    let key = desk.state.idempotencyKey
    desk.press(.enter)
    desk.send(
      .submitted(
        .failure(DeskFailure("409 vault_key_retired", kind: .cardKeyRetired))))
    #expect(desk.state.screen == .payment)
    #expect(desk.state.payment.sealed == nil)
    #expect(desk.state.payment.number.isEmpty && desk.state.payment.cvc.isEmpty)
    #expect(desk.state.payment.name.text == "Ada Lovelace")
    #expect(desk.state.idempotencyKey != key)
    #expect(desk.text.contains("type the number, expiry and CVC again"), "\(desk.text)")
    // The twin: any other failure keeps the card and the key.
    var other = DeskDriver()
    other.goToPayment()
    other.enterCard()
    other.press(.enter)
    other.send(.submitted(.failure(DeskFailure("409 vault_key_retired"))))
    #expect(other.state.screen == .review && other.state.payment.sealed != nil)
  }

  /// Too many card attempts: the desk says payments are paused and keeps everything typed.
  @Test func tooManyAttemptsAreExplainedInWords() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.enterCard()
    desk.press(.enter)
    desk.send(
      .submitted(.failure(DeskFailure("429 too_many_attempts", kind: .tooManyAttempts))))
    #expect(desk.state.screen == .review && desk.state.payment.sealed != nil)
    #expect(desk.text.contains("Too many card attempts"), "\(desk.text)")
    // The twin: the same failure without its kind shows only the service's words.
    var other = DeskDriver()
    other.goToPayment()
    other.enterCard()
    other.press(.enter)
    other.send(.submitted(.failure(DeskFailure("429 too_many_attempts"))))
    #expect(!other.text.contains("Too many card attempts"))
  }

  /// Why an order could not be sent is read whole: the status line grows to hold it, taking
  /// rows from the bottom of the screen, and gives them back when it is gone.
  @Test func aLongStatusMessageIsReadWhole() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.enterCard()
    let ruleBefore = Self.ruleRow(desk.text)
    desk.press(.enter)
    let reason =
      "The connection to the order service closed while placing the order, and again on a "
      + "new connection. If an order was being submitted, submitting it again is safe: it "
      + "will not be charged twice."
    desk.send(.submitted(.failure(DeskFailure(reason))))
    // The three rows above the key bar, the last of the screen's 24.
    let lines = desk.text.split(separator: "\n", omittingEmptySubsequences: false).prefix(24)
    let status = lines.suffix(4).dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(status.joined(separator: " ") == reason, "\(desk.text)")
    #expect(Self.ruleRow(desk.text) == ruleBefore - 2, "the rule sits above the status")
    #expect(desk.text.contains("Enter places the order"), "the review still shows its prompt")
    desk.press(.escape)
    #expect(desk.state.message == nil)
    #expect(Self.ruleRow(desk.text) == ruleBefore)
  }

  /// The row of the rule above the status line.
  static func ruleRow(_ screen: String) -> Int {
    screen.split(separator: "\n", omittingEmptySubsequences: false)
      .firstIndex { $0.hasPrefix("───") } ?? -1
  }

  @Test func theReceiptShowsEverythingAndNoCardNumber() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.enterCard()
    desk.press(.enter)
    desk.send(.submitted(.success(.accepted(DeskDriver.record()))))
    let screen = desk.text
    #expect(screen.contains("OD-7K3F9Q2M"))
    #expect(screen.contains("INKW-7Q2M-K3F9-XXXX"))
    #expect(screen.contains("Visa •••• 4242"))
    #expect(!Self.leaksCardNumber(screen))
    desk.press(.character("n"))
    #expect(desk.state.cart.isEmpty)
    #expect(desk.state.screen == .catalog)
  }

  @Test func resizingLosesNothingTyped() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type("42424242")
    desk.send(.resize(rows: 10, columns: 40))
    #expect(desk.text.contains("needs a terminal of at least"))
    #expect(desk.text.contains("60x18; this one is 40x10"))
    desk.type("9")
    desk.send(.resize(rows: 30, columns: 100))
    #expect(desk.state.payment.number.count == 8)
    #expect(desk.state.details[.name].text == "Ada Lovelace")
    #expect(desk.screen().columns == 100)
  }

  @Test func ctrlCQuitsAtOnceWithNothingTypedAndAsksOtherwise() {
    var empty = DeskDriver()
    empty.press(.control("c"))
    #expect(empty.state.hasQuit)

    var busy = DeskDriver()
    busy.press(.enter, .control("c"))
    #expect(!busy.state.hasQuit)
    #expect(busy.state.overlay == .confirmQuit)
    busy.press(.character("n"))
    #expect(busy.state.overlay == nil)
    #expect(busy.state.cart.totalQuantity == 1)
    busy.press(.control("c"), .character("y"))
    #expect(busy.state.hasQuit)
  }

  /// Receipt, a search, a new order: Ctrl-C then quits at once.
  ///
  /// A search typed into "Find my order" counts as typed until it has been looked up; a
  /// placed order never does.
  @Test func aSearchLookedUpIsNotWorkToLose() {
    var desk = DeskDriver.showingReceipt()
    desk.press(.character("f"))
    desk.type("OD-7K3F9Q2M")
    #expect(desk.state.hasUnsavedWork, "a number typed but not looked up")
    desk.press(.enter)
    desk.type("ada@example.com")
    desk.press(.enter)
    desk.send(.lookedUp(.success(DeskDriver.record())))
    #expect(!desk.state.hasUnsavedWork, "the search was made; the order is placed")
    desk.press(.escape, .character("n"))
    #expect(desk.state.screen == .catalog)
    desk.press(.control("c"))
    #expect(desk.state.hasQuit)

    var edited = DeskDriver.showingFoundOrder()
    #expect(!edited.state.hasUnsavedWork)
    edited.type("x")
    #expect(edited.state.hasUnsavedWork, "the email was changed after the search")
  }

  @Test func qQuitsFromTheCatalogAndTheReceiptButIsTypedInFields() {
    var empty = DeskDriver()
    empty.press(.character("q"))
    #expect(empty.state.hasQuit)

    var typing = DeskDriver()
    typing.goToDetails()
    typing.type("q")
    #expect(!typing.state.hasQuit)
    #expect(typing.state.details[.name].text == "q")

    var done = DeskDriver()
    done.goToPayment()
    done.enterCard()
    done.press(.enter)
    done.send(.submitted(.success(.accepted(DeskDriver.record()))))
    #expect(!done.state.hasUnsavedWork)
    done.press(.character("q"))
    #expect(done.state.hasQuit)
  }

  @Test func questionMarkIsTypedInFieldsAndOpensHelpElsewhere() {
    var desk = DeskDriver()
    desk.press(.character("?"))
    #expect(desk.state.overlay == .help)
    desk.press(.escape)
    desk.goToDetails()
    desk.type("?")
    #expect(desk.state.overlay == nil)
    #expect(desk.state.details[.name].text == "?")
    desk.press(.function(1))
    #expect(desk.state.overlay == .help)
  }

  @Test func hostileTextFromTheServiceIsDrawnNeutralised() {
    var desk = DeskDriver()
    desk.send(
      .catalogLoaded(
        .failure(DeskFailure("bad \u{1B}]0;pwned\u{07} \u{1B}[2J answer\u{9B}31m"))))
    for cell in desk.screen().cells {
      #expect(!cell.text.unicodeScalars.contains { TerminalText.isControl($0) })
    }
  }

  @Test func everySizeRendersWithoutOverflowing() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type("4242")
    for rows in [1, 2, 5, 17, 18, 24, 50] {
      for columns in [1, 10, 59, 60, 80, 200] {
        desk.send(.resize(rows: rows, columns: columns))
        let grid = desk.screen()
        #expect(grid.lines.count == rows)
        #expect(grid.lines.allSatisfy { TerminalText.displayWidth($0) == columns })
      }
    }
  }

  @Test func theLockIsAShapeAndAWordInEveryState() {
    let states: [ChannelSecurity] = [
      .secure(DeskDriver.session), .unverified(reason: "r", session: nil),
      .notEncrypted(endpoint: "http://x"), .unknown(reason: "r"), .down(reason: "r"),
    ]
    var labels: Set<String> = []
    for security in states {
      for unicode in [true, false] {
        let desk = DeskDriver(security: security)
        let label = desk.state.lockLabel(glyphs: Glyphs(unicode: unicode)).text
        #expect(label.contains { $0.isLetter })
        if !unicode { #expect(label.unicodeScalars.allSatisfy { $0.isASCII }) }
        labels.insert(label)
        let bottom = desk.screen(unicode: unicode).lines[23]
        #expect(bottom.contains(label))
      }
    }
    #expect(labels.count == 10)
  }

  @Test func withoutUTF8EveryCellIsPlainASCII() {
    var desk = DeskDriver()
    desk.press(.character("/"))
    desk.type("日本")
    #expect(desk.screen(unicode: false).lines.joined().unicodeScalars.allSatisfy { $0.isASCII })
    desk.press(.escape, .enter)
    desk.goToPayment()
    desk.enterCard()
    desk.press(.function(1))
    for grid in [desk.screen(unicode: false)] {
      #expect(grid.lines.joined().unicodeScalars.allSatisfy { $0.isASCII })
      #expect(grid.lines.allSatisfy { $0.count == 80 })
    }
  }

  /// Once placed, the cart is an order: the title says so, with what was charged, until `n`
  /// starts a new one with an empty cart.
  @Test func theTitleSaysOrderedAfterTheReceiptUntilANewOrder() {
    var desk = DeskDriver.showingReceipt()
    #expect(desk.screen().lines[0].hasSuffix("Ordered: 1 item · €58.31 "))
    desk.press(.character("f"))
    #expect(desk.screen().lines[0].contains("Ordered: 1 item"))
    desk.press(.escape, .character("n"))
    #expect(desk.state.screen == .catalog)
    #expect(desk.screen().lines[0].hasSuffix("Cart: 0 items "))
  }

  @Test(.disabled(if: Snapshot.isRecording, "snapshots are being written"))
  func noSnapshotHoldsACardNumber() throws {
    let files = try FileManager.default.contentsOfDirectory(
      at: Snapshot.directory, includingPropertiesForKeys: nil)
    #expect(!files.isEmpty)
    for file in files {
      let text = try String(contentsOf: file, encoding: .utf8)
      #expect(!Self.leaksCardNumber(text), "\(file.lastPathComponent) shows a card number")
    }
  }
}

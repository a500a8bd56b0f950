import DeskUI
import OrderCore
import OrderDeskTestSupport
import Testing

/// Keys typed while the desk waits for an answer (the catalog, a seal, the totals, a submit, a
/// search) are kept and applied in order once it comes; only the key that places the order,
/// and the one that would end its receipt, count only from someone who saw the screen.
///
/// Each check has a twin on a desk that keeps no keys (a type-ahead bound of 0), where the
/// keys are lost and the same check fails.
@Suite struct TypeAheadTests {
  /// A desk on the review, its card sealed and its totals quoted, as drawn.
  static func atReview(typeAheadLimit: Int = TypeAhead.standardLimit) -> DeskDriver {
    var desk = DeskDriver(typeAheadLimit: typeAheadLimit)
    desk.goToPayment()
    desk.enterCard()
    _ = desk.takeEffects()
    return desk
  }

  /// A desk on the payment screen with a whole card typed and Enter pressed: sealing.
  static func sealing(typeAheadLimit: Int = TypeAhead.standardLimit) -> DeskDriver {
    var desk = DeskDriver(typeAheadLimit: typeAheadLimit)
    desk.goToPayment()
    desk.type("42424242424242420429123")
    desk.press(.enter)
    return desk
  }

  static func submits(_ effects: [DeskEffect]) -> Int {
    effects.filter { if case .submit = $0 { true } else { false } }.count
  }

  // MARK: - Keys wait for the answer, then go on in order

  /// Esc, Esc typed while the card is sealed: back from the review it leads to, then back
  /// from the payment screen to the details.
  static func escapesTypedWhileSealing(typeAheadLimit: Int) -> DeskDriver {
    var desk = sealing(typeAheadLimit: typeAheadLimit)
    #expect(desk.state.payment.isSealing)
    desk.press(.escape, .escape)
    #expect(desk.state.screen == .payment, "nothing moves while the card is sealed")
    desk.answerSeal()
    desk.answerQuote()
    return desk
  }

  @Test func keysTypedWhileTheCardIsSealedGoOnOnceItIsSealed() {
    var desk = Self.sealing()
    desk.press(.escape, .escape)
    #expect(desk.state.typeAhead.count == 2)
    #expect(desk.text.contains("2 keys typed ahead, kept in order"), "\(desk.text)")
    #expect(desk.state.payment.name.text == "Ada Lovelace", "no key went into a card field")
    desk.answerSeal()
    // The review asked for its totals: the keys wait for them too.
    #expect(desk.state.screen == .review)
    #expect(desk.state.typeAhead.count == 2)
    desk.answerQuote()
    #expect(desk.state.typeAhead.isEmpty)
    #expect(desk.state.screen == .details, "\(desk.text)")
    #expect(desk.state.payment.sealed != nil, "the card stays sealed")
    #expect(!desk.text.contains("typed ahead"))
  }

  @Test func withoutTheTypeAheadKeysTypedWhileSealingAreLost() {
    let desk = Self.escapesTypedWhileSealing(typeAheadLimit: 0)
    #expect(desk.state.screen == .review, "the twin keeps no keys: both Esc are lost")
    #expect(
      desk.state.message?.text.hasPrefix("2 keys typed while the desk waited were not kept")
        == true, "a lost key is never silent: \(desk.text)")
  }

  @Test func keysTypedWhileTheTotalsAreQuotedGoOnOnceTheyAre() {
    var desk = Self.atReview()
    desk.press(.escape)
    #expect(desk.state.screen == .payment)
    desk.press(.tab)
    #expect(desk.state.screen == .review)
    guard case .loading = desk.state.quote else {
      Issue.record("the review did not ask for its totals")
      return
    }
    desk.press(.escape, .function(2))
    #expect(desk.state.screen == .review && desk.state.overlay == nil)
    #expect(desk.text.contains("Tax and total"), "\(desk.text)")
    desk.answerQuote()
    #expect(desk.state.screen == .payment)
    #expect(desk.state.overlay == .channelDetails, "F2 came after Esc, on the payment screen")

    var twin = Self.atReview(typeAheadLimit: 0)
    twin.press(.escape, .tab, .escape)
    twin.answerQuote()
    #expect(twin.state.screen == .review, "the twin lost the Esc typed while quoting")
  }

  /// `f` and an order number typed while the order is placed: the receipt it leads to opens
  /// "Find my order", and the number goes into its field.
  static func findTypedWhileSubmitting(typeAheadLimit: Int) -> DeskDriver {
    var desk = atReview(typeAheadLimit: typeAheadLimit)
    desk.press(.enter)
    #expect(desk.state.screen == .submitting)
    desk.press(.character("f"))
    desk.type("OD-7K3F9Q2M")
    desk.send(.submissionSent)
    desk.send(.submitted(.success(.accepted(DeskDriver.record()))))
    return desk
  }

  @Test func keysTypedWhileSubmittingGoOnOnceTheOrderIsPlaced() {
    let desk = Self.findTypedWhileSubmitting(typeAheadLimit: TypeAhead.standardLimit)
    #expect(desk.state.receipt != nil)
    #expect(desk.state.screen == .findOrder)
    #expect(desk.state.findOrder.number.text == "OD-7K3F9Q2M")

    let twin = Self.findTypedWhileSubmitting(typeAheadLimit: 0)
    #expect(twin.state.screen == .receipt, "the twin lost every key typed while submitting")
  }

  /// Down, 2, Enter, c typed before the catalog has arrived.
  static func orderTypedWhileTheCatalogLoads(typeAheadLimit: Int) -> DeskDriver {
    var desk = DeskDriver(loadCatalog: false, typeAheadLimit: typeAheadLimit)
    desk.press(.down, .character("2"), .enter, .character("c"))
    #expect(desk.state.cart.isEmpty)
    #expect(desk.text.contains("Loading the catalog"))
    desk.send(.catalogLoaded(.success(try! Catalog.demo)))
    return desk
  }

  @Test func keysTypedWhileTheCatalogLoadsGoOnOnceItHasArrived() {
    let desk = Self.orderTypedWhileTheCatalogLoads(typeAheadLimit: TypeAhead.standardLimit)
    #expect(desk.state.cart.lines.map(\.sku.value) == ["INKWELL-PRO"])
    #expect(desk.state.cart.totalQuantity == 2)
    #expect(desk.state.screen == .cart)

    let twin = Self.orderTypedWhileTheCatalogLoads(typeAheadLimit: 0)
    #expect(twin.state.cart.isEmpty, "the twin lost the keys typed while the catalog loaded")
  }

  @Test func keysTypedWhileASearchIsOnItsWayGoOnOnceItIsAnswered() {
    for limit in [TypeAhead.standardLimit, 0] {
      var desk = DeskDriver(typeAheadLimit: limit)
      desk.press(.function(3))
      desk.type("OD-7K3F9Q2M")
      desk.press(.enter)
      desk.type("ada@example.com")
      desk.press(.enter)
      #expect(desk.state.findOrder.isSearching)
      desk.press(.pageDown)
      desk.send(.lookedUp(.success(DeskDriver.record())))
      if limit > 0 {
        #expect(desk.state.findOrder.scroll > 0, "PgDn scrolls the order it found")
      } else {
        #expect(desk.state.findOrder.scroll == 0, "the twin lost PgDn")
      }
    }
  }

  // MARK: - The bound

  @Test func theTypeAheadKeepsAtMost4096KeysAndSaysSoWhenMoreAreTyped() async {
    var desk = DeskDriver(loadCatalog: false)
    for count in 0..<TypeAhead.standardLimit {
      desk.press(.down)
      // The runtime's tests, running beside this one, need the thread now and then.
      if count % 256 == 0 { await Task.yield() }
    }
    #expect(desk.state.typeAhead.count == 4_096)
    #expect(desk.state.message == nil, "the twin: 4,096 keys fit, and nothing is said")
    #expect(desk.text.contains("4,096 keys typed ahead, kept in order"), "\(desk.text)")

    desk.press(.up)
    #expect(desk.state.typeAhead.count == 4_096)
    #expect(desk.state.message?.kind == .error)
    #expect(
      desk.state.message?.text
        == "Typed too far ahead: the desk keeps 4,096 keys while it waits, and 1 more was not kept."
    )
    #expect(desk.text.contains("Typed too far ahead"), "\(desk.text)")

    desk.send(.catalogLoaded(.success(try! Catalog.demo)))
    #expect(desk.state.typeAhead.isEmpty)
    #expect(desk.state.catalogView.selection == desk.state.visibleItems.count - 1)
    #expect(
      desk.state.message?.text
        == "1 key typed while the desk waited was not kept: it keeps 4,096 at most. Check the "
        + "screen before going on.")
  }

  // MARK: - The review's Enter

  @Test func anEnterTypedAheadDoesNotPlaceTheOrder() {
    var desk = Self.sealing()
    desk.press(.enter)
    desk.answerSeal()
    desk.answerQuote()
    #expect(desk.state.screen == .review)
    #expect(Self.submits(desk.takeEffects()) == 0, "the Enter typed ahead placed the order")
    #expect(
      desk.state.message?.text.hasPrefix("Not placed: that Enter was typed before the review")
        == true, "\(desk.text)")

    // The twin: Enter pressed once the review is on the screen places the order.
    desk.press(.enter)
    #expect(Self.submits(desk.takeEffects()) == 1)
    #expect(desk.state.screen == .submitting)
  }

  @Test func anEnterReadWithTheAnswerThatBringsTheReviewBackDoesNotPlaceTheOrder() {
    var desk = Self.atReview()
    desk.press(.enter)
    _ = desk.takeEffects()
    // The service fails, and the Enter pressed meanwhile is read in the same burst as the
    // answer: no frame of the review came between them.
    desk.post(.submitted(.failure(DeskFailure("The order service did not answer."))))
    desk.pressTogether([.enter])
    #expect(desk.state.screen == .review)
    #expect(Self.submits(desk.takeEffects()) == 0)

    desk.press(.enter)
    #expect(Self.submits(desk.takeEffects()) == 1, "the twin: an Enter after the frame")
  }

  @Test func anEnterInTheBurstThatBringsUpTheReviewDoesNotPlaceTheOrder() {
    var desk = Self.atReview()
    desk.press(.escape)
    _ = desk.takeEffects()
    // Tab brings the review back and asks for its totals; the service answers before the
    // burst's Enter is applied, and still no frame of the review came between them.
    desk.pressTogether([.tab])
    let quote = desk.takeEffects()
    desk.post(Self.answer(quote))
    desk.pressTogether([.enter])
    #expect(desk.state.screen == .review)
    #expect(Self.submits(desk.takeEffects()) == 0)
  }

  @Test func onlyAFrameOfTheWholeReviewCounts() {
    var desk = Self.sealing()
    desk.answerSeal()
    // Drawn while its totals are still quoted: not the review the customer agrees to.
    #expect(!desk.state.screenHasBeenDrawn)
    desk.answerQuote()
    #expect(desk.state.screenHasBeenDrawn)

    // Under the help window, or too small to be read, the review is not seen.
    var covered = Self.sealing()
    covered.answerSeal()
    covered.answerQuote()
    covered.press(.escape, .tab)
    covered.press(.function(1))
    covered.answerQuote()
    #expect(!covered.state.screenHasBeenDrawn)
    covered.press(.escape)
    #expect(covered.state.screenHasBeenDrawn)

    var small = Self.sealing()
    small.send(.resize(rows: 10, columns: 40))
    small.answerSeal()
    small.answerQuote()
    #expect(!small.state.screenHasBeenDrawn)
    small.send(.resize(rows: 24, columns: 80))
    #expect(small.state.screenHasBeenDrawn)

    // A frame of another screen says nothing about the review; one of the review does.
    var late = Self.sealing()
    late.answerSeal()
    var state = late.state
    _ = state.update(Self.answer(late.effects))
    #expect(state.screen == .review && !state.screenHasBeenDrawn)
    _ = state.update(.frameDrawn(.catalog))
    #expect(!state.screenHasBeenDrawn)
    _ = state.update(.frameDrawn(.review))
    #expect(state.screenHasBeenDrawn)
  }

  // MARK: - The receipt

  @Test func enterPressedAgainWhileSubmittingLeavesTheReceiptAlone() {
    var desk = Self.atReview()
    desk.press(.enter, .enter, .enter)
    #expect(Self.submits(desk.takeEffects()) == 1)
    desk.send(.submitted(.success(.accepted(DeskDriver.record()))))
    #expect(desk.state.screen == .receipt)
    #expect(desk.state.receipt != nil)
    #expect(desk.state.cart.totalQuantity == 1, "no product was added to a next order")
    #expect(desk.text.contains("The receipt stays"), "\(desk.text)")

    // The twin: n on the receipt as drawn starts the next order.
    desk.press(.character("n"))
    #expect(desk.state.screen == .catalog && desk.state.cart.isEmpty)
  }

  // MARK: - Quitting is as it was

  @Test func ctrlCIsNeverKeptWaiting() {
    var empty = DeskDriver(loadCatalog: false)
    empty.press(.enter, .character("c"), .control("c"))
    #expect(empty.state.hasQuit, "nothing in the cart: Ctrl-C quits at once")

    var busy = Self.atReview()
    busy.press(.enter)
    busy.type("fx")
    busy.press(.control("c"))
    #expect(busy.state.overlay == .confirmQuit)
    busy.send(.submitted(.success(.accepted(DeskDriver.record()))))
    #expect(busy.state.typeAhead.count == 2, "keys wait while Quit? is asked")
    #expect(busy.state.overlay == .confirmQuit)
    busy.press(.character("n"))
    #expect(busy.state.overlay == nil)
    #expect(busy.state.screen == .findOrder)
    #expect(busy.state.findOrder.number.text == "x")

    var quitting = Self.atReview()
    quitting.press(.enter)
    quitting.type("fx")
    quitting.press(.control("c"), .character("y"))
    #expect(quitting.state.hasQuit)
    #expect(quitting.state.typeAhead.isEmpty)
  }

  @Test func theTypeAheadPrintsNoKey() {
    var desk = DeskDriver(loadCatalog: false)
    desk.type("4242424242424242")
    let printed = [
      "\(desk.state.typeAhead)", String(reflecting: desk.state.typeAhead),
      "\(Mirror(reflecting: desk.state.typeAhead).children.map(\.value))",
    ]
    let whole = ["\(desk.state)", String(reflecting: desk.state)]
    for text in whole { #expect(!text.contains("4242"), "the desk printed a key typed ahead") }
    for text in printed {
      #expect(!text.contains("4242"), "\(text)")
      #expect(text.contains("16"), "\(text)")
    }
  }

  /// The service's answer to the quote asked for among `effects`.
  static func answer(_ effects: [DeskEffect]) -> DeskEvent {
    for case .requestQuote(let request, let generation) in effects.reversed() {
      var cart = Cart()
      for line in request.lines { try! cart.add(line.sku, quantity: line.quantity) }
      let quote = try! Pricing.quote(
        cart: cart, catalog: try! Catalog.demo, currency: request.currency,
        country: request.country)
      return .quoted(generation: generation, .success(quote))
    }
    Issue.record("no quote was asked for")
    return .probed(serviceAnswered: true)
  }
}

extension TypeAheadTests {
  /// F1 and F2 open their windows at once while the desk waits, and the window takes its keys;
  /// once it is closed, keys wait again.
  @Test func helpAndTheLockOpenAtOnceWhileTheDeskWaits() {
    var desk = Self.sealing()
    desk.press(.function(1))
    #expect(desk.state.overlay == .help)
    desk.press(.pageDown, .escape)
    #expect(desk.state.overlay == nil && desk.state.typeAhead.isEmpty)
    desk.press(.function(2))
    #expect(desk.state.overlay == .channelDetails)
    #expect(desk.takeEffects().contains { if case .probeChannel = $0 { true } else { false } })
    desk.press(.escape, .escape)
    #expect(desk.state.overlay == nil)
    #expect(desk.state.typeAhead.count == 1, "the second Esc waits for the seal")
    desk.answerSeal()
    desk.answerQuote()
    #expect(desk.state.screen == .payment)
  }
}

import DeskRuntime
import DeskTheme
import DeskUI
import Foundation
import OrderCore
import OrderDeskTestSupport

/// Drives the runtime's own ``DeskSession`` (its inbox, its loop step, its frames) with fake
/// ports: a headless terminal, and the test as the effect port, which keeps the effects asked
/// for so that the test can answer them through the inbox.
///
/// Each key is read on its own and followed by a frame, which the session reports to the desk
/// as the runtime does (``DeskEvent/frameDrawn(_:)``); ``pressTogether(_:)`` reads keys as one
/// burst, with no frame between them.
struct DeskDriver {
  /// The effects handed to the port and not yet taken.
  private final class EffectLog {
    var effects: [DeskEffect] = []
  }

  private let session: DeskSession<HeadlessTerminal>
  private let log = EffectLog()

  /// The effects asked for and not yet taken.
  var effects: [DeskEffect] { log.effects }

  /// The desk as the session has it now.
  var state: DeskState { session.state }

  static let month = YearMonth(year: 2026, month: 11)!
  static let session = DeskFixtures.session

  init(
    rows: Int = 24, columns: Int = 80,
    security: ChannelSecurity = .secure(DeskDriver.session), loadCatalog: Bool = true,
    typeAheadLimit: Int = TypeAhead.standardLimit, mode: DeskState.Mode = .customer
  ) {
    let log = log
    session = DeskSession(
      state: DeskState(
        rows: rows, columns: columns, currency: .eur, currentMonth: Self.month,
        idempotencySeed: IdempotencyKey("test-seed")!, typeAheadLimit: typeAheadLimit,
        mode: mode),
      glyphs: Glyphs(unicode: true), terminal: HeadlessTerminal(rows: rows, columns: columns),
      inbox: DeskInbox()
    ) { log.effects += $0 }
    send(.securityChanged(security))
    if loadCatalog { send(.catalogLoaded(.success(try! Catalog.demo))) }
    log.effects = []
  }

  /// Gives the desk `event`: a key or a resize as the terminal reads it, anything else posted
  /// to the inbox, as an effect's task or the channel's stream does.
  mutating func send(_ event: DeskEvent) {
    switch event {
    case .key(let key): _ = session.take(.key(key))
    case .resize(let rows, let columns): _ = session.take(.resize(rows: rows, columns: columns))
    default:
      session.inbox.post(event)
      _ = session.take(.none)
    }
  }

  /// Leaves `event` in the inbox, as an effect's task does, for the next read to take.
  func post(_ event: DeskEvent) {
    session.inbox.post(event)
  }

  /// The effects the desk starts with, as the runtime asks for them.
  mutating func start() -> [DeskEffect] {
    session.start()
    return takeEffects()
  }

  /// Sends `event` and returns the effects it asked for (and any not yet taken).
  mutating func answer(_ event: DeskEvent) -> [DeskEffect] {
    send(event)
    return takeEffects()
  }

  mutating func press(_ keys: Key...) {
    for key in keys { send(.key(key)) }
  }

  mutating func type(_ text: String) {
    for character in text { send(.key(.character(character))) }
  }

  /// Reads `keys` as one burst, as the runtime reads keys that arrive together: applied in
  /// order with the answers that have arrived, then one frame.
  mutating func pressTogether(_ keys: [Key]) {
    _ = session.take(keys.map { .key($0) })
  }

  /// Answers every request to record a card number's read-back as written.
  mutating func recordReveals() {
    for effect in takeEffects() {
      guard case .recordCardReadBack(_, let generation) = effect else {
        log.effects.append(effect)
        continue
      }
      send(.cardReadBackRecorded(generation: generation, .success(())))
    }
  }

  /// Takes the effects asked for so far.
  mutating func takeEffects() -> [DeskEffect] {
    defer { log.effects = [] }
    return log.effects
  }

  /// The desk as it looks now: the frame the session drew last, or, in ASCII or once the
  /// desk has quit (when nothing more is drawn), the state rendered afresh.
  func screen(unicode: Bool = true) -> Grid {
    if unicode, !state.hasQuit, let frame = session.terminal.lastFrame { return frame }
    return state.render(glyphs: Glyphs(unicode: unicode))
  }

  var text: String { screen().snapshot }

  /// The generation of the last quote asked for.
  var lastQuote: (QuoteRequest, Int)? {
    for effect in effects.reversed() {
      if case .requestQuote(let request, let generation) = effect { return (request, generation) }
    }
    return nil
  }

  /// Answers the last quote request the way the service would.
  mutating func answerQuote() {
    guard let (request, generation) = lastQuote else { return }
    var cart = Cart()
    for line in request.lines { try! cart.add(line.sku, quantity: line.quantity) }
    let quote = try! Pricing.quote(
      cart: cart, catalog: try! Catalog.demo, currency: request.currency,
      country: request.country)
    send(.quoted(generation: generation, .success(quote)))
  }

  /// Adds the first product and goes to the details screen.
  mutating func goToDetails() {
    press(.enter, .character("c"))
    answerQuote()
    press(.enter)
  }

  /// Adds the first boxed product and goes to the details screen, which then asks for a
  /// shipping address.
  mutating func goToShippingDetails() {
    press(.character("/"))
    type("boxed")
    press(.enter, .enter, .character("c"))
    answerQuote()
    press(.enter)
  }

  /// Fills the details of a download-only order and goes to payment.
  mutating func goToPayment() {
    goToDetails()
    fillCustomer()
    answerQuote()
    press(.enter)
  }

  /// Types the customer's name, email and country (Germany, chosen from the list) into
  /// the details form, from its first field.
  mutating func fillCustomer(name: String = "Ada Lovelace") {
    type(name)
    press(.tab)
    type("ada@example.com")
    press(.tab, .tab)
    type("Germ")
    press(.enter)
  }

  /// The seal effect asked for, if any, with its generation.
  var sealRequest: (CardEntry, Int)? {
    for effect in effects.reversed() {
      if case .sealCard(let card, _, let generation) = effect { return (card, generation) }
    }
    return nil
  }

  /// Types a complete card, with the name on it when the desk has not filled it in, and
  /// answers the seal as the channel would, and the review's totals as the service would.
  mutating func enterCard(number: String = "4242424242424242") {
    type(number)
    type("0429")
    type("123")
    if state.payment.name.isEmpty { type("Ada Lovelace") }
    press(.enter)
    answerSeal()
    answerQuote()
  }

  /// Answers the last seal asked for with a sealed card.
  mutating func answerSeal() {
    guard let (card, generation) = sealRequest else { return }
    card.wipe()
    send(
      .cardSealed(
        generation: generation, .success(SealedCard(keyId: "vault-1", sealed: "c2VhbGVk"))))
  }

  /// A desk, `rows` rows high, showing the receipt of ``record(number:)``.
  static func showingReceipt(rows: Int = 24) -> DeskDriver {
    var desk = DeskDriver(rows: rows)
    desk.goToPayment()
    desk.enterCard()
    desk.answerQuote()
    desk.press(.enter)
    desk.send(.submitted(.success(.accepted(record()))))
    return desk
  }

  /// A desk showing ``record(number:)`` as "Find my order" found it.
  static func showingFoundOrder() -> DeskDriver {
    var desk = DeskDriver()
    desk.press(.character("f"))
    desk.type("OD-7K3F9Q2M")
    desk.press(.enter)
    desk.type("ada@example.com")
    desk.press(.enter)
    desk.send(.lookedUp(.success(record())))
    return desk
  }

  static func record(number: String = "OD-7K3F9Q2M") -> OrderRecord {
    DeskFixtures.record(number: number)
  }
}

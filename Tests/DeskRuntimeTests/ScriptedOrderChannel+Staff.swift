import DeskUI
import Foundation
import OrderCore
import OrderDeskTestSupport

/// What the order service in memory keeps for the staff desk.
struct StaffBook {
  /// The session the channel signed in with.
  struct Session {
    let member: StaffMember
    var locked: Bool
  }

  /// An order as kept, with all its page shows.
  struct Stored {
    var record: OrderRecord
    var customer: Customer
    var refunded: Money
    var enteredBy: String?
    var note: String
    var timeline: [TimelineEntry]

    var page: OrderPage {
      OrderPage(
        order: record, customer: customer, refunded: refunded, enteredBy: enteredBy, note: note,
        timeline: timeline)
    }
  }

  /// Failed sign-ins in a row after which an account is locked.
  static let attemptsAllowed = 5

  var session: Session?
  var failures: [String: Int] = [:]
  var orders: [Stored] = StaffBook.earlierOrders()
  /// Refunds by key, with what was asked, to answer a retry.
  var refunds:
    [IdempotencyKey: (number: OrderNumber, refund: StaffRefund, receipt: RefundReceipt)] =
      [:]
  var locks = 0
  var unlocks = 0
  var revealsRecorded = 0
  private var placed = 0

  /// Numbers for the orders placed here; the first is the stored receipt's.
  static let numbers = ["OD-7K3F9Q2M", "OD-8P2X4V6B", "OD-9Q3Z5W7C", "OD-2A4S6D8F"]

  /// Orders placed before the tests: Ada's, to repeat, and Grace's.
  static func earlierOrders() -> [Stored] {
    func stored(
      _ number: String, _ customer: Customer, _ lines: [(String, Int)], at: Int64
    )
      -> Stored
    {
      var cart = Cart()
      for (sku, quantity) in lines { try! cart.add(SKU(sku)!, quantity: quantity) }
      var record = DeskFixtures.record(number: number)
      record.quote = try! Pricing.quote(
        cart: cart, catalog: try! Catalog.demo, currency: .eur, country: customer.address.country)
      record.fulfilments = []
      record.createdAt = at
      return Stored(
        record: record, customer: customer,
        refunded: Money(minorUnits: 0, currency: .eur), enteredBy: nil, note: "",
        timeline: [
          TimelineEntry(
            at: at, who: "desk:terminal", what: "order accepted", origin: "127.0.0.1",
            amount: record.quote.total, detail: "")
        ])
    }
    return [
      stored(
        "OD-3H5J7K9L", StaffFixtures.ada, [("LUMEN-PHOTO", 2), ("INKWELL-STD", 1)],
        at: 1_763_500_000),
      stored("OD-5T6Y7U8I", StaffFixtures.grace, [("TYPECASE-SERIF", 1)], at: 1_763_000_000),
    ]
  }

  /// Keeps a submitted order and returns it as the service would.
  mutating func accept(_ submission: OrderSubmission) throws -> OrderRecord {
    let number = Self.numbers[placed % Self.numbers.count]
    placed += 1
    var cart = Cart()
    for line in submission.lines { try cart.add(line.sku, quantity: line.quantity) }
    let catalog = try Catalog.demo
    var record = DeskFixtures.record(number: number)
    record.source = submission.source
    record.quote = try Pricing.quote(
      cart: cart, catalog: catalog, currency: submission.currency,
      country: submission.customer.address.country)
    record.fulfilments = submission.lines.compactMap { line in
      guard catalog.item(for: line.sku)?.kind == .download else { return nil }
      return Fulfilment(
        sku: line.sku, licenceKey: "\(line.sku.value.prefix(4))-7Q2M-K3F9-XXXX",
        downloadURL:
          "https://127.0.0.1:8443/v1/downloads/\(line.sku.value)?order=\(number)"
          + "&expires=1764547200&sig=Zm9vYmFy",
        downloadExpiresAt: 1_764_547_200)
    }
    let enteredBy = submission.source == .terminal ? nil : session?.member.name
    orders.append(
      Stored(
        record: record, customer: submission.customer,
        refunded: Money(minorUnits: 0, currency: submission.currency), enteredBy: enteredBy,
        note: submission.note,
        timeline: [
          TimelineEntry(
            at: record.createdAt, who: enteredBy.map { "staff:\($0)" } ?? "desk:terminal",
            what: "order accepted", origin: "127.0.0.1", amount: record.quote.total,
            detail: submission.source == .terminal ? "" : submission.source.displayName)
        ]))
    return record
  }

  /// The member of the session, if it may be used now.
  func member() throws -> StaffMember {
    guard let session else { throw StaffRefusal.sessionEnded("Nobody is signed in.") }
    guard !session.locked else { throw StaffRefusal.sessionEnded("The session is locked.") }
    return session.member
  }
}

extension ScriptedOrderChannel: StaffChannel {
  func signIn(_ credentials: StaffCredentials) async throws -> StaffMember {
    try await call("signIn")
    let name = credentials.name
    if book.failures[name, default: 0] >= StaffBook.attemptsAllowed {
      throw StaffRefusal.accountLocked(
        "This account is locked after \(StaffBook.attemptsAllowed) failed sign-ins, until "
          + "10:42 UTC.")
    }
    guard
      let account = StaffFixtures.accounts.first(where: {
        $0.member.name == name && $0.passphrase == credentials.passphrase
          && $0.code == credentials.code
      })
    else {
      book.failures[name, default: 0] += 1
      throw StaffRefusal.signInFailed("The name, passphrase or code is wrong.")
    }
    book.failures[name] = 0
    book.session = StaffBook.Session(member: account.member, locked: false)
    return account.member
  }

  func signOut() async {
    calls.append("signOut")
    book.session = nil
  }

  func lockSession() async throws {
    try await call("lockSession")
    guard book.session != nil else { throw StaffRefusal.sessionEnded("Nobody is signed in.") }
    book.session?.locked = true
    book.locks += 1
  }

  func unlockSession(_ credentials: StaffCredentials) async throws -> StaffMember {
    try await call("unlockSession")
    guard let session = book.session else {
      throw StaffRefusal.sessionEnded("Nobody is signed in.")
    }
    let account = StaffFixtures.accounts.first { $0.member == session.member }
    guard credentials.name == session.member.name, account?.passphrase == credentials.passphrase,
      account?.code == credentials.code
    else {
      throw StaffRefusal.signInFailed("The passphrase or code is wrong.")
    }
    book.session?.locked = false
    book.unlocks += 1
    return session.member
  }

  func searchOrders(_ search: OrderSearch) async throws -> [StaffOrderView] {
    try await call("searchOrders")
    _ = try book.member()
    let text = search.text.lowercased()
    return book.orders.filter { stored in
      let day = TextLayoutDay.string(stored.record.createdAt)
      if let from = search.from, day < from { return false }
      if let to = search.to, day > to { return false }
      guard !text.isEmpty else { return true }
      return stored.record.number.rawValue.lowercased() == text
        || stored.customer.email.lowercased() == text
        || stored.customer.name.lowercased().contains(text)
        || stored.record.card.lastFour == text
    }
    .sorted { $0.record.createdAt > $1.record.createdAt }
    .prefix(search.limit)
    .map { StaffOrderView(order: $0.record, customer: $0.customer, refunded: $0.refunded) }
  }

  func orderPage(_ number: OrderNumber) async throws -> OrderPage? {
    try await call("orderPage")
    _ = try book.member()
    return book.orders.first { $0.record.number == number }?.page
  }

  func findCustomers(_ text: String) async throws -> [CustomerMatch] {
    try await call("findCustomers")
    _ = try book.member()
    let wanted = text.lowercased()
    let digits = text.filter(\.isNumber)
    var byEmail: [String: [StaffBook.Stored]] = [:]
    for stored in book.orders {
      let customer = stored.customer
      let matches =
        customer.name.lowercased().contains(wanted) || customer.email.lowercased().contains(wanted)
        || (digits.count >= 3 && customer.phone.filter(\.isNumber).contains(digits))
      if matches { byEmail[customer.email.lowercased(), default: []].append(stored) }
    }
    return byEmail.values.compactMap { orders -> CustomerMatch? in
      guard let last = orders.max(by: { $0.record.createdAt < $1.record.createdAt }) else {
        return nil
      }
      return CustomerMatch(
        customer: last.customer, orderCount: orders.count, lastOrder: last.record.number,
        lastOrderAt: last.record.createdAt,
        lastLines: last.record.quote.lines.map { CartLine(sku: $0.sku, quantity: $0.quantity) })
    }
    .sorted { $0.lastOrderAt > $1.lastOrderAt }
  }

  func refund(
    _ number: OrderNumber, _ refund: StaffRefund, idempotencyKey: IdempotencyKey
  ) async throws -> RefundReceipt {
    try await call("refund")
    let member = try book.member()
    guard member.role.mayRefund else { throw StaffRefusal.notAllowed("Refunds need a supervisor.") }
    if let earlier = book.refunds[idempotencyKey] {
      guard earlier.number == number, earlier.refund == refund else {
        throw StaffRefusal.refused("This key was used for another refund.")
      }
      return earlier.receipt
    }
    guard let index = book.orders.firstIndex(where: { $0.record.number == number }) else {
      throw StaffRefusal.refused("There is no order \(number).")
    }
    var stored = book.orders[index]
    let quote = stored.record.quote
    let left = quote.total.minorUnits - stored.refunded.minorUnits
    var amount = refund.amount?.minorUnits ?? left
    if let lines = refund.lines {
      amount = 0
      for line in lines {
        guard let quoted = quote.lines.first(where: { $0.sku == line.sku }),
          line.quantity <= quoted.quantity
        else { throw StaffRefusal.refused("The order has no such line to refund.") }
        let part =
          (quoted.lineTotal.minorUnits * Int64(line.quantity) * 2 + Int64(quoted.quantity))
          / (Int64(quoted.quantity) * 2)
        let tax =
          (quote.tax.minorUnits * part * 2 + quote.subtotal.minorUnits)
          / (quote.subtotal.minorUnits * 2)
        amount += part + tax
      }
    }
    guard amount > 0 else { throw StaffRefusal.refused("A refund must be more than zero.") }
    guard amount <= left else {
      throw StaffRefusal.refused(
        "At most \(Money(minorUnits: left, currency: quote.total.currency).formatted(.code)) "
          + "of this order can still be refunded.")
    }
    guard refund.reason != .other || !refund.note.isEmpty else {
      throw StaffRefusal.refused("A refund for another reason needs a note.")
    }
    guard !CardNumberScanner.containsCardNumber(refund.note) else {
      throw StaffRefusal.refused("The note holds what looks like a card number.")
    }
    let money = Money(minorUnits: amount, currency: quote.total.currency)
    stored.refunded = Money(
      minorUnits: stored.refunded.minorUnits + amount, currency: quote.total.currency)
    stored.record.payment = stored.refunded == quote.total ? .refunded : .partiallyRefunded
    stored.timeline.append(
      TimelineEntry(
        at: stored.record.createdAt + 86_400, who: "staff:\(member.name)",
        what: "payment refunded", origin: "127.0.0.1", amount: money,
        detail: refund.note.isEmpty
          ? refund.reason.rawValue : "\(refund.reason.rawValue): \(refund.note)"))
    book.orders[index] = stored
    let receipt = RefundReceipt(
      id: "re_\(book.refunds.count + 1)", amount: money, reason: refund.reason, note: refund.note,
      order: stored.record)
    book.refunds[idempotencyKey] = (number, refund, receipt)
    return receipt
  }

  func recordCardRevealed() async throws {
    try await call("recordCardRevealed")
    _ = try book.member()
    book.revealsRecorded += 1
  }
}

/// Days as the search compares them.
enum TextLayoutDay {
  /// `YYYY-MM-DD` (UTC) of seconds since 1970.
  static func string(_ seconds: Int64) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents(
      [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
  }
}

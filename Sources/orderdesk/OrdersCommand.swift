import ArgumentParser
import Foundation
import OrderClient
import OrderCore

/// `orderdesk orders`: what the staff desk does, from a shell, with the session `orderdesk
/// login` opened: the same accounts, roles and audit trail.
struct OrdersCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "orders",
    abstract: "Search, show and refund orders as the member of staff signed in.",
    discussion: "Sign in first with 'orderdesk login'. --json prints the service's own shapes.",
    subcommands: [Search.self, Show.self, Refund.self])

  struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Find orders by number, email, name, last four or day; newest first.")

    @Argument(help: "An order number, an email, a name or part of it, four digits, or YYYY-MM-DD.")
    var text: String = ""

    @Option(help: "The first day (YYYY-MM-DD, UTC) of orders to find.")
    var from: String?

    @Option(help: "The last day (YYYY-MM-DD, UTC) of orders to find.")
    var to: String?

    @Option(help: "At most this many orders, 1 to 200.")
    var limit: Int = 50

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
      let found = try await StaffCall.run { channel in
        try await channel.searchOrders(OrderSearch(text: text, from: from, to: to, limit: limit))
      }
      if json { return try StaffCall.printJSON(["orders": found]) }
      guard !found.isEmpty else { return print("No orders found.") }
      print(OrdersText.table(found))
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show an order's page: lines, totals, customer, payment and its timeline.")

    @Argument(help: "The order's number.")
    var number: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
      let number = try StaffCall.orderNumber(number)
      let page = try await StaffCall.run { channel in try await channel.orderPage(number) }
      guard let page else { throw AdministrationError("There is no order \(number).") }
      if json { return try StaffCall.printJSON(["page": page]) }
      print(OrdersText.page(page))
    }
  }

  struct Refund: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Refund an order, all that is left, an amount or lines (supervisors).",
      discussion: """
        Without --amount or --line, everything not yet refunded is refunded. A refund is made \
        once per --key: if the answer is lost, run the same command with the key it printed.
        """)

    @Argument(help: "The order's number.")
    var number: String

    @Option(help: "How much, in the order's currency, such as 12.50.")
    var amount: String?

    @Option(
      name: .customLong("line"), help: "A line to refund, as SKU or SKU:QUANTITY; repeat for more.")
    var lines: [String] = []

    @Option(help: "Why: duplicate, requested_by_customer, fraudulent or other.")
    var reason: String

    @Option(help: "Words for the audit trail; needed with --reason other.")
    var note: String = ""

    @Option(help: "The refund's idempotency key; a new one when not given.")
    var key: String?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
      guard RefundReason(rawValue: reason) != nil else {
        throw ValidationError(
          "--reason must be one of: "
            + RefundReason.allCases.map(\.rawValue).joined(separator: ", ") + ".")
      }
      if amount != nil && !lines.isEmpty {
        throw ValidationError("Give --amount or --line, not both.")
      }
      for line in lines { _ = try Self.line(line) }
      if let key, IdempotencyKey(key) == nil {
        throw ValidationError("--key must be 1 to 255 visible ASCII characters.")
      }
    }

    static func line(_ text: String) throws -> RefundLine {
      let parts = text.split(separator: ":", omittingEmptySubsequences: false)
      guard (1...2).contains(parts.count), let sku = SKU(String(parts[0])) else {
        throw ValidationError("--line \(text) is not SKU or SKU:QUANTITY.")
      }
      let quantity = parts.count == 2 ? Int(parts[1]) : 1
      guard let quantity, (1...99).contains(quantity) else {
        throw ValidationError("--line \(text): the quantity must be 1 to 99.")
      }
      return RefundLine(sku: sku, quantity: quantity)
    }

    func run() async throws {
      let number = try StaffCall.orderNumber(number)
      let reason = RefundReason(rawValue: reason) ?? .other
      var random = SystemRandomNumberGenerator()
      let key = key.flatMap(IdempotencyKey.init) ?? IdempotencyKey.random(using: &random)
      let receipt = try await StaffCall.run { channel in
        var refund = StaffRefund(reason: reason, note: note)
        if !lines.isEmpty {
          refund.lines = try lines.map(Self.line)
        } else if let amount {
          guard let page = try await channel.orderPage(number) else {
            throw AdministrationError("There is no order \(number).")
          }
          refund.amount = try StaffCall.money(amount, in: page.order.quote.currency)
        }
        FileHandle.standardError.write(Data("Refund key: \(key.rawValue)\n".utf8))
        return try await channel.refund(number, refund, idempotencyKey: key)
      }
      if json { return try StaffCall.printJSON(["refund": receipt]) }
      print(
        "Refunded \(receipt.amount.formatted(.code)) of \(number) "
          + "(\(receipt.reason.displayName)); payment now \(receipt.order.payment.rawValue).")
    }
  }
}

/// What every `orderdesk orders` command does around its call: open the session's channel,
/// turn refusals into plain words, close.
enum StaffCall {
  static func run<T: Sendable>(
    _ body: @Sendable (HTTPSOrderChannel) async throws -> T
  ) async throws -> T {
    let session = try StaffSessionFile.read()
    let channel = try await session.channel()
    do {
      let result = try await body(channel)
      await channel.close()
      return result
    } catch let refusal as StaffRefusal {
      await channel.close()
      if case .sessionEnded = refusal {
        throw AdministrationError("\(refusal) Run 'orderdesk login' again.")
      }
      throw AdministrationError(refusal.description)
    } catch {
      await channel.close()
      throw error
    }
  }

  static func orderNumber(_ text: String) throws -> OrderNumber {
    guard let number = OrderNumber(text) else {
      throw ValidationError("\(text) is not an order number (4 to 32 of A-Z, 0-9 and -).")
    }
    return number
  }

  /// `12.50` in `currency`: digits, at most the currency's minor digits after the point.
  static func money(_ text: String, in currency: Currency) throws -> Money {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    let digits = currency.minorUnitDigits
    guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 12,
      parts.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
      parts.count == 1 || (1...max(1, digits)).contains(parts[1].count) && digits > 0,
      let major = Int64(parts[0])
    else {
      throw ValidationError(
        "--amount \(text) is not an amount in \(currency.code), such as "
          + (digits > 0 ? "12." + String(repeating: "5", count: digits) : "1250") + ".")
    }
    var minor: Int64 = 0
    if parts.count == 2 {
      let fraction = String(parts[1]) + String(repeating: "0", count: digits - parts[1].count)
      minor = Int64(fraction) ?? 0
    }
    return Money(minorUnits: major * currency.minorUnitsPerMajor + minor, currency: currency)
  }

  static func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
  }
}

/// Orders as a shell shows them.
enum OrdersText {
  static func table(_ orders: [StaffOrderView]) -> String {
    let rows = orders.map { view -> [String] in
      [
        view.order.number.rawValue, day(view.order.createdAt), view.customer.name,
        view.customer.email, view.order.quote.total.formatted(.code),
        view.order.payment.rawValue, view.order.source.rawValue,
      ]
    }
    let header = ["NUMBER", "DATE", "CUSTOMER", "EMAIL", "TOTAL", "PAYMENT", "SOURCE"]
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    return all.map { row in
      row.enumerated().map { column, text in
        column == row.count - 1
          ? text : text.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
      }.joined()
    }.joined(separator: "\n")
  }

  static func page(_ page: OrderPage) -> String {
    let order = page.order
    var lines = [
      "Order \(order.number)  \(day(order.createdAt))  \(order.source.displayName)",
      "Status \(order.status.rawValue), payment \(order.payment.rawValue)"
        + (page.refunded.minorUnits > 0 ? ", refunded \(page.refunded.formatted(.code))" : ""),
      "Customer \(page.customer.name) <\(page.customer.email)>"
        + (page.customer.phone.isEmpty ? "" : " \(page.customer.phone)"),
      "Card \(order.card.brand.displayName) •••• \(order.card.lastFour), expires "
        + "\(order.card.expiry.month)/\(order.card.expiry.year)",
    ]
    if let enteredBy = page.enteredBy { lines.append("Entered by \(enteredBy)") }
    if !page.note.isEmpty { lines.append("Note: \(page.note)") }
    lines.append("")
    for line in order.quote.lines {
      lines.append(
        "  \(line.quantity) × \(line.name) (\(line.sku))  \(line.lineTotal.formatted(.code))")
    }
    lines.append(
      "  Tax \(order.quote.tax.formatted(.code)), shipping "
        + "\(order.quote.shipping.formatted(.code)), total \(order.quote.total.formatted(.code))")
    lines.append("")
    lines.append("Timeline")
    for entry in page.timeline {
      var line = "  \(time(entry.at))  \(entry.who)  \(entry.what)"
      if let amount = entry.amount { line += "  \(amount.formatted(.code))" }
      line += "  from \(entry.origin)"
      if !entry.detail.isEmpty { line += "  \(entry.detail)" }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }

  static func day(_ seconds: Int64) -> String { String(time(seconds).prefix(10)) }

  /// `2026-12-07 14:05 UTC`.
  static func time(_ seconds: Int64) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
  }
}

import Foundation
import OrderCore

/// The staff desk's people, customers and orders, the same in the screen tests and the
/// runtime's, so both read the same pages.
public enum StaffFixtures {
  /// A member of staff who may sign in: the passphrase and the code the service accepts.
  public struct Account: Sendable {
    public let member: StaffMember
    public let passphrase: String
    public let code: String

    public var credentials: StaffCredentials {
      StaffCredentials(name: member.name, passphrase: passphrase, code: code)
    }
  }

  /// A supervisor, who may refund.
  public static let ana = Account(
    member: StaffMember(name: "ana", role: .supervisor), passphrase: "correct horse battery",
    code: "123456")
  /// An agent, who may not.
  public static let ben = Account(
    member: StaffMember(name: "ben", role: .agent), passphrase: "quiet harbour lights",
    code: "654321")

  public static let accounts = [ana, ben]

  /// A returning customer in Germany.
  public static let ada = Customer(
    name: "Ada Lovelace", email: "ada@example.com", phone: "+49 30 1234567",
    address: Address(country: "DE"))

  public static let grace = Customer(
    name: "Grace Hopper", email: "grace@example.com", phone: "+1 212 555 0100",
    address: Address(country: "US"))

  /// ``DeskFixtures/record(number:)`` taken by phone.
  public static func phoneRecord(
    number: String = "OD-7K3F9Q2M", payment: PaymentStatus = .authorized
  ) -> OrderRecord {
    var record = DeskFixtures.record(number: number)
    record.source = .phone
    record.payment = payment
    return record
  }

  /// The page of ``phoneRecord(number:payment:)``, entered by ana with a note, and refunded
  /// by `refunded` minor units if any.
  public static func page(refunded: Int64 = 0) -> OrderPage {
    let record = phoneRecord(payment: refunded > 0 ? .partiallyRefunded : .authorized)
    var timeline = [
      TimelineEntry(
        at: record.createdAt, who: "staff:ana", what: "order accepted", origin: "10.0.0.7",
        amount: record.quote.total, detail: "Phone order"),
      TimelineEntry(
        at: record.createdAt + 2, who: "vault", what: "payment authorized", origin: "vault",
        amount: record.quote.total, detail: ""),
      TimelineEntry(
        at: record.createdAt + 3, who: "service", what: "licence key issued", origin: "service",
        amount: nil, detail: "Inkwell Standard"),
    ]
    if refunded > 0 {
      timeline.append(
        TimelineEntry(
          at: record.createdAt + 86_400 + 3_600, who: "staff:ana", what: "payment refunded",
          origin: "10.0.0.7", amount: Money(minorUnits: refunded, currency: .eur),
          detail: "requested_by_customer: the customer bought it twice"))
    }
    return OrderPage(
      order: record, customer: ada, refunded: Money(minorUnits: refunded, currency: .eur),
      enteredBy: "ana", note: "Calls back about the invoice address.", timeline: timeline)
  }

  /// Ada, with her last order to repeat.
  public static let adaMatch = CustomerMatch(
    customer: ada, orderCount: 2, lastOrder: OrderNumber("OD-3H5J7K9L")!,
    lastOrderAt: 1_763_500_000,
    lastLines: [
      CartLine(sku: SKU("LUMEN-PHOTO")!, quantity: 2),
      CartLine(sku: SKU("INKWELL-STD")!, quantity: 1),
    ])

  public static let graceMatch = CustomerMatch(
    customer: grace, orderCount: 1, lastOrder: OrderNumber("OD-5T6Y7U8I")!,
    lastOrderAt: 1_763_000_000, lastLines: [CartLine(sku: SKU("TYPECASE-SERIF")!, quantity: 1)])

  /// A search's results: three orders, newest first.
  public static func searchResults() -> [StaffOrderView] {
    var older = DeskFixtures.record(number: "OD-3H5J7K9L")
    older.createdAt = 1_763_500_000
    var refunded = DeskFixtures.record(number: "OD-5T6Y7U8I")
    refunded.createdAt = 1_763_000_000
    refunded.payment = .refunded
    refunded.source = .mail
    return [
      StaffOrderView(
        order: phoneRecord(), customer: ada, refunded: Money(minorUnits: 0, currency: .eur)),
      StaffOrderView(order: older, customer: ada, refunded: Money(minorUnits: 0, currency: .eur)),
      StaffOrderView(order: refunded, customer: grace, refunded: refunded.quote.total),
    ]
  }
}

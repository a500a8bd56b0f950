import Testing

@testable import OrderCore

/// The whole draft validated at once: cart, customer and card errors together.
struct OrderDraftTests {
  let catalog: Catalog
  let now = YearMonth(year: 2026, month: 11)!

  init() throws {
    catalog = try Catalog.demo
  }

  func draft(
    skus: [String] = ["INKWELL-PRO"], currency: Currency = .eur, customer: Customer = .valid,
    number: String = "4242424242424242", expiry: String = "12/29", cvc: String = "123",
    name: String = "Ada Lovelace"
  ) throws -> OrderDraft {
    var cart = Cart()
    for sku in skus { try cart.add(#require(SKU(sku))) }
    var generator = SystemRandomNumberGenerator()
    return OrderDraft(
      cart: cart, currency: currency, customer: customer,
      card: CardEntry(
        number: SecretBytes(copying: number.utf8), expiry: expiry,
        cvc: SecretBytes(copying: cvc.utf8), name: name),
      source: .phone, idempotencyKey: .random(using: &generator))
  }

  @Test func aCompleteDraftHasNoErrors() throws {
    #expect(try draft().validate(catalog: catalog, currentMonth: now) == [])
  }

  @Test func anEmptyCartIsAnError() throws {
    let errors = try draft(skus: []).validate(catalog: catalog, currentMonth: now)
    #expect(errors.map(\.field) == [.cart])
  }

  @Test func everyFieldErrorComesBackAtOnce() throws {
    let customer = Customer(name: " ", email: "not-an-email", address: Address(country: "XX"))
    let errors = try draft(
      skus: [], customer: customer, number: "4242424242424241", expiry: "13/99", cvc: "12",
      name: ""
    ).validate(catalog: catalog, currentMonth: now)
    let fields = Set(errors.map(\.field))
    #expect(
      fields.isSuperset(of: [
        .cart, .customerName, .customerEmail, .country, .cardNumber, .cardExpiry, .cardCVC,
        .cardholderName,
      ]))
    #expect(errors.allSatisfy { !$0.message.isEmpty })
  }

  @Test func aBoxedItemRequiresAShippingAddress() throws {
    let noAddress = Customer(
      name: "Ada Lovelace", email: "ada@example.com", address: Address(country: "DE"))
    let download = try draft(skus: ["INKWELL-PRO"], customer: noAddress)
    let boxed = try draft(skus: ["INKWELL-PRO", "INKWELL-PRO-BOX"], customer: noAddress)

    #expect(!download.requiresShippingAddress(in: catalog))
    #expect(download.validate(catalog: catalog, currentMonth: now) == [])
    #expect(boxed.requiresShippingAddress(in: catalog))
    let fields = boxed.validate(catalog: catalog, currentMonth: now).map(\.field)
    #expect(fields.contains(.addressLine1))
    #expect(fields.contains(.city))
    #expect(fields.contains(.postalCode))
  }

  @Test func anItemNotSoldInTheCurrencyIsAnError() throws {
    let errors = try draft(skus: ["INKWELL-PRO-BOX-JA"], currency: .eur)
      .validate(catalog: catalog, currentMonth: now)
    #expect(errors.map(\.field).contains(.currency))
  }

  @Test func errorsNeverRepeatTheCardNumberOrCVC() throws {
    let errors = try draft(number: "4000000000000002", expiry: "01/20", cvc: "9876")
      .validate(catalog: catalog, currentMonth: now)
    #expect(!errors.isEmpty)
    for error in errors {
      #expect(!error.message.contains("4000000000000002"))
      #expect(!error.message.contains("0002"))
      #expect(!error.message.contains("9876"))
    }
  }

  @Test func copiesShareTheCardSoWipingOneWipesAll() throws {
    let original = try draft()
    let copy = original
    copy.card.wipe()
    #expect(original.card.number.isEmpty)
    #expect(original.card.cvc.isEmpty)
  }

  @Test func printingADraftRevealsNoCardData() throws {
    let subject = try draft()
    var dumped = ""
    dump(subject, to: &dumped)
    for text in [String(describing: subject), String(reflecting: subject), dumped, "\(subject)"] {
      #expect(!text.contains("4242424242424242"))
      #expect(!text.contains("4242"))
      #expect(!text.contains("123"))
    }
  }
}

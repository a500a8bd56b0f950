import Testing

@testable import OrderCore

@Suite("Cart")
struct CartTests {
  let pro = sku("INKWELL-PRO")
  let photo = sku("LUMEN-PHOTO")
  let backup = sku("HARBOR-BACKUP-1Y")

  @Test("adding merges by SKU and keeps the order items were first added")
  func merge() throws {
    var cart = Cart()
    #expect(cart.isEmpty && cart.totalQuantity == 0)
    try cart.add(pro)
    try cart.add(photo, quantity: 3)
    try cart.add(pro, quantity: 2)
    #expect(cart.lines == [CartLine(sku: pro, quantity: 3), CartLine(sku: photo, quantity: 3)])
    #expect(cart.totalQuantity == 6)
    #expect(cart.quantity(of: pro) == 3 && cart.quantity(of: backup) == 0)
    #expect(!cart.isEmpty)
  }

  @Test(
    "quantities 1 and 99 are accepted, 0, 100, 10,000 and negatives refused",
    arguments: [
      (0, false), (1, true), (99, true), (100, false), (10_000, false), (-1, false),
      (Int.min, false), (Int.max, false),
    ])
  func limits(quantity: Int, accepted: Bool) throws {
    var cart = Cart()
    if accepted {
      try cart.add(pro, quantity: quantity)
      #expect(cart.quantity(of: pro) == quantity)
    } else {
      #expect(throws: CartError.quantityOutOfRange(quantity)) {
        try cart.add(pro, quantity: quantity)
      }
      #expect(cart.isEmpty)
    }
    try cart.add(photo)
    if accepted {
      try cart.setQuantity(quantity, for: photo)
      #expect(cart.quantity(of: photo) == quantity)
    } else {
      #expect(throws: CartError.quantityOutOfRange(quantity)) {
        try cart.setQuantity(quantity, for: photo)
      }
      #expect(cart.quantity(of: photo) == 1)
    }
  }

  @Test("adding past 99 on one line is refused and leaves the cart unchanged")
  func lineLimit() throws {
    var cart = Cart()
    try cart.add(pro, quantity: 98)
    try cart.add(photo)
    let before = cart
    #expect(throws: CartError.lineLimitExceeded(pro, inCart: 98, adding: 2)) {
      try cart.add(pro, quantity: 2)
    }
    #expect(cart == before)
    try cart.add(pro)
    #expect(cart.quantity(of: pro) == 99)
    #expect(throws: CartError.lineLimitExceeded(pro, inCart: 99, adding: 1)) { try cart.add(pro) }
    #expect(throws: CartError.quantityOutOfRange(Int.max)) { try cart.add(pro, quantity: .max) }
    #expect(cart.quantity(of: pro) == 99)
  }

  @Test("a cart holds at most 100 different items")
  func lineCount() throws {
    var cart = Cart()
    for index in 0..<Cart.maximumLineCount { try cart.add(sku("ITEM-\(index)")) }
    let before = cart
    #expect(throws: CartError.tooManyLines) { try cart.add(sku("ONE-MORE")) }
    #expect(cart == before)
    try cart.add(sku("ITEM-7"), quantity: 5)
    #expect(cart.quantity(of: sku("ITEM-7")) == 6)
    let removed = cart.remove(sku("ITEM-0"))
    #expect(removed)
    try cart.add(sku("ONE-MORE"))
    #expect(cart.lines.count == 100 && cart.lines.last?.sku == sku("ONE-MORE"))
  }

  @Test("removing a line, and setting the quantity of an item not in the cart")
  func removal() throws {
    var cart = try Cart(lines: [
      CartLine(sku: pro, quantity: 2), CartLine(sku: photo, quantity: 1),
      CartLine(sku: backup, quantity: 4),
    ])
    let first = cart.remove(photo)
    let second = cart.remove(photo)
    #expect(first && !second)
    #expect(cart.lines.map(\.sku) == [pro, backup])
    #expect(throws: CartError.notInCart(photo)) { try cart.setQuantity(3, for: photo) }
    try cart.setQuantity(7, for: backup)
    #expect(cart.totalQuantity == 9)
    cart.removeAll()
    #expect(cart.isEmpty && cart == Cart())
  }

  @Test("a cart from lines merges and checks them like adds")
  func fromLines() throws {
    let merged = try Cart(lines: [CartLine(sku: pro, quantity: 2), CartLine(sku: pro, quantity: 3)])
    #expect(merged.lines == [CartLine(sku: pro, quantity: 5)])
    #expect(throws: CartError.quantityOutOfRange(0)) {
      try Cart(lines: [CartLine(sku: pro, quantity: 0)])
    }
    #expect(throws: CartError.lineLimitExceeded(pro, inCart: 60, adding: 40)) {
      try Cart(lines: [CartLine(sku: pro, quantity: 60), CartLine(sku: pro, quantity: 40)])
    }
  }

  @Test("carts encode as a list of lines and decoding applies the rules")
  func codable() throws {
    let cart = try Cart(lines: [CartLine(sku: pro, quantity: 2), CartLine(sku: photo, quantity: 1)])
    let text = try CommerceJSON.encode(cart)
    #expect(text == #"[{"quantity":2,"sku":"INKWELL-PRO"},{"quantity":1,"sku":"LUMEN-PHOTO"}]"#)
    #expect(try CommerceJSON.decode(Cart.self, from: text) == cart)
    for bad in [
      #"[{"quantity":0,"sku":"INKWELL-PRO"}]"#, #"[{"quantity":100,"sku":"INKWELL-PRO"}]"#,
      #"[{"quantity":1,"sku":"a"}]"#, #"[{"quantity":50,"sku":"abc"},{"quantity":50,"sku":"ABC"}]"#,
      #"{"lines":[]}"#,
    ] {
      #expect(throws: DecodingError.self) { try CommerceJSON.decode(Cart.self, from: bad) }
    }
    let many =
      "[" + (0...100).map { #"{"quantity":1,"sku":"S-\#($0)"}"# }.joined(separator: ",") + "]"
    #expect(throws: DecodingError.self) { try CommerceJSON.decode(Cart.self, from: many) }
  }

  @Test("errors are sentences and point at a field")
  func messages() {
    let errors: [CartError] = [
      .quantityOutOfRange(0), .lineLimitExceeded(pro, inCart: 98, adding: 5), .tooManyLines,
      .notInCart(photo),
    ]
    for error in errors {
      #expect(error.description.first?.isUppercase == true || error.description.hasPrefix("LUMEN"))
      #expect(error.description.hasSuffix("."))
    }
    #expect(
      CartError.quantityOutOfRange(0).description
        == "The quantity must be between 1 and 99; 0 is not.")
    #expect(
      CartError.lineLimitExceeded(pro, inCart: 98, adding: 5).description
        == "The cart already holds 98 of INKWELL-PRO; adding 5 would go over the limit of 99 per item."
    )
    #expect(
      CartError.tooManyLines.fieldError
        == FieldError(.cart, "The cart can hold at most 100 different items."))
    #expect(CartError.quantityOutOfRange(7).field == .cartQuantity)
  }

  @Test("a cart ships when one of its lines is a boxed item, and only then")
  func shipping() throws {
    let catalog = try Catalog.demo
    var cart = Cart()
    #expect(!cart.needsShipping(in: catalog))
    try cart.add(pro)
    #expect(!cart.needsShipping(in: catalog))
    try cart.add(sku("INKWELL-PRO-BOX"))
    #expect(cart.needsShipping(in: catalog))
    _ = cart.remove(sku("INKWELL-PRO-BOX"))
    #expect(!cart.needsShipping(in: catalog))
  }
}

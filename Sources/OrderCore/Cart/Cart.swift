/// What a customer is about to buy: items and quantities, in the order they were added.
///
/// A cart holds at most one line per SKU, each with a quantity in ``quantityRange``, and at
/// most ``maximumLineCount`` lines. Every change that would break those rules throws and
/// leaves the cart as it was. A cart knows nothing about prices; ``Pricing`` turns it into
/// a ``Quote`` against a catalog.
public struct Cart: Sendable, Hashable {
  /// The quantities one line may have.
  public static let quantityRange = 1...99
  /// The most distinct items a cart may hold.
  public static let maximumLineCount = 100

  /// The lines, in the order their items were first added.
  public private(set) var lines: [CartLine] = []

  /// An empty cart.
  public init() {}

  /// A cart with these lines, merged by SKU as if added one after another.
  public init(lines: some Sequence<CartLine>) throws(CartError) {
    for line in lines { try add(line.sku, quantity: line.quantity) }
  }

  /// Whether the cart has no lines.
  public var isEmpty: Bool { lines.isEmpty }

  /// The number of items over all lines.
  public var totalQuantity: Int { lines.reduce(0) { $0 + $1.quantity } }

  /// How many of `sku` the cart holds (zero when it has no line for it).
  public func quantity(of sku: SKU) -> Int {
    lines.first { $0.sku == sku }?.quantity ?? 0
  }

  /// Adds `quantity` of `sku`, to its existing line if there is one.
  ///
  /// - Throws: ``CartError`` when the quantity is not in ``quantityRange``, when the line
  ///   would go over the limit, or when a new line would exceed ``maximumLineCount``; the
  ///   cart is then unchanged.
  public mutating func add(_ sku: SKU, quantity: Int = 1) throws(CartError) {
    guard Self.quantityRange.contains(quantity) else { throw .quantityOutOfRange(quantity) }
    if let index = lines.firstIndex(where: { $0.sku == sku }) {
      let current = lines[index].quantity
      // Both are at most 99 here, so the sum cannot overflow.
      guard Self.quantityRange.contains(current + quantity) else {
        throw .lineLimitExceeded(sku, inCart: current, adding: quantity)
      }
      lines[index].quantity = current + quantity
    } else {
      guard lines.count < Self.maximumLineCount else { throw .tooManyLines }
      lines.append(CartLine(sku: sku, quantity: quantity))
    }
  }

  /// Sets the quantity of an item already in the cart.
  ///
  /// A quantity of zero is refused rather than taken as removal, so that a slip of the
  /// keyboard cannot empty a line; use ``remove(_:)`` for that.
  public mutating func setQuantity(_ quantity: Int, for sku: SKU) throws(CartError) {
    guard Self.quantityRange.contains(quantity) else { throw .quantityOutOfRange(quantity) }
    guard let index = lines.firstIndex(where: { $0.sku == sku }) else { throw .notInCart(sku) }
    lines[index].quantity = quantity
  }

  /// Removes the line for `sku`; returns whether there was one.
  @discardableResult
  public mutating func remove(_ sku: SKU) -> Bool {
    guard let index = lines.firstIndex(where: { $0.sku == sku }) else { return false }
    lines.remove(at: index)
    return true
  }

  /// Removes every line.
  public mutating func removeAll() {
    lines.removeAll()
  }
}

extension Cart: Codable {
  /// Decodes a list of lines, applying the same rules as ``add(_:quantity:)``.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let lines = try container.decode([CartLine].self)
    // A cart from outside is refused whole rather than cut to fit, so that nothing the
    // customer chose is dropped without a word.
    guard lines.count <= Self.maximumLineCount else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: CartError.tooManyLines.description)
    }
    do {
      try self.init(lines: lines)
    } catch {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
    }
  }

  /// Encodes the lines as a list of `{"sku", "quantity"}` objects.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(lines)
  }
}

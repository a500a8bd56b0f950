/// One line of a cart: an item and how many of it.
public struct CartLine: Sendable, Hashable, Codable {
  /// The item.
  public let sku: SKU
  /// How many, always within ``Cart/quantityRange`` inside a ``Cart``.
  public internal(set) var quantity: Int

  /// Creates a line; a ``Cart`` checks the quantity when the line is added.
  public init(sku: SKU, quantity: Int) {
    self.sku = sku
    self.quantity = quantity
  }
}

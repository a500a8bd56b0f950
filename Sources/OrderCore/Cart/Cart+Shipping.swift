/// The one rule for whether an order ships: the desk, the service and the draft all ask here.
extension Cart {
  /// Whether any line is an item that is shipped, so the customer needs a postal address and
  /// the order costs shipping.
  ///
  /// A line whose SKU the catalog does not know ships nothing; pricing refuses such a cart.
  public func needsShipping(in catalog: Catalog) -> Bool {
    lines.contains { catalog.item(for: $0.sku)?.kind.requiresShipping == true }
  }
}

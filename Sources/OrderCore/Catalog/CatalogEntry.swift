/// What is known about one entry of a catalog, even when the entry has problems.
///
/// The checks across entries (duplicate SKUs, bundle and upgrade references, shipping) use
/// whatever could be read, so that one bad price does not hide a duplicate SKU, and a
/// reference to an entry with a bad price is not reported as unknown.
struct CatalogEntry {
  /// The position in the file's list.
  var index: Int
  /// The list's name in messages: `products` in a file, `items` in code.
  var section: String
  var sku: SKU?
  var kind: ProductKind?
  /// The currencies the entry has a price in.
  var currencies: [Currency] = []
  var includes: [SKU] = []
  var upgradeFrom: [SKU] = []
  /// The finished item, when every field could be read.
  var item: CatalogItem?

  /// An entry about which nothing is known yet.
  init(index: Int, section: String) {
    self.index = index
    self.section = section
  }

  /// An entry for an item built in code.
  init(index: Int, section: String, item: CatalogItem) {
    self.index = index
    self.section = section
    self.sku = item.sku
    self.kind = item.kind
    self.currencies = item.currencies
    self.includes = item.includes
    self.upgradeFrom = item.upgradeFrom
    self.item = item
  }

  /// Where the entry is, for example `products[3] (INKWELL-PRO)`.
  var location: String {
    let position = "\(section)[\(index)]"
    return sku.map { "\(position) (\($0.value))" } ?? position
  }
}

/// The items a vendor sells, their prices per currency and what shipping costs.
///
/// A catalog is always valid: both ways of making one, ``parse(_:source:)`` for a JSON file
/// and ``init(items:shippingRates:source:)`` for items built in code, run the same checks.
/// Items keep the order of the file, which is the order the desk lists them in.
public struct Catalog: Sendable, Hashable {
  /// The largest catalog file read, in bytes (4 MiB); larger files are refused unread.
  public static let maximumFileSize = 4 * 1024 * 1024
  /// The most items a catalog may hold.
  public static let maximumItemCount = 10_000

  /// Every item, in file order.
  public let items: [CatalogItem]
  /// What shipping costs for boxed items, per currency.
  public let shippingRates: [Currency: ShippingRate]
  private let positions: [SKU: Int]

  /// Checks items built in code and makes a catalog of them.
  ///
  /// - Parameter source: names the catalog in errors; entries are named `items[i]`.
  public init(
    items: [CatalogItem], shippingRates: [Currency: ShippingRate] = [:], source: String = "catalog"
  ) throws(CatalogError) {
    var problems = CatalogProblemList()
    CatalogRules.checkCount(items.count, into: &problems)
    if problems.isEmpty {
      for (currency, rate) in shippingRates {
        for message in CatalogRules.shippingProblems(rate, currency: currency) {
          problems.add(message, at: "shipping.\(currency.code)")
        }
      }
      let entries = items.enumerated().map { index, item in
        CatalogEntry(index: index, section: "items", item: item)
      }
      for entry in entries {
        guard let item = entry.item else { continue }
        for message in CatalogRules.itemProblems(item) {
          problems.add(message, at: entry.location, order: entry.index)
        }
      }
      CatalogRules.checkAcrossEntries(
        entries, shippingCurrencies: Set(shippingRates.keys), into: &problems)
    }
    if !problems.isEmpty { throw CatalogError(source: source, problems: problems.sorted) }
    self.init(validItems: items, shippingRates: shippingRates)
  }

  /// Makes a catalog of items that have passed every check.
  init(validItems items: [CatalogItem], shippingRates: [Currency: ShippingRate]) {
    self.items = items
    self.shippingRates = shippingRates
    var positions: [SKU: Int] = [:]
    for (index, item) in items.enumerated() { positions[item.sku] = index }
    self.positions = positions
  }

  /// The item with this SKU, or `nil` when the catalog has none.
  public func item(for sku: SKU) -> CatalogItem? {
    positions[sku].map { items[$0] }
  }

  /// The item with this SKU, or `nil` when the catalog has none.
  public subscript(sku: SKU) -> CatalogItem? { item(for: sku) }

  /// The items that have a price in `currency`, in file order.
  public func items(in currency: Currency) -> [CatalogItem] {
    items.filter { $0.prices[currency] != nil }
  }

  /// The shipping rate for boxed items in `currency`, if there is one.
  public func shippingRate(in currency: Currency) -> ShippingRate? {
    shippingRates[currency]
  }

  /// The currencies at least one item is priced in, in ``Currency/allCases`` order.
  public var currencies: [Currency] {
    Currency.allCases.filter { currency in items.contains { $0.prices[currency] != nil } }
  }

  /// The items a bundle contains, in the bundle's order (empty for a single product).
  public func contents(of bundle: CatalogItem) -> [CatalogItem] {
    bundle.includes.compactMap { item(for: $0) }
  }

  /// The upgrades that an owner of `sku` may buy, in file order.
  public func upgrades(from sku: SKU) -> [CatalogItem] {
    items.filter { $0.upgradeFrom.contains(sku) }
  }
}

/// One sellable item: a product edition, an upgrade, a bundle or a boxed copy.
///
/// Prices are net (before VAT), one per currency the item is sold in.
public struct CatalogItem: Sendable, Hashable {
  /// The code that identifies the item.
  public let sku: SKU
  /// The product family, for example `Inkwell`.
  public let product: String
  /// The edition within the family, for example `Pro`, if the product has editions.
  public let edition: String?
  /// The name shown to customers, for example `Inkwell Pro`.
  public let name: String
  /// One paragraph that says what the customer gets.
  public let description: String
  /// Whether the item is downloaded or shipped.
  public let kind: ProductKind
  /// Which VAT rate applies.
  public let taxClass: TaxClass
  /// The net price in each currency the item is sold in.
  public let prices: [Currency: Money]
  /// For a bundle, the items it contains; empty for a single product.
  public let includes: [SKU]
  /// For an upgrade, the items whose owners may buy it; empty otherwise.
  public let upgradeFrom: [SKU]

  /// Creates an item; ``Catalog/init(items:shippingRates:source:)`` checks it.
  public init(
    sku: SKU, product: String, edition: String? = nil, name: String, description: String,
    kind: ProductKind, taxClass: TaxClass = .standard, prices: [Currency: Money],
    includes: [SKU] = [], upgradeFrom: [SKU] = []
  ) {
    self.sku = sku
    self.product = product
    self.edition = edition
    self.name = name
    self.description = description
    self.kind = kind
    self.taxClass = taxClass
    self.prices = prices
    self.includes = includes
    self.upgradeFrom = upgradeFrom
  }

  /// The net price in `currency`, or `nil` when the item is not sold in it.
  public func price(in currency: Currency) -> Money? {
    prices[currency]
  }

  /// Whether the item is a bundle of other items.
  public var isBundle: Bool { !includes.isEmpty }

  /// Whether the item is an upgrade from other items.
  public var isUpgrade: Bool { !upgradeFrom.isEmpty }

  /// The currencies the item is priced in, in ``Currency/allCases`` order.
  public var currencies: [Currency] {
    Currency.allCases.filter { prices[$0] != nil }
  }
}

/// What shipping a boxed order costs in one currency.
///
/// The first boxed item costs ``firstItem``; every further boxed item in the same order adds
/// ``eachAdditionalItem``, because several boxes travel in one parcel.
public struct ShippingRate: Sendable, Hashable {
  /// The cost for the first boxed item.
  public let firstItem: Money
  /// The cost for each boxed item after the first.
  public let eachAdditionalItem: Money

  /// Creates a rate; both amounts should be in the same currency and not negative, which
  /// ``Catalog/init(items:shippingRates:source:)`` checks.
  public init(firstItem: Money, eachAdditionalItem: Money) {
    self.firstItem = firstItem
    self.eachAdditionalItem = eachAdditionalItem
  }

  /// The shipping cost for `count` boxed items (zero for none).
  public func cost(forItems count: Int) throws(MoneyError) -> Money {
    guard count > 0 else { return .zero(firstItem.currency) }
    return try firstItem.adding(try eachAdditionalItem.multiplied(by: count - 1))
  }
}

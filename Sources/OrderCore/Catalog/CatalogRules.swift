/// The checks a catalog must pass, shared by the file reader and the in-code initialiser.
enum CatalogRules {
  /// Records a problem when a catalog has no items or too many.
  static func checkCount(_ count: Int, into problems: inout CatalogProblemList) {
    if count == 0 {
      problems.add("the catalog has no products", at: nil)
    } else if count > Catalog.maximumItemCount {
      problems.add(
        "the catalog has \(grouped(count)) products; at most "
          + "\(grouped(Catalog.maximumItemCount)) are allowed", at: nil)
    }
  }

  /// The problems with one item's own fields.
  static func itemProblems(_ item: CatalogItem) -> [String] {
    var messages: [String] = []
    let texts: [(String?, String, Int)] = [
      (item.product, "product", CatalogText.maximumProductLength),
      (item.edition, "edition", CatalogText.maximumEditionLength),
      (item.name, "name", CatalogText.maximumNameLength),
      (item.description, "description", CatalogText.maximumDescriptionLength),
    ]
    for case (let text?, let field, let limit) in texts {
      if let message = CatalogText.problem(text, field: field, maximumLength: limit) {
        messages.append(message)
      }
    }
    if item.prices.isEmpty { messages.append("prices must list at least one currency") }
    for currency in Currency.allCases {
      guard let price = item.prices[currency] else { continue }
      if let message = priceProblem(price, listedUnder: currency, what: "price for \(currency)") {
        messages.append(message)
      }
    }
    messages += referenceProblems(item.includes, field: "includes", of: item.sku)
    messages += referenceProblems(item.upgradeFrom, field: "upgradeFrom", of: item.sku)
    return messages
  }

  /// What is wrong with an amount listed under `currency`, or `nil`.
  static func priceProblem(
    _ amount: Money, listedUnder currency: Currency, what: String
  )
    -> String?
  {
    if amount.currency != currency {
      return "\(what) is an amount in \(amount.currency), not in \(currency)"
    }
    if amount.isNegative { return "\(what) must not be negative" }
    return nil
  }

  /// The problems with one shipping rate.
  static func shippingProblems(_ rate: ShippingRate, currency: Currency) -> [String] {
    [
      priceProblem(rate.firstItem, listedUnder: currency, what: "firstItem"),
      priceProblem(rate.eachAdditionalItem, listedUnder: currency, what: "eachAdditionalItem"),
    ].compactMap { $0 }
  }

  /// Problems within one list of references: the item itself, or the same SKU twice.
  static func referenceProblems(_ references: [SKU], field: String, of sku: SKU) -> [String] {
    var messages: [String] = []
    var seen = Set<SKU>()
    var reported = Set<SKU>()
    for reference in references {
      if reference == sku && reported.insert(reference).inserted {
        messages.append("\(field) must not name the item itself")
      } else if !seen.insert(reference).inserted && reported.insert(reference).inserted {
        messages.append("\(field) names \(reference) more than once")
      }
    }
    return messages
  }

  /// Checks that need the whole catalog: duplicate SKUs, references and shipping rates.
  static func checkAcrossEntries(
    _ entries: [CatalogEntry], shippingCurrencies: Set<Currency>,
    into problems: inout CatalogProblemList
  ) {
    var firstUse: [SKU: CatalogEntry] = [:]
    for entry in entries {
      guard let sku = entry.sku else { continue }
      if let first = firstUse[sku] {
        problems.add(
          "the SKU \(sku) is already used by \(first.section)[\(first.index)]",
          at: entry.location, order: entry.index)
      } else {
        firstUse[sku] = entry
      }
    }
    for entry in entries {
      for reference in entry.includes where reference != entry.sku {
        if let included = firstUse[reference] {
          if !included.includes.isEmpty {
            problems.add(
              "includes \(reference), which is itself a bundle; bundles cannot be nested",
              at: entry.location, order: entry.index)
          }
        } else {
          problems.add(
            "includes \(reference), which is not in the catalog", at: entry.location,
            order: entry.index)
        }
      }
      for reference in entry.upgradeFrom where reference != entry.sku && firstUse[reference] == nil
      {
        problems.add(
          "upgrades from \(reference), which is not in the catalog", at: entry.location,
          order: entry.index)
      }
      if entry.kind == .boxed {
        for currency in entry.currencies where !shippingCurrencies.contains(currency) {
          problems.add(
            "is boxed and priced in \(currency), but shipping has no rate for \(currency)",
            at: entry.location, order: entry.index)
        }
      }
    }
  }

  /// A count with thousands separators, for example `10,000`.
  static func grouped(_ value: Int) -> String {
    let digits = Array(String(value.magnitude))
    var result = value < 0 ? "-" : ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return result
  }
}

/// Turns a parsed JSON document into a catalog, collecting problems as it goes.
struct CatalogReader {
  var problems = CatalogProblemList()
  /// The currencies the shipping section names, even those whose rate has problems, so that
  /// a broken rate is not reported again for every boxed item.
  var shippingCurrencies = Set<Currency>()

  mutating func read(_ root: JSONValue, source: String) throws(CatalogError) -> Catalog {
    guard case .object(let top) = root else {
      throw CatalogError(
        source: source,
        problems: [
          CatalogProblem(
            location: nil,
            message: "the file must hold a JSON object with \"version\" and \"products\", "
              + "not \(root.kindName)")
        ])
    }
    if let message = versionProblem(top["version"]) {
      throw CatalogError(
        source: source, problems: [CatalogProblem(location: "version", message: message)])
    }
    for (key, _) in top.members where !["version", "shipping", "products"].contains(key) {
      problems.add(
        "unknown field \(CatalogText.quoted(key)); the top level has version, shipping "
          + "and products", at: nil)
    }
    let rates = readShipping(top["shipping"])
    let entries = readProducts(top["products"])
    CatalogRules.checkAcrossEntries(
      entries, shippingCurrencies: shippingCurrencies, into: &problems)
    if !problems.isEmpty { throw CatalogError(source: source, problems: problems.sorted) }
    return Catalog(validItems: entries.compactMap(\.item), shippingRates: rates)
  }

  private func versionProblem(_ value: JSONValue?) -> String? {
    let supported = "this reader understands version \(Catalog.formatVersion)"
    switch value {
    case nil: return "version is missing; \(supported)"
    case .number(String(Catalog.formatVersion)): return nil
    case .number(let text):
      return "version \(CatalogText.quoted(text, limit: 20)) is not supported; \(supported)"
    case let other?:
      return "version must be the number \(Catalog.formatVersion), not \(other.kindName)"
    }
  }

  private mutating func readShipping(_ value: JSONValue?) -> [Currency: ShippingRate] {
    var rates: [Currency: ShippingRate] = [:]
    guard let value, value != .null else { return rates }
    guard case .object(let object) = value else {
      problems.add(
        "shipping must be an object of rates per currency, not \(value.kindName)", at: "shipping")
      return rates
    }
    for (key, rateValue) in object.members {
      guard let currency = Currency(rawValue: key) else {
        problems.add(Self.unknownCurrency(key), at: "shipping")
        continue
      }
      shippingCurrencies.insert(currency)
      let location = "shipping.\(currency)"
      guard case .object(let fields) = rateValue else {
        problems.add(
          "must be an object with firstItem and eachAdditionalItem, not \(rateValue.kindName)",
          at: location)
        continue
      }
      for (field, _) in fields.members where !["firstItem", "eachAdditionalItem"].contains(field) {
        problems.add("unknown field \(CatalogText.quoted(field))", at: location)
      }
      let first = readAmount(fields["firstItem"], what: "firstItem", in: currency, at: location)
      let additional = readAmount(
        fields["eachAdditionalItem"], what: "eachAdditionalItem", in: currency, at: location)
      if let first, let additional {
        rates[currency] = ShippingRate(firstItem: first, eachAdditionalItem: additional)
      }
    }
    return rates
  }

  private mutating func readProducts(_ value: JSONValue?) -> [CatalogEntry] {
    guard let value else {
      problems.add("products is missing; it lists the items for sale", at: nil)
      return []
    }
    guard case .array(let elements) = value else {
      problems.add("products must be a list of items, not \(value.kindName)", at: "products")
      return []
    }
    CatalogRules.checkCount(elements.count, into: &problems)
    // Past the limit, item problems would only bury the one that matters.
    guard elements.count <= Catalog.maximumItemCount else { return [] }
    return elements.enumerated().map { index, element in readItem(element, index: index) }
  }

  /// An amount of minor units that must be a non-negative JSON integer, or `nil` after
  /// recording why it is not.
  mutating func readAmount(
    _ value: JSONValue?, what: String, in currency: Currency, at location: String,
    order: Int = -1
  ) -> Money? {
    let unit = currency.minorUnitName
    let message: String
    switch value {
    case nil, .null?:
      message = "\(what) is missing"
    case .number(let text)?:
      if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
        // A number's text is plain ASCII; it is cut short, not quoted.
        let shown = text.count > 24 ? text.prefix(24) + "…" : text
        message = "\(what) must be a whole number of \(unit), not \(shown)"
      } else if let minorUnits = Int64(text) {
        let amount = Money(minorUnits: minorUnits, currency: currency)
        if let problem = CatalogRules.priceProblem(amount, listedUnder: currency, what: what) {
          message = problem
        } else {
          return amount
        }
      } else {
        message = text.hasPrefix("-") ? "\(what) must not be negative" : "\(what) is too large"
      }
    case .string(let text)?:
      message =
        "\(what) must be a whole number of \(unit) written as a number, not the text "
        + CatalogText.quoted(text, limit: 24)
    case let other?:
      message = "\(what) must be a whole number of \(unit), not \(other.kindName)"
    }
    problems.add(message, at: location, order: order)
    return nil
  }

  /// The message for a currency code this desk does not price in.
  static func unknownCurrency(_ code: String) -> String {
    "unknown currency code \(CatalogText.quoted(code, limit: 12)); use "
      + Currency.allCases.map(\.code).joined(separator: ", ")
  }
}

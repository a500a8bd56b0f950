extension CatalogReader {
  /// The fields an item may have.
  static let itemFields: Set<String> = [
    "sku", "product", "edition", "name", "description", "kind", "taxClass", "prices",
    "includes", "upgradeFrom",
  ]

  /// Reads one entry of `products`, recording every problem with it.
  mutating func readItem(_ value: JSONValue, index: Int) -> CatalogEntry {
    var entry = CatalogEntry(index: index, section: "products")
    guard case .object(let fields) = value else {
      problems.add("must be an object, not \(value.kindName)", at: entry.location, order: index)
      return entry
    }
    // The SKU comes first so that every later message can name it.
    entry.sku = readSKU(fields["sku"], field: "sku", at: entry.location, order: index)
    let location = entry.location
    for (key, _) in fields.members where !Self.itemFields.contains(key) {
      problems.add("unknown field \(CatalogText.quoted(key))", at: location, order: index)
    }
    func text(_ key: String, _ limit: Int, optional: Bool = false) -> String?? {
      readText(
        fields[key], field: key, limit: limit, optional: optional, at: location, order: index)
    }
    let product = text("product", CatalogText.maximumProductLength)
    let edition = text("edition", CatalogText.maximumEditionLength, optional: true)
    let name = text("name", CatalogText.maximumNameLength)
    let description = text("description", CatalogText.maximumDescriptionLength)
    entry.kind = readChoice(fields["kind"], field: "kind", at: location, order: index)
    let taxClass: TaxClass? =
      fields["taxClass"] == nil || fields["taxClass"] == .null
      ? .standard : readChoice(fields["taxClass"], field: "taxClass", at: location, order: index)
    let prices = readPrices(fields["prices"], at: location, order: index)
    // Taken from the keys, so that a boxed item with one bad price is still checked for
    // shipping in its other currencies.
    if case .object(let priceFields)? = fields["prices"] {
      entry.currencies = Currency.allCases.filter { priceFields[$0.code] != nil }
    }
    let includes = readSKUList(fields["includes"], field: "includes", at: location, order: index)
    let upgrades = readSKUList(
      fields["upgradeFrom"], field: "upgradeFrom", at: location, order: index)
    entry.includes = includes ?? []
    entry.upgradeFrom = upgrades ?? []
    if let sku = entry.sku {
      let messages =
        CatalogRules.referenceProblems(entry.includes, field: "includes", of: sku)
        + CatalogRules.referenceProblems(entry.upgradeFrom, field: "upgradeFrom", of: sku)
      for message in messages { problems.add(message, at: location, order: index) }
    }
    guard let sku = entry.sku, let product = product ?? nil, let edition, let name = name ?? nil,
      let description = description ?? nil, let kind = entry.kind, let taxClass, let prices,
      let includes, let upgrades
    else { return entry }
    entry.item = CatalogItem(
      sku: sku, product: product, edition: edition, name: name, description: description,
      kind: kind, taxClass: taxClass, prices: prices, includes: includes, upgradeFrom: upgrades)
    return entry
  }

  /// A text field: `.some(nil)` when an optional field is absent, `nil` when it has a problem.
  private mutating func readText(
    _ value: JSONValue?, field: String, limit: Int, optional: Bool, at location: String,
    order: Int
  ) -> String?? {
    switch value {
    case nil, .null?:
      if optional { return .some(nil) }
      problems.add("\(field) is missing", at: location, order: order)
    case .string(let text)?:
      guard let message = CatalogText.problem(text, field: field, maximumLength: limit) else {
        return text
      }
      problems.add(message, at: location, order: order)
    case let other?:
      problems.add("\(field) must be a string, not \(other.kindName)", at: location, order: order)
    }
    return nil
  }

  /// A field whose value is one of an enum's raw values.
  private mutating func readChoice<Choice: RawRepresentable & CaseIterable>(
    _ value: JSONValue?, field: String, at location: String, order: Int
  ) -> Choice? where Choice.RawValue == String {
    let choices = Choice.allCases.map { "\"\($0.rawValue)\"" }
    let expected =
      choices.count == 1
      ? choices.joined()
      : choices.dropLast().joined(separator: ", ") + " or " + (choices.last ?? "")
    switch value {
    case nil, .null?:
      problems.add("\(field) is missing; it must be \(expected)", at: location, order: order)
    case .string(let text)?:
      if let choice = Choice(rawValue: text) { return choice }
      problems.add(
        "\(field) must be \(expected), not \(CatalogText.quoted(text, limit: 24))", at: location,
        order: order)
    case let other?:
      problems.add(
        "\(field) must be \(expected), not \(other.kindName)", at: location, order: order)
    }
    return nil
  }

  private mutating func readSKU(
    _ value: JSONValue?, field: String, at location: String, order: Int
  )
    -> SKU?
  {
    switch value {
    case nil, .null?:
      problems.add("\(field) is missing", at: location, order: order)
    case .string(let text)?:
      do throws(SKUError) {
        return try SKU(parsing: text)
      } catch {
        problems.add("\(field) \(error.reason)", at: location, order: order)
      }
    case let other?:
      problems.add("\(field) must be a string, not \(other.kindName)", at: location, order: order)
    }
    return nil
  }

  /// An optional list of SKUs: `[]` when absent, `nil` when it has a problem.
  private mutating func readSKUList(
    _ value: JSONValue?, field: String, at location: String, order: Int
  ) -> [SKU]? {
    switch value {
    case nil, .null?:
      return []
    case .array(let elements)?:
      var skus: [SKU] = []
      for (position, element) in elements.enumerated() {
        if let sku = readSKU(element, field: "\(field)[\(position)]", at: location, order: order) {
          skus.append(sku)
        }
      }
      return skus.count == elements.count ? skus : nil
    case let other?:
      problems.add(
        "\(field) must be a list of SKUs, not \(other.kindName)", at: location, order: order)
      return nil
    }
  }

  private mutating func readPrices(
    _ value: JSONValue?, at location: String, order: Int
  )
    -> [Currency: Money]?
  {
    guard let value, value != .null else {
      problems.add("prices is missing", at: location, order: order)
      return nil
    }
    guard case .object(let members) = value else {
      problems.add(
        "prices must be an object of amounts per currency, not \(value.kindName)", at: location,
        order: order)
      return nil
    }
    if members.members.isEmpty {
      problems.add("prices must list at least one currency", at: location, order: order)
      return nil
    }
    var prices: [Currency: Money] = [:]
    var valid = true
    for (code, amount) in members.members {
      guard let currency = Currency(rawValue: code) else {
        problems.add("prices has an \(Self.unknownCurrency(code))", at: location, order: order)
        valid = false
        continue
      }
      if let money = readAmount(
        amount, what: "price for \(currency)", in: currency, at: location, order: order)
      {
        prices[currency] = money
      } else {
        valid = false
      }
    }
    return valid ? prices : nil
  }
}

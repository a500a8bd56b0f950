/// Reading a catalog from a JSON file.
///
/// The file format, version 1 (amounts are whole numbers of the currency's minor unit —
/// cents, pence or yen — and net of VAT):
///
/// ```json
/// {
///   "version": 1,
///   "shipping": {
///     "EUR": { "firstItem": 900, "eachAdditionalItem": 300 }
///   },
///   "products": [
///     {
///       "sku": "INKWELL-PRO",
///       "product": "Inkwell",
///       "edition": "Pro",
///       "name": "Inkwell Pro",
///       "description": "The writing app with outlining, research notes and export to print.",
///       "kind": "download",
///       "taxClass": "standard",
///       "prices": { "EUR": 8900, "USD": 9900 },
///       "includes": [],
///       "upgradeFrom": []
///     }
///   ]
/// }
/// ```
///
/// - `version` (required): the number `1`. Any other version is refused before anything else
///   is read, because its fields may mean something else.
/// - `shipping` (optional): per currency code, what the first boxed item in an order costs and
///   what each further one adds. Every currency a boxed item is priced in needs a rate.
/// - `products` (required): 1 to 10,000 items, listed in the order the desk shows them.
///   - `sku`: 3–40 of `A`–`Z`, `0`–`9`, `-`, starting and ending with a letter or digit;
///     lower case is accepted and stored in upper case; unique in the file.
///   - `product` (≤ 60 characters), `name` (≤ 80), `description` (≤ 1,000): plain text on one
///     line, with no control characters and no leading or trailing spaces.
///   - `edition` (optional, ≤ 40 characters): the edition within the product family.
///   - `kind`: `"download"` or `"boxed"` (ships, so it costs shipping).
///   - `taxClass` (optional): `"standard"`, the only class and the default.
///   - `prices`: at least one of `EUR`, `USD`, `GBP`, `JPY`, each a whole, non-negative number
///     of minor units written as a JSON integer (`4900`, not `49.00`, `4.9e3` or `"4900"`).
///   - `includes` (optional): for a bundle, the SKUs it contains; they must be in the file and
///     must not be bundles themselves.
///   - `upgradeFrom` (optional): for an upgrade, the SKUs whose owners may buy it; they must be
///     in the file.
///
/// Unknown fields are refused, so that a misspelt optional field is not silently ignored.
/// Optional fields may also be `null`.
extension Catalog {
  /// The catalog format version this reader understands.
  public static let formatVersion = 1

  /// Reads a catalog from the bytes of a JSON file, reporting every problem found.
  ///
  /// - Parameters:
  ///   - bytes: the file's contents (`Data`, `[UInt8]` or a string's `utf8` all fit).
  ///   - source: the file's name, used in every message.
  /// - Throws: ``CatalogError`` naming the file, each entry at fault and what is wrong.
  public static func parse(
    _ bytes: some Collection<UInt8>, source: String
  ) throws(CatalogError)
    -> Catalog
  {
    let size = bytes.count
    if size > maximumFileSize {
      throw CatalogError(
        source: source,
        problems: [
          CatalogProblem(
            location: nil,
            message: "the file is \(CatalogRules.grouped(size)) bytes; a catalog file may be at "
              + "most \(CatalogRules.grouped(maximumFileSize)) bytes (4 MiB)")
        ])
    }
    let root: JSONValue
    do throws(JSONSyntaxError) {
      root = try JSONParser.parse(Array(bytes))
    } catch {
      throw CatalogError(
        source: source,
        problems: [
          CatalogProblem(
            location: "line \(error.line), column \(error.column)",
            message: "not valid JSON: \(error.message)")
        ])
    }
    var reader = CatalogReader()
    return try reader.read(root, source: source)
  }
}

import Testing

@testable import OrderCore

/// A SKU from a literal the test knows to be valid.
func sku(_ text: String) -> SKU {
  try! SKU(parsing: text)
}

/// `text` as a JSON string literal, escaping what JSON requires.
func jsonStringLiteral(_ text: String) -> String {
  var result = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": result += "\\\""
    case "\\": result += "\\\\"
    case "\n": result += "\\n"
    case _ where scalar.value < 0x20:
      let hex = String(scalar.value, radix: 16)
      result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    default: result.unicodeScalars.append(scalar)
    }
  }
  return result + "\""
}

/// One product as JSON text: a valid download item whose fields can be replaced (with raw
/// JSON text), removed or added to.
func itemJSON(
  _ skuText: String = "INKWELL-PRO", _ replacing: KeyValuePairs<String, String> = [:],
  removing: Set<String> = []
) -> String {
  var fields: [(String, String)] = [
    ("sku", jsonStringLiteral(skuText)),
    ("product", #""Inkwell""#),
    ("edition", #""Pro""#),
    ("name", #""Inkwell Pro""#),
    ("description", #""A writing app.""#),
    ("kind", #""download""#),
    ("prices", #"{"EUR": 8900, "USD": 9900}"#),
  ]
  for (key, value) in replacing {
    if let index = fields.firstIndex(where: { $0.0 == key }) {
      fields[index].1 = value
    } else {
      fields.append((key, value))
    }
  }
  let kept = fields.filter { !removing.contains($0.0) }
  return "{" + kept.map { "\(jsonStringLiteral($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
}

/// One product as JSON text, with the default SKU `INKWELL-PRO`.
func itemJSON(_ replacing: KeyValuePairs<String, String>, removing: Set<String> = []) -> String {
  itemJSON("INKWELL-PRO", replacing, removing: removing)
}

/// A whole catalog file as JSON text.
func catalogJSON(_ items: [String], shipping: String? = nil, version: String = "1") -> String {
  var text = "{\n  \"version\": \(version),\n"
  if let shipping { text += "  \"shipping\": \(shipping),\n" }
  text += "  \"products\": [\n    " + items.joined(separator: ",\n    ") + "\n  ]\n}\n"
  return text
}

/// Shipping for EUR and USD, as JSON text.
let eurUSDShipping =
  #"{"EUR": {"firstItem": 900, "eachAdditionalItem": 300}, "USD": {"firstItem": 1200, "eachAdditionalItem": 400}}"#

/// The problems reading `json` reports; records an issue when it reads without any.
func catalogProblems(
  _ json: String, source: String = "test.json", sourceLocation: SourceLocation = #_sourceLocation
) -> [CatalogProblem] {
  do {
    _ = try Catalog.parse(json.utf8, source: source)
    Issue.record("the catalog was accepted", sourceLocation: sourceLocation)
    return []
  } catch {
    #expect(error.source == source, sourceLocation: sourceLocation)
    return error.problems
  }
}

/// The one problem reading `json` reports; records an issue unless there is exactly one.
func catalogProblem(
  _ json: String, sourceLocation: SourceLocation = #_sourceLocation
) -> CatalogProblem? {
  let found = catalogProblems(json, sourceLocation: sourceLocation)
  #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
  return found.first
}

/// Whether a message reads as text for a person: no control characters, no escape codes.
func hasNoControlCharacters(_ message: String) -> Bool {
  !message.unicodeScalars.contains { $0.properties.generalCategory == .control }
}

/// A JSON value as the catalog reader sees it.
///
/// Numbers keep their text, so that `1250`, `1250.0`, `1.25e3` and `"1250"` stay
/// distinguishable: a price must be written as a whole number of minor units, and a reader
/// that converts through `Double` cannot tell those apart (nor keep 2⁶³ − 1 exact). Object
/// members keep their order.
enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// A number, as its exact text in the file (it matches the JSON number grammar).
  case number(String)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// The kind of value with an article, for messages such as "must be a string, not a number".
  var kindName: String {
    switch self {
    case .null: "null"
    case .bool: "true or false"
    case .number: "a number"
    case .string: "a string"
    case .array: "a list"
    case .object: "an object"
    }
  }
}

/// A JSON object whose members keep the order they had in the file.
struct JSONObject: Sendable, Equatable {
  /// The members in file order; keys are unique (the parser refuses duplicates).
  var members: [(key: String, value: JSONValue)]

  init(_ members: [(key: String, value: JSONValue)] = []) {
    self.members = members
  }

  /// The value for `key`, if the object has that member.
  subscript(key: String) -> JSONValue? {
    members.first { $0.key == key }?.value
  }

  static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.members.elementsEqual(rhs.members) { $0.key == $1.key && $0.value == $1.value }
  }
}

/// A place in a JSON text where it stopped being valid JSON, and why.
struct JSONSyntaxError: Error, Sendable, Equatable {
  /// The 1-based line.
  var line: Int
  /// The 1-based column, counted in Unicode scalars.
  var column: Int
  /// What was wrong there.
  var message: String
}

import GRDB

extension Row {
  /// The value of `column`, or a thrown error (never a crash) when it holds another type.
  func value<Value: DatabaseValueConvertible>(_ column: String) throws -> Value {
    try decode(forColumn: column)
  }

  /// The value of a column that stores an enum's raw value.
  ///
  /// The message names the column, never the value, which could be personal data.
  func value<Value: RawRepresentable>(_ column: String, as type: Value.Type) throws -> Value
  where Value.RawValue == String {
    let raw: String = try decode(forColumn: column)
    guard let value = Value(rawValue: raw) else {
      throw OrderStoreError.corruptRow("\(column) holds a value this version does not know")
    }
    return value
  }
}

extension SecretBytes: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  /// What every printout of a secret shows instead of its bytes.
  public static let redaction = "‹redacted›"

  /// Always the redaction, so printing or interpolating a secret cannot reveal it.
  public var description: String { SecretBytes.redaction }

  /// Always the redaction, so `debugPrint` and `String(reflecting:)` cannot reveal it.
  public var debugDescription: String { "SecretBytes(\(SecretBytes.redaction))" }

  /// A mirror without children, so `dump` and reflection-based printers see nothing inside.
  public var customMirror: Mirror {
    Mirror(self, children: KeyValuePairs<String, Any>(), displayStyle: .class)
  }
}

extension SecretBytes: Codable {
  /// Reads a string value into a new secret.
  ///
  /// The decoder's own copy of the string cannot be wiped from here; decode secrets only from
  /// input that is itself short-lived.
  public convenience init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    self.init(copying: text.utf8)
  }

  /// Always throws: a secret is never encoded.
  ///
  /// Writing a redaction instead would hide a bug where the real value was needed; code that
  /// seals card data reads the bytes explicitly through `withUnsafeBytes`.
  public func encode(to encoder: any Encoder) throws {
    throw EncodingError.invalidValue(
      self,
      EncodingError.Context(
        codingPath: encoder.codingPath,
        debugDescription:
          "Secrets are not encodable. Seal them explicitly with withUnsafeBytes instead."))
  }
}

extension Customer {
  /// Every problem with this customer, at most one per field, in the order of the form.
  ///
  /// An empty list means the customer can be submitted. All fields are checked at once so the
  /// desk can mark every field in one go. Surrounding whitespace is ignored everywhere.
  /// Messages are sentences for people and never repeat what was typed, since it may be
  /// hostile. Every field's size is checked in bytes before anything else, so a 10 MB paste
  /// is refused at once.
  ///
  /// The rules:
  /// - **Name**: required; at most 200 characters; any script, wide (CJK) characters, emoji
  ///   and combining marks are fine; no control characters or escape sequences.
  /// - **Email**: required; exactly one @; before it at most 64 ASCII letters, digits, dots
  ///   and RFC 5322 signs, no leading, trailing or double dot; after it a domain with at
  ///   least one dot, labels of letters in any script, digits and inner hyphens, at most 63
  ///   characters each, ending in a name of two or more characters; at most 254 characters
  ///   in all; no spaces, invisible or control characters.
  /// - **Phone**: optional; if given, digits and `+ - ( ) .` and spaces, 7 to 15 digits
  ///   (E.164), a `+` only at the start.
  /// - **Country**: always required, because it decides the tax; a known ISO 3166-1 alpha-2
  ///   code in any case.
  /// - **Address line 1 and city**: required when `requiresShippingAddress`; at most 100
  ///   characters; no control characters. **Address line 2**: optional, same limits.
  /// - **Postal code**: required when `requiresShippingAddress`, except in countries without
  ///   postal codes (``Country/usesPostalCodes``); 2 to 10 letters, digits, spaces and
  ///   dashes; in the US, Germany, the UK, the Netherlands, France and Japan it must have
  ///   that country's format.
  ///
  /// Address fields that are given are checked even when no shipping address is required,
  /// so nothing malformed is stored. No field may hold a card number
  /// (``CardNumberScanner/cardNumbers(in:)``): one typed into the wrong field would be
  /// stored in plain text, outside the vault.
  public func validate(requiresShippingAddress: Bool) -> [FieldError] {
    let country = Countries.country(code: address.country)
    let errors: [FieldError?] = [
      TextFieldRule.name.check(name),
      EmailRules.check(email),
      PhoneRules.check(phone),
      Self.countryError(address.country, country: country),
      TextFieldRule.addressLine1(required: requiresShippingAddress).check(address.line1),
      TextFieldRule.addressLine2.check(address.line2),
      TextFieldRule.city(required: requiresShippingAddress).check(address.city),
      PostalCodeRules.check(
        address.postalCode, country: country, required: requiresShippingAddress),
    ]
    return errors.compactMap { $0 }
  }

  private static func countryError(_ raw: String, country: Country?) -> FieldError? {
    if country != nil { return nil }
    if raw.utf8.count <= Countries.maxQueryBytes && raw.trimmingASCIIWhitespace().isEmpty {
      return FieldError(.country, "Choose the customer's country; it decides the tax.")
    }
    return FieldError(
      .country, "Choose a country from the list; this is not a known two-letter country code.")
  }
}

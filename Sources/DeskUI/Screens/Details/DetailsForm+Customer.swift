import OrderCore

extension DetailsForm {
  /// Fills the form with a returning customer's details, for staff to check and change.
  ///
  /// What the service kept is taken as text, without control characters; a card number in
  /// it is taken out as in any field.
  mutating func fill(with customer: Customer) {
    let note = self[.note]
    self = DetailsForm()
    let address = customer.address
    let texts: [(Field, String)] = [
      (.name, customer.name), (.email, customer.email), (.phone, customer.phone),
      (.line1, address.line1), (.line2, address.line2), (.city, address.city),
      (.postalCode, address.postalCode),
    ]
    for (field, text) in texts {
      let plain = String(
        text.unicodeScalars.filter { !TerminalText.isControl($0) }.map(Character.init))
      set(field, plain)
    }
    if let country = Countries.country(code: address.country) {
      countryCode = country.code
      set(.country, country.name)
    } else {
      set(.country, address.country)
    }
    set(.note, note.text)
    _ = takeOutCardNumbers()
  }

  private mutating func set(_ field: Field, _ text: String) {
    var value = TextField(maximumLength: field.maximumLength)
    value.set(text)
    fields[field.rawValue] = value
  }
}

import OrderCore

/// The customer's details as typed, with the error shown beside each field.
public struct DetailsForm: Sendable, Hashable {
  public enum Field: Int, CaseIterable, Sendable, Hashable {
    case name, email, phone, country, line1, line2, city, postalCode
    /// Staff's note on a phone, fax or mail order.
    case note

    /// The label drawn before the field.
    public var label: String {
      switch self {
      case .name: "Name"
      case .email: "Email"
      case .phone: "Phone"
      case .country: "Country"
      case .line1: "Address"
      case .line2: "Address 2"
      case .city: "City"
      case .postalCode: "Postal code"
      case .note: "Note"
      }
    }

    /// The order field a validation error names; the note has none, since the customer's
    /// rules do not check it.
    var orderField: OrderField? {
      switch self {
      case .name: .customerName
      case .email: .customerEmail
      case .phone: .customerPhone
      case .country: .country
      case .line1: .addressLine1
      case .line2: .addressLine2
      case .city: .city
      case .postalCode: .postalCode
      case .note: nil
      }
    }

    var maximumLength: Int {
      switch self {
      case .name: 200
      case .email: 254
      case .phone: 32
      case .country: 60
      case .line1, .line2, .city: 100
      case .postalCode: 12
      case .note: DetailsForm.noteLength
      }
    }
  }

  /// Each field's text, in the order of `Field`'s raw values.
  var fields = Field.allCases.map { TextField(maximumLength: $0.maximumLength) }
  public internal(set) var focus: Field = .name
  public internal(set) var errors: [Field: String] = [:]
  /// The country chosen from the type-ahead list, as its ISO code.
  public internal(set) var countryCode: String?
  /// The highlighted suggestion while typing a country.
  public internal(set) var suggestion = 0

  public subscript(field: Field) -> TextField {
    fields[field.rawValue]
  }

  /// The most characters staff's note on an order takes.
  public static let noteLength = 500

  /// The fields asked for: the address only when something is shipped.
  public static func visibleFields(shipping: Bool) -> [Field] {
    shipping
      ? [.name, .email, .phone, .country, .line1, .line2, .city, .postalCode]
      : [.name, .email, .phone, .country]
  }

  /// The fields asked for, with staff's note last on a phone, fax or mail order.
  public static func visibleFields(shipping: Bool, note: Bool) -> [Field] {
    visibleFields(shipping: shipping) + (note ? [.note] : [])
  }

  /// Which fields must be filled in.
  public static func isRequired(_ field: Field, shipping: Bool, country: String?) -> Bool {
    switch field {
    case .name, .email, .country: true
    case .phone, .line2, .note: false
    case .line1, .city: shipping
    case .postalCode:
      shipping && (country.flatMap { Countries.country(code: $0) }?.usesPostalCodes ?? true)
    }
  }

  /// Countries matching what is typed in the country field, while it is not yet chosen.
  public var countrySuggestions: [Country] {
    guard countryCode == nil else { return [] }
    let query = self[.country].text
    guard !query.allSatisfy(\.isWhitespace) else { return [] }
    return Countries.matching(query, limit: 5)
  }

  var hasInput: Bool { fields.contains { !$0.isEmpty } }

  /// The customer as typed.
  func customer() -> Customer {
    Customer(
      name: self[.name].text, email: self[.email].text, phone: self[.phone].text,
      address: Address(
        line1: self[.line1].text, line2: self[.line2].text, city: self[.city].text,
        postalCode: self[.postalCode].text, country: countryCode ?? self[.country].text))
  }

  /// Every problem, by field, among the visible fields.
  func problems(shipping: Bool) -> [Field: String] {
    var found: [Field: String] = [:]
    let visible = Set(Self.visibleFields(shipping: shipping))
    for error in customer().validate(requiresShippingAddress: shipping) {
      guard let field = Field.allCases.first(where: { $0.orderField == error.field }),
        visible.contains(field), found[field] == nil
      else { continue }
      found[field] = error.message
    }
    return found
  }

  mutating func edit(_ field: Field, _ key: Key) -> TextField.Edit {
    var value = self[field]
    let edit = value.apply(key)
    fields[field.rawValue] = value
    if field == .country, edit == .changed {
      countryCode = nil
      suggestion = 0
    }
    return edit
  }

  /// Takes every whole card number out of the fields; returns the fields that had one.
  mutating func takeOutCardNumbers() -> [Field] {
    Field.allCases.filter { fields[$0.rawValue].removeCardNumbers() }
  }

  /// Takes the highlighted suggestion, if any; returns whether a country was chosen.
  mutating func acceptSuggestion() -> Bool {
    let suggestions = countrySuggestions
    guard !suggestions.isEmpty else { return false }
    let chosen = suggestions[min(suggestion, suggestions.count - 1)]
    countryCode = chosen.code
    fields[Field.country.rawValue] = TextField(
      chosen.name, maximumLength: Field.country.maximumLength)
    suggestion = 0
    return true
  }

  /// Checks one field as it is left, so its error (or its absence) shows at once.
  ///
  /// A blank field passed over is not flagged yet: "required" shows when the person tries to
  /// go on, not while they are still finding their way around the form.
  mutating func check(_ field: Field, shipping: Bool) {
    let problem = problems(shipping: shipping)[field]
    if self[field].text.allSatisfy(\.isWhitespace) && errors[field] == nil { return }
    errors[field] = problem
  }
}

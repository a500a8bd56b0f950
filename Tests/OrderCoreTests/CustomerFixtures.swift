@testable import OrderCore

extension Customer {
  /// A customer with every field valid, to change one field at a time.
  static let valid = Customer(
    name: "Ada Lovelace", email: "ada@example.com", phone: "+44 20 7946 0958",
    address: Address(
      line1: "12 Marylebone Road", line2: "Flat 3", city: "London", postalCode: "NW1 5LR",
      country: "GB"))

  /// This customer with `change` applied.
  func with(_ change: (inout Customer) -> Void) -> Customer {
    var copy = self
    change(&copy)
    return copy
  }

  /// The fields that have errors, in the order they were reported.
  func errorFields(requiresShippingAddress: Bool = true) -> [OrderField] {
    validate(requiresShippingAddress: requiresShippingAddress).map(\.field)
  }

  /// The one message for `field`, or nil when the field passed.
  func message(for field: OrderField, requiresShippingAddress: Bool = true) -> String? {
    validate(requiresShippingAddress: requiresShippingAddress).first { $0.field == field }?
      .message
  }
}

/// Checks on the messages customer validation gives.
enum CustomerMessage {
  /// Strings no message may repeat, because they were typed by someone hostile.
  static let hostileFragments = ["\u{1B}", "pwned", "[2J", "\u{7}", "<script>"]

  /// Whether `message` reads as a sentence and repeats nothing hostile.
  static func isSafeSentence(_ message: String) -> Bool {
    guard let first = message.first, first.isUppercase, message.hasSuffix(".") else {
      return false
    }
    return !hostileFragments.contains { message.contains($0) }
      && !TerminalText.containsControls(message)
  }
}

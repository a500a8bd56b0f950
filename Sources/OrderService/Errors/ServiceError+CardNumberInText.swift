import Hummingbird
import OrderAPI
import OrderCore

extension ServiceError {
  /// 422 `card_number_in_text`: a free-text field holds a card number.
  ///
  /// The answer names the field and never repeats the digits; the service refuses the
  /// request before anything of it is hashed, stored or logged.
  static func cardNumberInText(_ field: OrderField, label: String) -> ServiceError {
    let message = CardNumberScanner.misplacedMessage(label)
    return ServiceError(
      .unprocessableContent,
      APIError(
        code: .cardNumberInText, message: message, field: field,
        fields: [FieldError(field, message)]))
  }
}

/// The free text a request carries, checked with the one card-number rule the desk uses too.
///
/// Every field a person types into and the service accepts goes through here: the
/// customer's name, email, phone and address, product codes, a refund's reason, the staff
/// search text and the email of a customer's look-up. An idempotency key is not free text:
/// clients make it from random characters or a UUID, whose digit groups now and then read as
/// a card number, and refusing an honest order for that would be worse than the key it
/// guards against.
enum FreeText {
  /// Refuses the first of `fields` that holds a card number.
  static func refuseCardNumbers(
    _ fields: [(field: OrderField, label: String, text: String)]
  ) throws(ServiceError) {
    for (field, label, text) in fields where CardNumberScanner.containsCardNumber(text) {
      throw .cardNumberInText(field, label: label)
    }
  }

  /// Refuses an order whose customer or cart lines hold a card number.
  static func refuseCardNumbers(in request: OrderRequest) throws(ServiceError) {
    let customer = request.customer
    try refuseCardNumbers(
      [
        (.customerName, "Name", customer.name),
        (.customerEmail, "Email address", customer.email),
        (.customerPhone, "Phone number", customer.phone),
        (.addressLine1, "Address", customer.address.line1),
        (.addressLine2, "Address line 2", customer.address.line2),
        (.city, "City", customer.address.city),
        (.postalCode, "Postal code", customer.address.postalCode),
        (.country, "Country", customer.address.country),
        (.note, "The note", request.note ?? ""),
      ] + request.lines.map { (.cart, "A product code", $0.sku.value) })
  }

  /// `text` with every card number in it replaced, for an error or a log line that quotes
  /// what a client sent (a path, say).
  static func redacted(_ text: some StringProtocol) -> String {
    CardNumberScanner.redacted(text)
  }
}

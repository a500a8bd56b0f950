import OrderCore

extension PaymentDecline {
  /// The codes that tell someone testing stolen numbers they found a flagged live card.
  ///
  /// Card networks and the large processors advise showing them to the customer as a
  /// generic decline and keeping them for the merchant's staff.
  public static let fraudSignalCodes: Set<String> = [
    "lost_card", "stolen_card", "pickup_card", "fraudulent",
  ]

  /// The answer a customer sees for a card declined without a reason worth telling them.
  public static let genericDecline = PaymentDecline(
    code: "card_declined",
    message: "The card was declined. Ask for another card or another way to pay.")

  /// Whether the issuer's reason is one that would help a fraudster.
  public var isFraudSignal: Bool { Self.fraudSignalCodes.contains(code) }

  /// The decline as the customer is told it: a fraud signal becomes the generic decline.
  public var shownToCustomer: PaymentDecline { isFraudSignal ? .genericDecline : self }
}

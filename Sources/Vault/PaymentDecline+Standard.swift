import OrderCore
import VaultAPI

extension PaymentDecline {
  /// A decline without a more precise reason.
  public static let cardDeclined = PaymentDecline.genericDecline

  /// Not enough money or credit on the card.
  public static let insufficientFunds = PaymentDecline(
    code: "insufficient_funds",
    message: "The card was declined for insufficient funds. Ask for another card.")

  /// Reported lost.
  ///
  /// The message does not say so, because the person presenting the card may
  /// not be its owner; the code tells staff.
  public static let lostCard = PaymentDecline(
    code: "lost_card",
    message: "The card was declined. Ask for another card or another way to pay.")

  /// Reported stolen; worded like `lostCard` for the same reason.
  public static let stolenCard = PaymentDecline(
    code: "stolen_card",
    message: "The card was declined. Ask for another card or another way to pay.")

  /// The issuer suspects fraud; worded like `lostCard` for the same reason.
  public static let fraudulent = PaymentDecline(
    code: "fraudulent",
    message: "The card was declined. Ask for another card or another way to pay.")

  /// The card's expiry has passed.
  public static let expiredCard = PaymentDecline(
    code: "expired_card",
    message: "The card has expired. Ask for a card that is still valid.")

  /// The security code does not match the card.
  public static let incorrectCVC = PaymentDecline(
    code: "incorrect_cvc",
    message: "The security code does not match the card. Check the code on the card and "
      + "enter it again.")

  /// The processor failed while handling the card; trying again may work.
  public static let processingError = PaymentDecline(
    code: "processing_error",
    message: "The card could not be processed because of an error at the card processor. "
      + "Try again in a moment.")

  /// A refund of zero or less: there is nothing to give back.
  public static let invalidRefundAmount = PaymentDecline(
    code: "invalid_amount",
    message: "The refund amount must be more than zero. Enter the amount to give back.")
}

import OrderCore

/// Where the order service keeps orders, their audit trail and its idempotency answers.
///
/// The seam between the service and a database: SQLite through GRDB today, PostgreSQL when
/// one machine is not enough. Nothing here names a database type, and every method that
/// writes is one atomic transaction, so an implementation can never leave half an order.
///
/// No method takes a card number or CVC: the merchant side knows a card only by the vault's
/// token, its brand, last four and expiry.
public protocol OrderStore: Sendable {
  /// Stores an accepted order with its lines, fulfilments, first events and the answer the
  /// client was given, all at once; durable when this returns.
  ///
  /// - Throws: ``OrderStoreError/duplicateKey`` when an answer for `answer.key` exists
  ///   (nothing is written), ``OrderStoreError/numberTaken(_:)`` when the order number is
  ///   in use, so the caller can pick another, ``OrderStoreError/authorizationTaken`` when
  ///   another order was paid with the same authorization code.
  func record(
    _ order: NewOrder, answer: StoredAnswer
  ) async throws(OrderStoreError)
    -> OrderRecord

  /// Stores an answer that created no order, such as a declined payment.
  ///
  /// - Throws: ``OrderStoreError/duplicateKey`` when an answer for the key exists.
  func storeAnswer(_ answer: StoredAnswer) async throws(OrderStoreError)

  /// The answer first given for `key`, or `nil` if there is none (or it was purged).
  func answer(for key: IdempotencyKey) async throws(OrderStoreError) -> StoredAnswer?

  /// The order with this number, with who it is for; `nil` if there is none.
  func order(number: OrderNumber) async throws(OrderStoreError) -> StoredOrder?

  /// The order with this number if `email` is the one on it, ignoring case; `nil` for an
  /// unknown number and a wrong email alike, after the same work: one look-up by number and
  /// one comparison in constant time. Only a match reads the rest of the order.
  ///
  /// `email` is compared as given; the caller trims it.
  func order(number: OrderNumber, email: String) async throws(OrderStoreError) -> StoredOrder?

  /// The orders a member of staff is looking for, newest first (by creation time, then
  /// number), at most `query.limit` of them; the limit must be `1...200`.
  ///
  /// The text is trimmed and read as the first of: nothing (the newest orders), exactly four
  /// digits (the card's last four), a valid `YYYY-MM-DD` (orders created that UTC day),
  /// anything with `@` (the email, ignoring case), an order number (that order; if no order
  /// has it, the text is searched as a name), or else part of the customer's name, ignoring
  /// case, with `%` and `_` matching only themselves. See ``OrderQuery``.
  ///
  /// - Throws: ``OrderStoreError/invalidInput(_:)`` when the text is over 200 Unicode scalars or
  ///   holds NUL, or the limit is outside `1...200` (it is refused, never clamped).
  func search(_ query: OrderQuery) async throws(OrderStoreError) -> [StoredOrder]

  /// Every change of the order, oldest first: its audit trail. Empty for an unknown number.
  func events(for number: OrderNumber) async throws(OrderStoreError) -> [OrderEvent]

  /// Moves an order from status `from` to `to` and writes the event row, atomically.
  ///
  /// - Throws: ``OrderStoreError/unknownOrder(_:)``, or
  ///   ``OrderStoreError/orderStatusChanged(current:)`` when the order is no longer in
  ///   `from` (someone else changed it first).
  func changeStatus(
    of number: OrderNumber, from: OrderStatus, to: OrderStatus, by change: ChangeContext
  ) async throws(OrderStoreError) -> OrderEvent

  /// Moves an order's payment from `from` to `to`, adds `refund` to what was refunded, and
  /// writes the event row, atomically.
  ///
  /// - Throws: ``OrderStoreError/unknownOrder(_:)``,
  ///   ``OrderStoreError/paymentStatusChanged(current:)`` when the payment is no longer in
  ///   `from`, ``OrderStoreError/refundExceedsCharge(remaining:)`` when the refunds would
  ///   add up to more than the order's total.
  func changePayment(
    of number: OrderNumber, from: PaymentStatus, to: PaymentStatus, refund: Money?,
    by change: ChangeContext
  ) async throws(OrderStoreError) -> OrderEvent

  /// Holds back `amount` (everything left when `nil`) of the order's charge for the refund
  /// under `key`, in one transaction with the check of what is left; the same key again
  /// gets its own reservation back.
  ///
  /// - Throws: ``OrderStoreError/refundExceedsCharge(remaining:)`` when refunds and
  ///   reservations would add up to more than the total, ``OrderStoreError/duplicateKey``
  ///   when `key` holds another refund.
  ///
  /// `lines` names the units the refund is for (the caller prices them into `amount`); they
  /// are refused when the order has fewer of them left than named.
  func reserveRefund(
    of number: OrderNumber, amount: Money?, lines: [RefundLine], key: IdempotencyKey,
    at now: Int64
  ) async throws(OrderStoreError) -> RefundReservation

  /// How many units of each product were refunded by line, settled refunds only.
  func refundedUnits(of number: OrderNumber) async throws(OrderStoreError) -> [SKU: Int]

  /// Customers whose email starts with, phone digits contain, or name contains the text,
  /// one per email, the most recent first, at most `limit` (`1...50`); empty for text under
  /// two characters.
  ///
  /// - Throws: ``OrderStoreError/invalidInput(_:)`` for text over 200 characters, NUL, or a
  ///   limit out of range.
  func customers(
    matching text: String, limit: Int
  ) async throws(OrderStoreError)
    -> [CustomerMatch]

  /// Turns a reservation into a refund: adds it to what was refunded, moves the payment to
  /// refunded or partially refunded and writes the event row, atomically; returns the new
  /// payment status.
  func settleRefund(
    _ reservation: RefundReservation, by change: ChangeContext
  ) async throws(OrderStoreError) -> PaymentStatus

  /// Gives a reservation's amount back, when the processor clearly did not refund it.
  func releaseRefund(_ reservation: RefundReservation) async throws(OrderStoreError)

  /// Deletes answers created before `cutoff` (seconds since 1970, UTC) and says how many.
  ///
  /// Keys must be kept at least 24 hours, so callers pass now minus 24 hours or earlier.
  func purgeAnswers(olderThan cutoff: Int64) async throws(OrderStoreError) -> Int

  /// How many orders are stored.
  func orderCount() async throws(OrderStoreError) -> Int
}

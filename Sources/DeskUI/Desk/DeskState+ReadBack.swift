import OrderCore

extension DeskState {
  /// How long a revealed card number stays readable.
  public static let revealDuration = PaymentForm.revealDuration

  /// The audit log's answer: the number is shown for ``revealDuration``, or not at all.
  mutating func readBackRecorded(
    generation: Int, _ result: Result<Void, DeskFailure>
  ) -> [DeskEffect] {
    follow(payment.readBackRecorded(generation: generation, result))
  }

  /// The read-back's time is up.
  mutating func hideCardNumber(generation: Int) {
    payment.hideCardNumber(generation: generation)
  }

  /// Ends a read-back whose field is no longer on the screen: another screen, a window over
  /// it, a terminal too small, a channel that turned card entry off, a card sealed meanwhile.
  mutating func endReadBackOffScreen() {
    let fieldIsShown =
      screen == .payment && overlay == nil && !isTooSmall && payment.sealed == nil
      && security.permitsCardEntry
    if !fieldIsShown { payment.endReadBack() }
  }
}

/// What the audit log is told when a card number is shown to be read back to a caller.
///
/// It holds no digit of the card. The runtime adds the time and which desk; who sat at it is
/// the member of staff signed in, if any, whose read-back the order service also records.
public struct CardReadBackRecord: Sendable, Hashable {
  /// The order in progress: the key its card is sealed and the order submitted with, which
  /// the order service keeps with the order.
  public let orderInProgress: IdempotencyKey
  /// The member of staff signed in at the desk; `nil` at a customer's desk.
  public let staff: StaffMember?

  public init(orderInProgress: IdempotencyKey, staff: StaffMember? = nil) {
    self.orderInProgress = orderInProgress
    self.staff = staff
  }
}

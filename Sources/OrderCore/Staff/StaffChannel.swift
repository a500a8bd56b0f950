/// The staff desk's way to the order service: sign in, lock and unlock, find orders and
/// customers, read an order's page, refund.
///
/// The channel keeps the session it signed in with; the desk never holds a session token.
/// Refusals the desk answers in place (wrong credentials, an ended session, a role that may
/// not refund) are thrown as ``StaffRefusal``; any other failure as an error whose
/// description is for people.
public protocol StaffChannel: Sendable {
  /// Signs in, keeping the session for the calls below; replaces any earlier session.
  func signIn(_ credentials: StaffCredentials) async throws -> StaffMember

  /// Ends the session, if any; never throws, since a session the service forgot has ended too.
  func signOut() async

  /// Suspends the session until ``unlockSession(_:)``: the service refuses it meanwhile.
  func lockSession() async throws

  /// Resumes the locked session; only the person who signed in can.
  func unlockSession(_ credentials: StaffCredentials) async throws -> StaffMember

  /// The orders found, newest first.
  func searchOrders(_ search: OrderSearch) async throws -> [StaffOrderView]

  /// The order's page with its timeline; `nil` when there is no such order.
  func orderPage(_ number: OrderNumber) async throws -> OrderPage?

  /// Customers whose email, name or phone matches `text`, most recent first.
  func findCustomers(_ text: String) async throws -> [CustomerMatch]

  /// Refunds (a supervisor's right), once per `idempotencyKey`.
  func refund(
    _ number: OrderNumber, _ refund: StaffRefund, idempotencyKey: IdempotencyKey
  ) async throws -> RefundReceipt

  /// Puts on record that the desk showed a typed card number back to its member of staff.
  func recordCardRevealed() async throws
}

/// A staff request the service refused, for the desk to answer in place.
public enum StaffRefusal: Error, Sendable, Hashable, CustomStringConvertible {
  /// The name, passphrase or code was wrong; the words say so without saying which.
  case signInFailed(String)
  /// The account is locked after repeated failures, or disabled.
  case accountLocked(String)
  /// The session expired, was locked or was ended: sign in again.
  case sessionEnded(String)
  /// The member's role may not do this (an agent refunding).
  case notAllowed(String)
  /// The request itself was refused, such as a refund over what is left.
  case refused(String)
  /// The processor declined a refund.
  case declined(PaymentDecline)

  public var description: String {
    switch self {
    case .signInFailed(let words), .accountLocked(let words), .sessionEnded(let words),
      .notAllowed(let words), .refused(let words):
      words
    case .declined(let decline): decline.message
    }
  }
}

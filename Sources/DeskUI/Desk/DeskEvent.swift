import OrderCore

/// Something that happened: a key, a resize, a change of the channel's security, or the
/// answer to an effect.
///
/// Every ``DeskEffect`` is answered by exactly one event (see ``DeskEffect/isAnswered(by:)``).
/// Three events answer no effect: ``securityChanged(_:)``, which comes only from the channel's
/// own stream, ``submissionSent``, which tells how far a submission has got before its
/// answer, ``frameDrawn(_:)``, which tells what the terminal shows, and ``idle``, which the
/// runtime that reads the keys sends when none came for a while.
public enum DeskEvent: Sendable {
  case key(Key)
  case resize(rows: Int, columns: Int)
  /// The desk as it is now has just been drawn on the terminal, showing `screen`.
  ///
  /// Whoever draws sends it at once after each frame, before reading another key, so that
  /// the desk knows which keys were pressed by someone who could see the screen.
  case frameDrawn(DeskState.Screen)
  /// The channel's security, as its stream reported it.
  case securityChanged(ChannelSecurity)
  /// A probe of the channel ended; whether the service answered decides when to look again.
  case probed(serviceAnswered: Bool)
  case catalogLoaded(Result<Catalog, DeskFailure>)
  case quoted(generation: Int, Result<Quote, DeskFailure>)
  case cardSealed(generation: Int, Result<SealedCard, DeskFailure>)
  /// The order has been written to the encrypted connection; the answer is awaited.
  case submissionSent
  case submitted(Result<SubmitOutcome, DeskFailure>)
  case lookedUp(Result<OrderRecord?, DeskFailure>)
  /// The audit log has (or could not take) the read-back of that generation.
  case cardReadBackRecorded(generation: Int, Result<Void, DeskFailure>)
  case timerFired(DeskTimer)
  /// No key came for the runtime's idle-lock time: a staff desk locks itself.
  case idle
  case signedIn(Result<StaffMember, DeskFailure>)
  case signedOut
  case sessionLocked(Result<Void, DeskFailure>)
  case sessionUnlocked(Result<StaffMember, DeskFailure>)
  case ordersFound(generation: Int, Result<[StaffOrderView], DeskFailure>)
  case orderPageLoaded(generation: Int, Result<OrderPage?, DeskFailure>)
  case customersFound(generation: Int, Result<[CustomerMatch], DeskFailure>)
  case refunded(generation: Int, Result<RefundReceipt, DeskFailure>)
}

/// Why an effect failed, in words for the person at the desk; never contains card data.
public struct DeskFailure: Error, Sendable, Hashable {
  /// What the desk does about a failure beyond showing its message.
  public enum Kind: Sendable, Hashable {
    /// Nothing more: the message says what happened.
    case other
    /// The vault is away for a moment; the same order, with the same sealed card and key,
    /// can be sent again and will not be charged twice.
    case paymentsPaused
    /// The card was sealed to a vault key that is no longer accepted; it must be sealed
    /// again, and since the desk wiped it after sealing, typed again.
    case cardKeyRetired
    /// Too many card attempts from here lately; nothing was charged, and the vault takes no
    /// card from here for a while.
    case tooManyAttempts
    /// The staff session expired, was locked or ended: the member signs in again.
    case sessionEnded
    /// The member's role may not do this, such as an agent refunding.
    case notAllowed
  }

  public let message: String
  public let kind: Kind

  public init(_ message: String, kind: Kind = .other) {
    self.message = message
    self.kind = kind
  }
}

/// A timer the desk asked for.
public enum DeskTimer: Sendable, Hashable {
  /// Hide the card number again after showing it for reading back.
  case hideCardNumber(generation: Int)
  /// Clear the message in the status line.
  case clearMessage(generation: Int)
  /// Probe the channel again, if no newer probe timer has been started since.
  case probeAgain(generation: Int)
}

/// Work for the runtime: each one ends in exactly one event that answers it.
public enum DeskEffect: Sendable {
  case probeChannel
  case loadCatalog
  case requestQuote(QuoteRequest, generation: Int)
  /// Seal a copy of the card fields to the vault's key; the runtime wipes the copy after.
  case sealCard(CardEntry, idempotencyKey: IdempotencyKey, generation: Int)
  case submit(OrderSubmission)
  case lookUp(OrderNumber, email: String)
  case startTimer(DeskTimer, after: Duration)
  /// Append a card number's read-back to the audit log; the number is shown once it is there.
  case recordCardReadBack(CardReadBackRecord, generation: Int)
  /// Sign a member of staff in; the channel keeps the session.
  case signIn(StaffCredentials)
  case signOut
  /// Suspend the staff session while the desk is locked.
  case lockSession
  /// Resume the locked session with the same member's passphrase and code.
  case unlockSession(StaffCredentials)
  case searchOrders(OrderSearch, generation: Int)
  case loadOrderPage(OrderNumber, generation: Int)
  /// Customers whose email, name or phone matches the text, for a phone, fax or mail order.
  case findCustomers(String, generation: Int)
  /// Refund once per idempotency key: a retry after a failure reuses the key.
  case refund(OrderNumber, StaffRefund, idempotencyKey: IdempotencyKey, generation: Int)
}

extension DeskEffect {
  /// Whether `event` is this effect's answer: the event of its kind, with its generation.
  public func isAnswered(by event: DeskEvent) -> Bool {
    switch (self, event) {
    case (.probeChannel, .probed): true
    case (.loadCatalog, .catalogLoaded): true
    case (.requestQuote(_, let asked), .quoted(let answered, _)): asked == answered
    case (.sealCard(_, _, let asked), .cardSealed(let answered, _)): asked == answered
    case (.submit, .submitted): true
    case (.lookUp, .lookedUp): true
    case (.startTimer(let asked, _), .timerFired(let fired)): asked == fired
    case (.recordCardReadBack(_, let asked), .cardReadBackRecorded(let answered, _)):
      asked == answered
    case (.signIn, .signedIn): true
    case (.signOut, .signedOut): true
    case (.lockSession, .sessionLocked): true
    case (.unlockSession, .sessionUnlocked): true
    case (.searchOrders(_, let asked), .ordersFound(let answered, _)): asked == answered
    case (.loadOrderPage(_, let asked), .orderPageLoaded(let answered, _)): asked == answered
    case (.findCustomers(_, let asked), .customersFound(let answered, _)): asked == answered
    case (.refund(_, _, _, let asked), .refunded(let answered, _)): asked == answered
    default: false
    }
  }
}

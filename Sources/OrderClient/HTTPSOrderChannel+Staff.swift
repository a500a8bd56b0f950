import OrderAPI
import OrderCore

extension HTTPSOrderChannel: StaffChannel {
  /// Signs in (`POST /v1/staff/sessions`) and keeps the session for the staff calls.
  public func signIn(_ credentials: StaffCredentials) async throws -> StaffMember {
    let operation = "signing in"
    let body = try encode(SignInRequest(credentials), operation: operation)
    staffToken = nil
    let response = try await send(
      .POST, "/v1/staff/sessions", body: body, purpose: .staff, retry: .afterConnectionLoss,
      operation: operation)
    guard response.status == 201 else { throw staffError(response, operation: operation) }
    let signedIn = try decode(SignInResponse.self, from: response, operation: operation)
    staffToken = signedIn.token
    staffSessionExpiry = signedIn.expiresAt
    return signedIn.member
  }

  /// The session's token, for `orderdesk login` to keep; `nil` when not signed in.
  public var staffSessionToken: String? { staffToken }

  /// When the session ends at the latest (seconds since 1970, UTC), as the service said.
  public var staffSessionExpiresAt: Int64? { staffToken == nil ? nil : staffSessionExpiry }

  /// Uses a session opened elsewhere, such as by `orderdesk login`.
  public func useSession(token: String) {
    staffToken = token
  }

  /// Ends the session (`DELETE /v1/staff/sessions/current`) and forgets it.
  public func signOut() async {
    guard staffToken != nil else { return }
    _ = try? await send(
      .DELETE, "/v1/staff/sessions/current", purpose: .staff, retry: .afterConnectionLoss,
      operation: "signing out")
    staffToken = nil
  }

  public func lockSession() async throws {
    let operation = "locking the desk"
    let response = try await send(
      .POST, "/v1/staff/sessions/current/lock", purpose: .staff, retry: .afterConnectionLoss,
      operation: operation)
    guard response.status == 204 else { throw staffError(response, operation: operation) }
  }

  public func unlockSession(_ credentials: StaffCredentials) async throws -> StaffMember {
    let operation = "unlocking the desk"
    let body = try encode(
      UnlockRequest(passphrase: credentials.passphrase, code: credentials.code),
      operation: operation)
    let response = try await send(
      .POST, "/v1/staff/sessions/current/unlock", body: body, purpose: .staff,
      retry: .afterConnectionLoss,
      operation: operation)
    guard response.status == 200 else { throw staffError(response, operation: operation) }
    return try decode(MemberResponse.self, from: response, operation: operation).member
  }

  public func searchOrders(_ search: OrderSearch) async throws -> [StaffOrderView] {
    let operation = "searching orders"
    var target = "/v1/orders?q=\(PercentEncoding.encode(search.text))&limit=\(search.limit)"
    if let from = search.from { target += "&from=\(PercentEncoding.encode(from))" }
    if let to = search.to { target += "&to=\(PercentEncoding.encode(to))" }
    let response = try await send(
      .GET, target, purpose: .staff, retry: .afterConnectionLoss, operation: operation)
    guard response.status == 200 else { throw staffError(response, operation: operation) }
    return try decode(OrderSearchResponse.self, from: response, operation: operation).orders
  }

  public func orderPage(_ number: OrderNumber) async throws -> OrderPage? {
    let operation = "reading the order"
    let response = try await send(
      .GET, "/v1/staff/orders/\(PercentEncoding.encode(number.rawValue))", purpose: .staff,
      retry: .afterConnectionLoss, operation: operation)
    switch response.status {
    case 200: return try decode(OrderPageResponse.self, from: response, operation: operation).page
    case 404: return nil
    default: throw staffError(response, operation: operation)
    }
  }

  public func findCustomers(_ text: String) async throws -> [CustomerMatch] {
    let operation = "finding the customer"
    let response = try await send(
      .GET, "/v1/staff/customers?q=\(PercentEncoding.encode(text))", purpose: .staff,
      retry: .afterConnectionLoss, operation: operation)
    guard response.status == 200 else { throw staffError(response, operation: operation) }
    return try decode(CustomersResponse.self, from: response, operation: operation).customers
  }

  /// Refunds (`POST /v1/orders/{number}/refunds` with its `Idempotency-Key`); a time-out or
  /// a lost connection is retried once with the same key, so it is refunded once.
  public func refund(
    _ number: OrderNumber, _ refund: StaffRefund, idempotencyKey: IdempotencyKey
  ) async throws -> RefundReceipt {
    let operation = "refunding the order"
    let body = try encode(refund, operation: operation)
    let response = try await send(
      .POST, "/v1/orders/\(PercentEncoding.encode(number.rawValue))/refunds", body: body,
      headers: [(OrderHeaders.idempotencyKey, idempotencyKey.rawValue)], purpose: .staff,
      retry: .afterConnectionLossOrTimeOut, operation: operation)
    switch response.status {
    case 200, 201:
      let answer = try decode(RefundResponse.self, from: response, operation: operation)
      return RefundReceipt(
        id: answer.refund.id, amount: answer.refund.amount, reason: answer.refund.reason,
        note: answer.refund.note, order: answer.order)
    case 402:
      let error = try decode(APIErrorBody.self, from: response, operation: operation).error
      throw StaffRefusal.declined(
        PaymentDecline(code: error.declineCode ?? error.code.rawValue, message: error.message))
    default:
      throw staffError(response, operation: operation)
    }
  }

  public func recordCardRevealed() async throws {
    let operation = "recording the card read-back"
    let body = try encode(DeskAuditEvent(action: DeskAuditEvent.cardRevealed), operation: operation)
    let response = try await send(
      .POST, "/v1/staff/audit-events", body: body, purpose: .staff, retry: .afterConnectionLoss,
      operation: operation)
    guard response.status == 204 else { throw staffError(response, operation: operation) }
  }

  /// The service's refusal as the desk answers it in place, or the channel's error.
  func staffError(_ response: IncomingResponse, operation: String) -> any Error {
    let error = serviceError(response, operation: operation)
    guard case .serviceError(_, _, let body) = error, let body else { return error }
    switch body.code {
    case .signInFailed: return StaffRefusal.signInFailed(body.message)
    case .accountLocked: return StaffRefusal.accountLocked(body.message)
    case .unauthorized:
      // An ended session is forgotten; a locked one is kept for its unlock.
      staffToken = nil
      return StaffRefusal.sessionEnded(body.message)
    case .sessionLocked:
      return StaffRefusal.sessionEnded(body.message)
    case .forbidden, .staffNeedsTLS: return StaffRefusal.notAllowed(body.message)
    case .validationFailed, .refundExceedsCharge, .orderNotFound, .cardNumberInText,
      .idempotencyConflict:
      return StaffRefusal.refused(body.fields?.first?.message ?? body.message)
    default: return error
    }
  }
}

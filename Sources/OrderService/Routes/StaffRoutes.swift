import HTTPTypes
import Hummingbird
import OrderAPI
import OrderCore
import OrderStorage

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The routes for support staff: sessions, search, an order's page, customers, refunds.
///
/// Every one of them needs TLS and, but for signing in, an open session; every one puts what
/// it did on the audit trail, success or failure, before it answers. An action whose record
/// cannot be written is not done.
struct StaffRoutes: Sendable {
  let gate: StaffGate
  let store: any OrderStore
  let refunds: RefundDesk
  let clock: @Sendable () -> Date

  func add(to router: some RouterMethods<OrderRequestContext>) {
    let v1 = router.group("v1")
    v1.post("staff/sessions") { request, context in try await signIn(request, context) }
    v1.delete("staff/sessions/current") { request, context in try await signOut(request, context) }
    v1.post("staff/sessions/current/lock") { request, context in try await lock(request, context) }
    v1.post("staff/sessions/current/unlock") { request, context in
      try await unlock(request, context)
    }
    v1.get("orders") { request, context in try await search(request, context) }
    v1.get("staff/orders/:number") { request, context in try await page(request, context) }
    v1.get("staff/customers") { request, context in try await customers(request, context) }
    v1.post("orders/:number/refunds") { request, context in try await refund(request, context) }
    v1.post("staff/audit-events") { request, context in try await deskEvent(request, context) }
  }

  // MARK: - Sessions

  private func signIn(_ request: Request, _ context: OrderRequestContext) async throws -> Response {
    try gate.requireTLS()
    let body = try OrderRequestReader.decode(
      SignInRequest.self, from: try await JSONRequestBody.bytes(of: request, context))
    let name = body.name.trimmingCharacters(in: .whitespaces).lowercased()
    var problems: [FieldError] = []
    if name.isEmpty || name.unicodeScalars.count > 32 || TerminalText.containsControls(name) {
      problems.append(FieldError(.staffName, "Give the account's name: 1 to 32 characters."))
    }
    if body.passphrase.isEmpty || body.passphrase.utf8.count > 256 {
      problems.append(FieldError(.passphrase, "Give the passphrase: 1 to 256 bytes."))
    }
    if body.code.utf8.count != 6 || !body.code.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
      problems.append(FieldError(.oneTimeCode, "Give the six digits the authenticator shows."))
    }
    guard problems.isEmpty else { throw ServiceError.validation(problems) }
    let session: OpenedStaffSession
    do {
      session = try await gate.authority.signIn(
        StaffCredentials(name: name, passphrase: body.passphrase, code: body.code),
        origin: context.origin)
    } catch {
      throw gate.refusal(error)
    }
    return try JSONAnswer(
      status: .created,
      body: SignInResponse(
        member: session.member, token: session.token, expiresAt: session.expiresAt)
    ).response
  }

  private func signOut(_ request: Request, _ context: OrderRequestContext) async throws -> Response
  {
    let token = try gate.token(of: request)
    do {
      try await gate.authority.signOut(token: token, origin: context.origin)
    } catch {
      throw gate.refusal(error)
    }
    return Response(status: .noContent)
  }

  private func lock(_ request: Request, _ context: OrderRequestContext) async throws -> Response {
    let token = try gate.token(of: request)
    do {
      try await gate.authority.lock(token: token, origin: context.origin)
    } catch {
      throw gate.refusal(error)
    }
    return Response(status: .noContent)
  }

  private func unlock(_ request: Request, _ context: OrderRequestContext) async throws -> Response {
    let token = try gate.token(of: request)
    let body = try OrderRequestReader.decode(
      UnlockRequest.self, from: try await JSONRequestBody.bytes(of: request, context))
    guard !body.passphrase.isEmpty, body.passphrase.utf8.count <= 256,
      body.code.utf8.count == 6
    else {
      throw ServiceError.validation([
        FieldError(.passphrase, "Give the passphrase and the six digits of the code.")
      ])
    }
    let member: StaffMember
    do {
      member = try await gate.authority.unlock(
        token: token, passphrase: body.passphrase, code: body.code, origin: context.origin)
    } catch {
      throw gate.refusal(error)
    }
    return try JSONAnswer(status: .ok, body: MemberResponse(member: member)).response
  }

  // MARK: - Orders and customers

  private func search(_ request: Request, _ context: OrderRequestContext) async throws -> Response {
    let member = try await gate.member(of: request)
    let parameters = request.uri.queryParameters
    let text = parameters.get("q") ?? ""
    let from = parameters.get("from")
    let to = parameters.get("to")
    try FreeText.refuseCardNumbers([(.searchText, "The search text", text)])
    let limit = try Self.limit(parameters.get("limit"), in: OrderQuery.limits, standard: 50)
    let found: [StoredOrder]
    do {
      found = try await store.search(OrderQuery(text: text, limit: limit, from: from, to: to))
    } catch {
      // The limit was checked above, so what the store refuses is the text or a day.
      guard case .invalidInput(let problem) = error else { throw error }
      let field: OrderField =
        problem.hasPrefix("from") ? .searchFrom : problem.hasPrefix("to") ? .searchTo : .searchText
      throw ServiceError.validation([FieldError(field, "\(field.rawValue): \(problem).")])
    }
    let range = [from.map { "from \($0)" }, to.map { "to \($0)" }].compactMap { $0 }
    try await audit(
      member, "search", .success, context,
      detail: (["q=\(text)"] + range + ["\(found.count) found"]).joined(separator: ", "))
    let views = found.map {
      StaffOrderView(order: $0.record, customer: $0.customer, refunded: $0.refunded)
    }
    return try JSONAnswer(status: .ok, body: OrderSearchResponse(orders: views)).response
  }

  /// The `limit` parameter: `standard` when absent, else a whole number in `range` written
  /// in digits; anything else is refused by name, never brought into range.
  static func limit(
    _ given: String?, in range: ClosedRange<Int>, standard: Int
  ) throws(ServiceError) -> Int {
    guard let given else { return standard }
    guard given.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let limit = Int(given),
      range.contains(limit)
    else {
      throw ServiceError.validation([
        FieldError(
          .searchLimit,
          "limit must be a whole number from \(range.lowerBound) to \(range.upperBound), "
            + "in digits.")
      ])
    }
    return limit
  }

  private func page(_ request: Request, _ context: OrderRequestContext) async throws -> Response {
    let member = try await gate.member(of: request)
    let notFound = ServiceError(.notFound, .orderNotFound, "There is no order with that number.")
    guard let number = context.parameters.get("number").flatMap(OrderNumber.init),
      let stored = try await store.order(number: number)
    else {
      try await audit(member, "order-viewed", .failure, context, detail: "no such order")
      throw notFound
    }
    let events = try await store.events(for: number)
    let page = OrderPage(
      order: stored.record, customer: stored.customer, refunded: stored.refunded,
      enteredBy: stored.actor.hasPrefix("staff:") ? String(stored.actor.dropFirst(6)) : nil,
      note: stored.note,
      timeline: events.map { event in
        TimelineEntry(
          at: event.context.at, who: event.context.actor, what: event.action,
          origin: event.context.origin, amount: event.amount, detail: event.context.note)
      })
    try await audit(member, "order-viewed", .success, context, order: number)
    return try JSONAnswer(status: .ok, body: OrderPageResponse(page: page)).response
  }

  private func customers(
    _ request: Request, _ context: OrderRequestContext
  ) async throws
    -> Response
  {
    let member = try await gate.member(of: request)
    let text = request.uri.queryParameters.get("q") ?? ""
    try FreeText.refuseCardNumbers([(.searchText, "The search text", text)])
    let limit = try Self.limit(
      request.uri.queryParameters.get("limit"), in: CustomerQuery.limits, standard: 10)
    let found: [CustomerMatch]
    do {
      found = try await store.customers(matching: text, limit: limit)
    } catch {
      guard case .invalidInput(let problem) = error else { throw error }
      throw ServiceError.validation([FieldError(.searchText, "q: \(problem).")])
    }
    try await audit(
      member, "customer-search", .success, context, detail: "q=\(text), \(found.count) found")
    return try JSONAnswer(status: .ok, body: CustomersResponse(customers: found)).response
  }

  private func refund(_ request: Request, _ context: OrderRequestContext) async throws -> Response {
    let member = try await gate.member(of: request)
    let number = context.parameters.get("number") ?? ""
    do {
      try StaffGate.requireRefunder(member)
      let key = try IdempotencyHeader.key(in: request)
      let body = try await JSONRequestBody.bytes(of: request, context)
      let done = try await refunds.refund(
        body, number: number, key: key, origin: context.origin, by: member)
      try await audit(
        member, "refund", done.refunded ? .success : .failure, context,
        order: OrderNumber(number), detail: done.summary)
      return done.answer.response
    } catch {
      try await audit(
        member, "refund", .failure, context, order: OrderNumber(number),
        detail: (error as? ServiceError)?.body.message ?? "the refund failed")
      throw error
    }
  }

  private func deskEvent(
    _ request: Request, _ context: OrderRequestContext
  ) async throws
    -> Response
  {
    let member = try await gate.member(of: request)
    let body = try OrderRequestReader.decode(
      DeskAuditEvent.self, from: try await JSONRequestBody.bytes(of: request, context))
    guard body.action == DeskAuditEvent.cardRevealed else {
      throw ServiceError(
        .badRequest, .validationFailed,
        "The desk can put only '\(DeskAuditEvent.cardRevealed)' on record.")
    }
    try await audit(member, body.action, .success, context)
    return Response(status: .noContent)
  }

  // MARK: - The audit trail

  private func audit(
    _ member: StaffMember, _ action: String, _ outcome: StaffAuditEntry.Outcome,
    _ context: OrderRequestContext, order: OrderNumber? = nil, detail: String = ""
  ) async throws {
    do {
      try await gate.authority.record(
        StaffAuditEntry(
          actor: member.name, role: member.role, action: action, outcome: outcome,
          origin: context.origin, order: order, detail: detail))
    } catch {
      throw ServiceError(
        .serviceUnavailable, .internalError,
        "The audit trail could not be written, so nothing was done; try again.")
    }
  }

}

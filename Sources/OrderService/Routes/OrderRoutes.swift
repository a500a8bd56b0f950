import HTTPTypes
import Hummingbird
import HummingbirdCore
import OrderAPI
import OrderCore
import OrderStorage
import VaultAPI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The v1 routes: thin translations between HTTP and the order taking, pricing and look-up.
struct OrderRoutes: Sendable {
  let pricing: ServicePricing
  /// The catalog file's bytes as loaded, served as they are: clients parse the same format.
  let catalogFile: [UInt8]
  /// Asked for the current key on each `GET /v1/vault-key`, so a rotation shows at once.
  let vault: any CardVault
  let intake: OrderIntake
  let store: any OrderStore
  let fulfiller: Fulfiller
  let lookUps: LookUpLimiter
  /// Who may enter phone, fax and mail orders: signed-in staff, whose orders are put on record.
  let staff: StaffGate
  let clock: @Sendable () -> Date

  func add(to router: some RouterMethods<OrderRequestContext>) {
    router.get("/healthz") { _, _ in
      try JSONAnswer(status: .ok, body: HealthResponse(status: "ok")).response
    }
    let v1 = router.group("v1")
    v1.get("catalog") { _, _ in
      JSONAnswer(status: .ok, bytes: catalogFile).response
    }
    v1.get("vault-key") { _, _ in try await currentVaultKey() }
    v1.post("quotes") { request, context in try await quote(request, context) }
    v1.post("orders") { request, context in try await submit(request, context) }
    v1.get("orders/:number") { request, context in try await lookUp(request, context) }
    v1.get("downloads/:order/:sku") { request, context in try await download(request, context) }
  }

  private func currentVaultKey() async throws -> Response {
    let keys: VaultKeySet
    do {
      keys = try await vault.keys()
    } catch {
      throw ServiceError(vaultError: error)
    }
    let body = VaultKeyResponse(keyId: keys.current.keyId, publicKey: keys.current.publicKey)
    return try JSONAnswer(status: .ok, body: body).response
  }

  private func quote(_ request: Request, _ context: OrderRequestContext) async throws -> Response {
    let asked = try OrderRequestReader.decode(
      QuoteRequest.self, from: try await JSONRequestBody.bytes(of: request, context))
    let quote = try pricing.quote(
      try pricing.cart(from: asked.lines), currency: asked.currency, country: asked.country)
    return try JSONAnswer(status: .ok, body: QuoteResponse(quote: quote)).response
  }

  private func submit(_ request: Request, _ context: OrderRequestContext) async throws -> Response {
    // A session, when one is sent, must be open: an order is never taken as a customer's
    // because a member of staff's session ran out.
    let member =
      request.headers[.authorization] == nil ? nil : try await staff.member(of: request)
    let key = try IdempotencyHeader.key(in: request)
    let bytes = try await JSONRequestBody.bytes(of: request, context)
    let answer = try await intake.submit(
      body: bytes, key: key, origin: context.origin, clientAddress: context.clientAddress,
      enteredBy: member)
    if let member {
      let number =
        answer.status == .created
        ? (try? JSONDecoder().decode(OrderResponse.self, from: Data(answer.bytes)))?.order.number
        : nil
      do {
        try await staff.authority.record(
          StaffAuditEntry(
            actor: member.name, role: member.role, action: "order-entered",
            outcome: number == nil ? .failure : .success, origin: context.origin, order: number,
            detail: "HTTP \(answer.status.code)"))
      } catch {
        // The order is taken and stored; losing its audit record must not lose the answer.
        throw ServiceError(
          .serviceUnavailable, .internalError,
          "The order was taken, but its audit record could not be written; look it up before "
            + "taking it again.")
      }
    }
    return answer.response
  }

  private func lookUp(_ request: Request, _ context: OrderRequestContext) async throws -> Response {
    let notFound = ServiceError(
      .notFound, .orderNotFound,
      "No order matches that number and email address. Check both and try again.")
    guard let email = request.uri.queryParameters.get("email"), !email.isEmpty else {
      throw ServiceError(
        .badRequest,
        APIError(
          code: .validationFailed, message: "Give the email address the order was placed with.",
          field: .customerEmail))
    }
    try FreeText.refuseCardNumbers([(.customerEmail, "Email address", email)])
    let number = context.parameters.get("number").flatMap(OrderNumber.init)
    if case .refused(let retryAfter) = lookUps.admit(
      address: context.clientAddress, order: number?.rawValue)
    {
      var error = ServiceError(
        .tooManyRequests, .tooManyLookUps,
        "Too many order look-ups from here or for this order lately. Try again in "
          + "\(retryAfter) seconds.")
      error.headers[.retryAfter] = String(retryAfter)
      throw error
    }
    // One query path for an unknown number and a wrong email alike: no answer, and no time,
    // tells them apart.
    guard let number,
      let stored = try await store.order(
        number: number, email: email.trimmingCharacters(in: .whitespaces))
    else { throw notFound }
    // Links in the stored order may have expired; the customer's own look-up gets fresh ones.
    var record = stored.record
    let now = clock()
    record.fulfilments = record.fulfilments.map { fulfilment in
      var renewed = fulfilment
      let expiresAt = Int64(now.timeIntervalSince1970) + fulfiller.linkLifetime
      renewed.downloadURL = fulfiller.link(order: number, sku: fulfilment.sku, expiresAt: expiresAt)
      renewed.downloadExpiresAt = expiresAt
      return renewed
    }
    return try JSONAnswer(status: .ok, body: OrderResponse(order: record)).response
  }

  private func download(
    _ request: Request, _ context: OrderRequestContext
  ) async throws -> Response {
    guard let order = context.parameters.get("order"), let sku = context.parameters.get("sku"),
      let expires = request.uri.queryParameters.get("expires").flatMap({ Int64($0) }),
      let signature = request.uri.queryParameters.get("signature")
    else {
      throw ServiceError(.notFound, .notFound, "That download link is not valid.")
    }
    switch fulfiller.check(
      order: order, sku: sku, expires: expires, signature: signature, now: clock())
    {
    case .valid:
      // A refunded item's link stops working, however long it had left to run.
      if let number = OrderNumber(order), let item = SKU(sku),
        try await isRefunded(item, of: number)
      {
        throw ServiceError(
          .gone, .notFound, "This item was refunded; its download link no longer works.")
      }
      return try JSONAnswer(
        status: .ok, body: ["order": order, "sku": sku, "file": "\(sku.lowercased()).pkg"]
      ).response
    case .expired:
      throw ServiceError(
        .gone, .notFound, "This download link has expired; look the order up for a new one.")
    case .forged:
      throw ServiceError(.notFound, .notFound, "That download link is not valid.")
    }
  }

  /// Whether every unit of `sku` in the order was refunded, or the whole order was.
  private func isRefunded(_ sku: SKU, of number: OrderNumber) async throws -> Bool {
    guard let stored = try await store.order(number: number) else { return true }
    if stored.record.payment == .refunded { return true }
    let ordered = stored.record.quote.lines.filter { $0.sku == sku }.map(\.quantity).reduce(0, +)
    let refunded = try await store.refundedUnits(of: number)[sku] ?? 0
    return ordered > 0 && refunded >= ordered
  }
}

extension HTTPField.Name {
  static let idempotencyKey = HTTPField.Name(OrderHeaders.idempotencyKey)!
}

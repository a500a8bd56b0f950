import HTTPTypes
import Hummingbird
import OrderAPI
import OrderCore
import OrderStorage

/// The routes for support staff (search orders, refund mistakes), behind the staff token.
struct StaffRoutes: Sendable {
  let staff: StaffAccess
  let store: any OrderStore
  let refunds: RefundDesk

  func add(to router: some RouterMethods<OrderRequestContext>) {
    let v1 = router.group("v1")
    v1.get("orders") { request, _ in try await search(request) }
    v1.post("orders/:number/refunds") { request, context in try await refund(request, context) }
  }

  private func search(_ request: Request) async throws -> Response {
    try staff.check(request)
    let text = request.uri.queryParameters.get("q") ?? ""
    try FreeText.refuseCardNumbers([(.searchText, "The search text", text)])
    let limit = try Self.limit(request.uri.queryParameters.get("limit"))
    let found: [StoredOrder]
    do {
      found = try await store.search(OrderQuery(text: text, limit: limit))
    } catch {
      // The limit was checked above, so what the store refuses is the text.
      guard case .invalidInput(let problem) = error else { throw error }
      throw ServiceError.validation([FieldError(.searchText, "q: \(problem).")])
    }
    let views = found.map {
      StaffOrderView(order: $0.record, customer: $0.customer, refunded: $0.refunded)
    }
    return try JSONAnswer(status: .ok, body: OrderSearchResponse(orders: views)).response
  }

  /// The `limit` parameter: 50 when absent, else a whole number in `1...200` written in
  /// digits; anything else is refused by name, never brought into range.
  static func limit(_ given: String?) throws(ServiceError) -> Int {
    guard let given else { return 50 }
    guard given.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let limit = Int(given),
      OrderQuery.limits.contains(limit)
    else {
      throw ServiceError(
        .badRequest,
        .validation([
          FieldError(
            .searchLimit,
            "limit must be a whole number from 1 to \(OrderQuery.maximumLimit), in digits.")
        ]))
    }
    return limit
  }

  private func refund(_ request: Request, _ context: OrderRequestContext) async throws -> Response {
    try staff.check(request)
    let key = try IdempotencyHeader.key(in: request)
    let body = try await JSONRequestBody.bytes(of: request, context)
    let number = context.parameters.get("number") ?? ""
    return try await refunds.refund(body, number: number, key: key, origin: context.origin)
      .response
  }
}

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
    let limit = request.uri.queryParameters.get("limit").flatMap { Int($0) } ?? 50
    let found: [StoredOrder]
    do {
      found = try await store.search(OrderQuery(text: text, limit: limit))
    } catch {
      guard case .invalidInput(let problem) = error else { throw error }
      throw ServiceError(.badRequest, .validationFailed, problem)
    }
    let views = found.map {
      StaffOrderView(order: $0.record, customer: $0.customer, refunded: $0.refunded)
    }
    return try JSONAnswer(status: .ok, body: OrderSearchResponse(orders: views)).response
  }

  private func refund(_ request: Request, _ context: OrderRequestContext) async throws -> Response {
    try staff.check(request)
    let key = try IdempotencyHeader.key(in: request)
    var request = request
    let body = Array(try await request.collectBody(upTo: context.maxUploadSize).readableBytesView)
    let number = context.parameters.get("number") ?? ""
    return try await refunds.refund(body, number: number, key: key, origin: context.origin)
      .response
  }
}

import Foundation
import Hummingbird
import OrderAPI
import OrderCore

/// The v1 routes of the test service, answering with canned OrderAPI JSON.
enum TestRoutes {
  static func router(log: ServerLog) -> Router<BasicRequestContext> {
    let router = Router()
    router.get("/v1/catalog") { request, _ in
      try await answer(request, route: "GET /v1/catalog", log: log) { _ in
        (200, Array(Catalog.demoJSON.utf8))
      }
    }
    router.get("/v1/vault-key") { request, _ in
      try await answer(request, route: "GET /v1/vault-key", log: log) { _ in
        (200, Fixtures.json(Fixtures.vaultKeyResponse))
      }
    }
    router.post("/v1/quotes") { request, _ in
      try await answer(request, route: "POST /v1/quotes", log: log) { body in
        let asked = try JSONDecoder().decode(QuoteRequest.self, from: Data(body))
        let quote = try Pricing.quote(
          cart: Cart(lines: asked.lines), catalog: Catalog.demo, currency: asked.currency,
          country: asked.country)
        return (200, Fixtures.json(QuoteResponse(quote: quote)))
      }
    }
    router.post("/v1/orders") { request, _ in
      try await answer(request, route: "POST /v1/orders", log: log) { body in
        if let delay = log.takeOrderDelay() { try await Task.sleep(for: delay) }
        let order = try JSONDecoder().decode(OrderRequest.self, from: Data(body))
        if order.customer.name == "Decline Me" {
          let error = APIError(
            code: .paymentDeclined, message: "The card has insufficient funds.",
            declineCode: "insufficient_funds")
          return (402, Fixtures.json(APIErrorBody(error)))
        }
        return (201, Fixtures.json(OrderResponse(order: try Fixtures.record)))
      }
    }
    router.get("/v1/orders/:number") { request, context in
      let number = context.parameters.get("number") ?? ""
      return try await answer(request, route: "GET /v1/orders/{number}", log: log) { _ in
        let email = request.uri.queryParameters.get("email")
        guard number == Fixtures.orderNumber.rawValue, email == Fixtures.email else {
          let error = APIError(code: .orderNotFound, message: "No such order.")
          return (404, Fixtures.json(APIErrorBody(error)))
        }
        return (200, Fixtures.json(OrderResponse(order: try Fixtures.record)))
      }
    }
    return router
  }

  /// Records the request, then answers with the canned answer for `route` if there is one,
  /// or with what `normal` makes of the body.
  private static func answer(
    _ request: Request, route: String, log: ServerLog,
    normal: ([UInt8]) async throws -> (Int, [UInt8])
  ) async throws -> Response {
    var request = request
    let buffer = try await request.collectBody(upTo: 1 << 20)
    let body = Array(buffer.readableBytesView)
    let idempotencyKey = request.headers.first { $0.name.canonicalName == "idempotency-key" }?
      .value
    log.record(
      ServerLog.Entry(
        method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
        email: request.uri.queryParameters.get("email"),
        idempotencyKey: idempotencyKey, body: body))
    if route == "POST /v1/orders", log.shouldDrop() {
      // The head goes out, then the body fails, and Hummingbird closes the connection: the
      // desk loses it mid-answer, as when a service restarts.
      return Response(
        status: .created, body: ResponseBody { _ in throw DroppedOnPurpose() })
    }
    let status: Int
    let answer: [UInt8]
    if let canned = log.canned(route) {
      (status, answer) = (canned.status, canned.body)
    } else {
      (status, answer) = try await normal(body)
    }
    return Response(
      status: HTTPResponse.Status(code: status),
      headers: [.contentType: "application/json"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer)))
  }
}

/// Thrown by a response body to make the test service drop the connection.
struct DroppedOnPurpose: Error {}

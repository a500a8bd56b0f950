import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import OrderAPI

/// Turns every error into the v1 JSON error shape, so clients never parse an HTML page or
/// an empty body, and unexpected errors are logged without the request body.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
  /// The routes and their methods, to tell a wrong method (405) from a wrong path (404).
  let routes: RouteTable

  func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as ServiceError {
      return try error.response(from: request, context: context)
    } catch is NIOTooManyBytesError {
      return try ServiceError(
        .contentTooLarge, .bodyTooLarge, "The request body is larger than this route accepts."
      ).response(from: request, context: context)
    } catch let error as HTTPError where error.status == .notFound {
      let allowed = routes.methods(for: request.uri.path)
      guard !allowed.isEmpty else {
        return try ServiceError(
          .notFound, .notFound,
          "There is no such route: \(request.method) \(FreeText.redacted(request.uri.path.prefix(200)))."
        ).response(from: request, context: context)
      }
      let names = allowed.map(\.rawValue).joined(separator: ", ")
      var refusal = ServiceError(
        .methodNotAllowed, .notFound,
        "\(FreeText.redacted(request.uri.path.prefix(200))) answers \(names), not "
          + "\(FreeText.redacted(request.method.rawValue.prefix(20))).")
      refusal.headers[.allow] = names
      return try refusal.response(from: request, context: context)
    } catch is HTTPParserError {
      // The request broke HTTP's framing after its head (a body that is not what its headers
      // say): the client's fault, answered as such and not logged as a fault of the service.
      return try ServiceError(
        .badRequest, .malformedJSON, "The request body could not be read: its framing is broken."
      ).response(from: request, context: context)
    } catch let error as HTTPError {
      let noRoute = error.status == .notFound || error.status == .methodNotAllowed
      let code: APIErrorCode = noRoute ? .notFound : .malformedJSON
      let message =
        noRoute
        ? "There is no such route: \(request.method) \(FreeText.redacted(request.uri.path.prefix(200)))."
        : error.body ?? "The request could not be read."
      return try ServiceError(error.status, code, message).response(
        from: request, context: context)
    } catch {
      context.logger.error(
        "request failed",
        metadata: ["path": "\(FreeText.redacted(request.uri.path))", "error": "\(type(of: error))"])
      return try ServiceError(
        .internalServerError, .internalError,
        "Something went wrong inside the order service; nothing was charged twice. Try again."
      ).response(from: request, context: context)
    }
  }
}

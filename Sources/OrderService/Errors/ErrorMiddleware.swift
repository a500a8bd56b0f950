import Hummingbird
import Logging
import NIOCore
import OrderAPI

/// Turns every error into the v1 JSON error shape, so clients never parse an HTML page or
/// an empty body, and unexpected errors are logged without the request body.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
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

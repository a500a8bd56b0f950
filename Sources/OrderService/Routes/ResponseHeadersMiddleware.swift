import HTTPTypes
import Hummingbird

/// Headers every answer carries: how it may be cached, and, over TLS, that the service is
/// only to be reached over TLS (HSTS).
///
/// Caching is refused (`no-store`) for every answer but the public ones (health, catalog,
/// vault key), so that an answer carrying a customer's details, licence keys or download
/// links never sits in a shared or browser cache, whichever route it comes from, error
/// answers included. A new route is covered without anyone remembering it. The public
/// answers say `no-cache`: they may be kept but must be asked for again, as the catalog and
/// the vault key change under a running service.
struct ResponseHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  /// Whether the service is reached over TLS, where HSTS belongs (it means nothing over
  /// plain HTTP, and browsers ignore it there).
  let tls: Bool

  static var publicPaths: Set<String> { ["/healthz", "/v1/catalog", "/v1/vault-key"] }

  func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    var response = try await next(request, context)
    if response.headers[.cacheControl] == nil {
      response.headers[.cacheControl] =
        Self.publicPaths.contains(request.uri.path) ? "no-cache" : "no-store"
    }
    if tls {
      // Two years, as browsers' preload lists ask; no includeSubDomains, as the service may
      // share its domain with hosts it does not speak for.
      response.headers[.strictTransportSecurity] = "max-age=63072000"
    }
    return response
  }
}

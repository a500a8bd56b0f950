import HTTPTypes
import Hummingbird
import Synchronization

/// Which methods each route answers, for the `Allow` header of a `405`.
///
/// Hummingbird's router answers a known path with an unknown method as it answers an unknown
/// path; this table, filled by ``RecordingRouter`` as the routes are added, tells them apart.
final class RouteTable: Sendable {
  private let routes = Mutex<[(path: RouterPath, method: HTTPRequest.Method)]>([])

  func add(_ path: RouterPath, _ method: HTTPRequest.Method) {
    routes.withLock { $0.append((path, method)) }
  }

  /// The methods the route at `path` answers, `HEAD` wherever `GET` is, in a fixed order;
  /// empty when no route has this path.
  func methods(for path: String) -> [HTTPRequest.Method] {
    let segments = path.split(separator: "/", omittingEmptySubsequences: true)
    var found: [HTTPRequest.Method] = routes.withLock { routes in
      routes.filter { Self.matches($0.path, segments) }.map(\.method)
    }
    if found.contains(.get) { found.append(.head) }
    let order: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]
    var allowed: [HTTPRequest.Method] = []
    for method in order + found where found.contains(method) && !allowed.contains(method) {
      allowed.append(method)
    }
    return allowed
  }

  private static func matches(_ path: RouterPath, _ segments: [Substring]) -> Bool {
    path.components.count == segments.count
      && zip(path.components, segments).allSatisfy { element, segment in element ~= segment }
  }
}

/// The service's router, remembering in a ``RouteTable`` each path and method added to it.
struct RecordingRouter: RouterMethods {
  typealias Context = OrderRequestContext
  let router: Router<OrderRequestContext>
  let table: RouteTable

  @discardableResult func on<Responder: HTTPResponder>(
    _ path: RouterPath, method: HTTPRequest.Method, responder: Responder
  ) -> Self where Responder.Context == Context {
    table.add(path, method)
    router.on(path, method: method, responder: responder)
    return self
  }

  @discardableResult func add(
    middleware: any MiddlewareProtocol<Request, Response, Context>
  ) -> Self {
    router.add(middleware: middleware)
    return self
  }
}

import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core plus where the request came from.
struct OrderRequestContext: RequestContext, RemoteAddressRequestContext {
  var coreContext: CoreRequestContextStorage
  let remoteAddress: SocketAddress?

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    remoteAddress = source.channel.remoteAddress
  }

  /// No v1 body is anywhere near this; a larger one is refused with 413 before it is parsed.
  var maxUploadSize: Int { OrderServiceLimits.maximumBodyBytes }

  /// The address of the TCP peer, never a header the client wrote: what card attempts are
  /// counted by.
  var clientAddress: String? { remoteAddress?.ipAddress }

  /// Where the request came from, for the audit trail.
  var origin: String {
    guard let remoteAddress else { return "unknown" }
    return "\(remoteAddress.ipAddress ?? "unknown"):\(remoteAddress.port ?? 0)"
  }
}

/// Sizes the service refuses to go beyond.
enum OrderServiceLimits {
  /// The largest request body any route reads: an order with 100 lines and a sealed card is
  /// far below it.
  static let maximumBodyBytes = 64 * 1024
}

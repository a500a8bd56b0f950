import HummingbirdCore
import Logging
import NIOCore
import NIOSSL

/// A child channel (HTTP/1.1, or TLS with HTTP/2 and HTTP/1.1) with ``ConnectionDeadlines``
/// added to every connection, right after its TLS handler.
///
/// Hummingbird builds the TLS and HTTP handlers in one step; this runs that step, then puts
/// the deadlines between TLS (whose handshake end they watch) and HTTP (whose bytes they
/// watch), before the connection reads anything.
struct DeadlineChannel<Base: ServerChildChannel>: ServerChildChannel {
  typealias Value = Base.Value

  let base: Base
  let tls: Bool
  let limits: ConnectionLimits
  let logger: Logger

  func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
    base.setup(channel: channel, logger: logger).flatMapThrowing { value in
      let deadlines = ConnectionDeadlines(tls: tls, limits: limits, logger: self.logger)
      let pipeline = channel.pipeline.syncOperations
      if tls {
        let handshake = try pipeline.handler(type: NIOSSLServerHandler.self)
        try pipeline.addHandler(deadlines, position: .after(handshake))
      } else {
        try pipeline.addHandler(deadlines, position: .first)
      }
      return value
    }
  }

  func handle(value: Value, logger: Logger) async {
    await base.handle(value: value, logger: logger)
  }
}

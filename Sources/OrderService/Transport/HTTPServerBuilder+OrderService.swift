import HummingbirdCore
import HummingbirdHTTP2
import Logging
import NIOCore
import NIOSSL

extension HTTPServerBuilder {
  /// The order service's server: HTTP/2 and HTTP/1.1 over TLS (chosen by ALPN), or plain
  /// HTTP/1.1; every connection under the ``ConnectionLimits`` time-outs, every request
  /// through ``RequestFraming``.
  static func orderService(
    tls: TLSConfiguration?, limits: ConnectionLimits, maximumBodyBytes: Int, logger: Logger
  ) -> HTTPServerBuilder {
    let http1 = HTTP1Channel.Configuration(
      additionalChannelHandlers: [
        RequestProgressReporter(), RequestFraming(maximumBodyBytes: maximumBodyBytes),
      ],
      idleTimeout: limits.idleTimeout.map { TimeAmount($0) })
    guard let tls else {
      return HTTPServerBuilder { responder in
        DeadlineChannel(
          base: HTTP1Channel(responder: responder, configuration: http1), tls: false,
          limits: limits, logger: logger)
      }
    }
    let http2 = HTTP2ChannelConfiguration(
      idleTimeout: limits.idleTimeout, streamConfiguration: http1)
    return HTTPServerBuilder { responder in
      DeadlineChannel(
        base: try HTTP2UpgradeChannel(
          tlsConfiguration: tls, configuration: http2, responder: responder),
        tls: true, limits: limits, logger: logger)
    }
  }
}

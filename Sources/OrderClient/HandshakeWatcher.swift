import NIOCore
import NIOSSL
import NIOTLS

/// What a completed TLS handshake established, read on the event loop right after it.
struct HandshakeFacts: Sendable {
  /// The version BoringSSL negotiated.
  var version: TLSVersion?
  /// The peer's leaf certificate, DER-encoded.
  var leafDER: [UInt8]?
}

/// The handshake did not finish: the connection closed first.
struct HandshakeInterrupted: Error {}

/// Completes a promise when the TLS handshake finishes, with the negotiated version and the
/// peer certificate read from the real `NIOSSLHandler`, or fails it with the handshake's error.
final class HandshakeWatcher: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = NIOAny

  private var promise: EventLoopPromise<HandshakeFacts>?

  init(promise: EventLoopPromise<HandshakeFacts>) {
    self.promise = promise
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent,
      let promise
    {
      self.promise = nil
      var facts = HandshakeFacts()
      if let tls = try? context.pipeline.syncOperations.handler(type: NIOSSLHandler.self) {
        facts.version = tls.tlsVersion
        facts.leafDER = try? tls.peerCertificate?.toDERBytes()
      }
      promise.succeed(facts)
    }
    context.fireUserInboundEventTriggered(event)
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    if let promise {
      self.promise = nil
      promise.fail(error)
    }
    context.fireErrorCaught(error)
  }

  func channelInactive(context: ChannelHandlerContext) {
    if let promise {
      self.promise = nil
      promise.fail(HandshakeInterrupted())
    }
    context.fireChannelInactive()
  }
}

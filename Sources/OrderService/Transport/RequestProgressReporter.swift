import NIOCore
import NIOHTTPTypes

/// Tells ``ConnectionDeadlines`` when a request's head has been parsed and when an answer has
/// been written, so that it knows whether bytes it sees begin a new request.
final class RequestProgressReporter: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    if case .head = unwrapInboundIn(data) {
      context.triggerUserOutboundEvent(RequestProgress.headReceived, promise: nil)
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    let ended: Bool
    if case .end = unwrapOutboundIn(data) { ended = true } else { ended = false }
    context.write(data, promise: promise)
    if ended {
      context.triggerUserOutboundEvent(RequestProgress.responseEnded, promise: nil)
    }
  }
}

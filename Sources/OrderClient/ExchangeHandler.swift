import NIOCore
import NIOHTTP1

/// Writes one request at a time and gathers its response, with a time-out and a size cap.
///
/// The channel actor sends requests one after another (HTTP/1.1 without pipelining), so at
/// most one exchange is in flight. Anything that leaves the connection in doubt (a time-out,
/// an oversized or malformed answer, an answer nobody asked for) closes it, so a later
/// request can never read the rest of an earlier answer.
final class ExchangeHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPClientResponsePart
  typealias OutboundIn = PendingExchange
  typealias OutboundOut = HTTPClientRequestPart

  private struct InFlight {
    var promise: EventLoopPromise<IncomingResponse>
    var timer: Scheduled<Void>?
    var maximumBodyBytes: Int
    var head: HTTPResponseHead?
    var body: [UInt8] = []
  }

  private var inFlight: InFlight?

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    let exchange = unwrapOutboundIn(data)
    guard inFlight == nil, context.channel.isActive else {
      exchange.promise.fail(ExchangeFailure.connectionLost)
      promise?.fail(ExchangeFailure.connectionLost)
      return
    }
    let timer = context.eventLoop.assumeIsolated().scheduleTask(in: exchange.timeout) {
      self.finish(context: context, with: .failure(ExchangeFailure.timedOut), close: true)
    }
    inFlight = InFlight(
      promise: exchange.promise, timer: timer, maximumBodyBytes: exchange.maximumBodyBytes)

    let request = exchange.request
    let head = HTTPRequestHead(
      version: .http1_1, method: request.method, uri: request.target, headers: request.headers)
    context.write(wrapOutboundOut(.head(head)), promise: nil)
    if let body = request.body, !body.isEmpty {
      context.write(
        wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))),
        promise: nil)
    }
    let written = context.eventLoop.makePromise(of: Void.self)
    written.futureResult.assumeIsolated().whenFailure { _ in
      self.finish(context: context, with: .failure(ExchangeFailure.connectionLost), close: true)
    }
    written.futureResult.cascade(to: promise)
    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard var current = inFlight else {
      // An answer to no question: the connection cannot be trusted to stay in step.
      context.close(promise: nil)
      return
    }
    switch unwrapInboundIn(data) {
    case .head(let head):
      // An interim answer (such as 100 Continue) is followed by the real one.
      if (100..<200).contains(head.status.code) {
        current.head = nil
      } else {
        current.head = head
      }
      inFlight = current
    case .body(var buffer):
      guard current.head != nil else { return }
      guard current.body.count + buffer.readableBytes <= current.maximumBodyBytes else {
        let limit = current.maximumBodyBytes
        finish(
          context: context, with: .failure(ExchangeFailure.tooLarge(limit: limit)), close: true)
        return
      }
      // Moving the array out of the optional first keeps the append from copying it.
      inFlight = nil
      current.body += buffer.readBytes(length: buffer.readableBytes) ?? []
      inFlight = current
    case .end:
      guard let head = current.head else { return }
      let response = IncomingResponse(
        status: Int(head.status.code), headers: head.headers, body: current.body)
      let mustClose = !head.isKeepAlive
      finish(context: context, with: .success(response), close: mustClose)
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    finish(context: context, with: .failure(ExchangeFailure.connectionLost), close: false)
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    let failure: ExchangeFailure
    switch error {
    case HTTPParserError.invalidEOFState:
      // The connection ended in the middle of an answer: lost, not malformed.
      failure = .connectionLost
    case is HTTPParserError:
      failure = .malformed("the answer is not valid HTTP/1.1 (\(error)).")
    default:
      failure = .connectionLost
    }
    finish(context: context, with: .failure(failure), close: true)
  }

  private func finish(
    context: ChannelHandlerContext, with result: Result<IncomingResponse, ExchangeFailure>,
    close: Bool
  ) {
    if let current = inFlight {
      inFlight = nil
      current.timer?.cancel()
      current.promise.completeWith(result.mapError { $0 as any Error })
    }
    if close { context.close(promise: nil) }
  }
}

import Logging
import NIOCore
import NIOTLS

/// What a connection is doing, as far as its deadlines care, and what to do at each step.
///
/// Kept apart from the channel handler so that every step can be tested without a socket.
struct ConnectionDeadlineState: Sendable, Equatable {
  enum Phase: Sendable, Equatable {
    /// Accepted, the TLS handshake not finished.
    case handshaking
    /// Between requests: the idle time-out (Hummingbird's) is what bounds this.
    case waitingForRequest
    /// The first bytes of a request came; its head has not.
    case readingHead
    /// Heads received whose answers are not all written yet.
    case handlingRequests(Int)
    /// HTTP/2 was negotiated: its connection manager closes idle connections, and a request
    /// head is a frame, not bytes to wait for.
    case http2
  }

  /// What the handler does with its one timer.
  enum Action: Sendable, Equatable {
    case schedule(Duration)
    case cancel
    case nothing
  }

  private(set) var phase: Phase
  let handshakeTimeout: Duration?
  let headerTimeout: Duration?

  init(tls: Bool, handshakeTimeout: Duration?, headerTimeout: Duration?) {
    self.phase = tls ? .handshaking : .waitingForRequest
    self.handshakeTimeout = handshakeTimeout
    self.headerTimeout = headerTimeout
  }

  /// The connection is active: a TLS connection starts its handshake clock.
  func started() -> Action {
    guard phase == .handshaking, let handshakeTimeout else { return .nothing }
    return .schedule(handshakeTimeout)
  }

  mutating func handshakeCompleted(negotiatedProtocol: String?) -> Action {
    guard phase == .handshaking else { return .nothing }
    phase = negotiatedProtocol == "h2" ? .http2 : .waitingForRequest
    return .cancel
  }

  /// Bytes of a request arrived (after the handshake, decrypted).
  mutating func bytesRead() -> Action {
    guard phase == .waitingForRequest else { return .nothing }
    phase = .readingHead
    guard let headerTimeout else { return .nothing }
    return .schedule(headerTimeout)
  }

  mutating func headReceived() -> Action {
    switch phase {
    case .readingHead, .waitingForRequest:
      phase = .handlingRequests(1)
      return .cancel
    case .handlingRequests(let count):
      phase = .handlingRequests(count + 1)
      return .nothing
    case .handshaking, .http2:
      return .nothing
    }
  }

  mutating func responseEnded() -> Action {
    guard case .handlingRequests(let count) = phase else { return .nothing }
    phase = count > 1 ? .handlingRequests(count - 1) : .waitingForRequest
    return .nothing
  }

  /// The timer fired: whether the connection is to be closed, and why.
  func deadlinePassed() -> String? {
    switch phase {
    case .handshaking: "the TLS handshake took too long"
    case .readingHead: "the request head took too long"
    case .waitingForRequest, .handlingRequests, .http2: nil
    }
  }
}

/// Told by ``RequestProgressReporter`` (further down the pipeline, where requests are parsed)
/// to ``ConnectionDeadlines`` (where the bytes arrive), as outbound user events.
enum RequestProgress: Sendable {
  case headReceived
  case responseEnded
}

/// Closes a connection whose TLS handshake, or whose request head, takes too long.
///
/// It sits right after the TLS handler (or first, for plain HTTP), so it sees the handshake's
/// end and the first decrypted byte of each request; ``RequestProgressReporter`` tells it when
/// a head has been parsed and when an answer has been written.
final class ConnectionDeadlines: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = ByteBuffer
  typealias InboundOut = ByteBuffer
  typealias OutboundIn = ByteBuffer
  typealias OutboundOut = ByteBuffer

  private var state: ConnectionDeadlineState
  private var timer: Scheduled<Void>?
  private var started = false
  private let logger: Logger

  init(tls: Bool, limits: ConnectionLimits, logger: Logger) {
    state = ConnectionDeadlineState(
      tls: tls, handshakeTimeout: limits.handshakeTimeout, headerTimeout: limits.headerTimeout)
    self.logger = logger
  }

  func handlerAdded(context: ChannelHandlerContext) {
    if context.channel.isActive { start(context) }
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    timer?.cancel()
    timer = nil
  }

  func channelActive(context: ChannelHandlerContext) {
    start(context)
    context.fireChannelActive()
  }

  func channelInactive(context: ChannelHandlerContext) {
    timer?.cancel()
    timer = nil
    context.fireChannelInactive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    perform(state.bytesRead(), context)
    context.fireChannelRead(data)
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if case .handshakeCompleted(let negotiated)? = event as? TLSUserEvent {
      perform(state.handshakeCompleted(negotiatedProtocol: negotiated), context)
    }
    context.fireUserInboundEventTriggered(event)
  }

  func triggerUserOutboundEvent(
    context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?
  ) {
    guard let progress = event as? RequestProgress else {
      context.triggerUserOutboundEvent(event, promise: promise)
      return
    }
    switch progress {
    case .headReceived: perform(state.headReceived(), context)
    case .responseEnded: perform(state.responseEnded(), context)
    }
    promise?.succeed()
  }

  private func start(_ context: ChannelHandlerContext) {
    guard !started else { return }
    started = true
    perform(state.started(), context)
  }

  private func perform(_ action: ConnectionDeadlineState.Action, _ context: ChannelHandlerContext) {
    switch action {
    case .nothing:
      break
    case .cancel:
      timer?.cancel()
      timer = nil
    case .schedule(let duration):
      timer?.cancel()
      timer = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(duration)) {
        self.timer = nil
        guard let reason = self.state.deadlinePassed() else { return }
        self.logger.debug(
          "closing a slow connection",
          metadata: [
            "reason": "\(reason)",
            "peer": "\(context.channel.remoteAddress?.description ?? "unknown")",
          ])
        context.close(promise: nil)
      }
    }
  }
}

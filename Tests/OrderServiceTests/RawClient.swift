import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// One connection to the service driven by hand, byte by byte: the silent, slow and
/// half-finished clients of an attack, and requests no well-behaved client would send.
final class RawClient: Sendable {
  /// How far the client takes TLS.
  enum Mode: Sendable {
    /// Plain TCP: for TLS services, a connection that never says hello.
    case plain
    /// A whole TLS handshake (the service's certificate is not checked: these clients are
    /// attackers, not desks).
    case tls
    /// Sends its ClientHello and never reads the answer, so the handshake stays half done.
    case stalledHandshake
  }

  let channel: any Channel
  private let received: Locked<[UInt8]>
  /// When the connection closed, recorded as it happens rather than when a test asks.
  private let closedAt = Locked<ContinuousClock.Instant?>(nil)
  /// When the client began to connect: the service cannot have started a clock before it.
  let startedAt: ContinuousClock.Instant

  private init(
    channel: any Channel, received: Locked<[UInt8]>, startedAt: ContinuousClock.Instant
  ) {
    self.channel = channel
    self.received = received
    self.startedAt = startedAt
    channel.closeFuture.whenComplete { [closedAt] _ in closedAt.withLock { $0 = .now } }
  }

  /// Connects to 127.0.0.1:`port`; with `.tls`, returns once the handshake is done.
  static func connect(port: Int, _ mode: Mode) async throws -> RawClient {
    let startedAt = ContinuousClock.now
    let received = Locked<[UInt8]>([])
    let handshake = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: Void.self)
    var tls = TLSConfiguration.makeClientConfiguration()
    tls.certificateVerification = .none
    let context = try NIOSSLContext(configuration: tls)
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          let pipeline = channel.pipeline.syncOperations
          switch mode {
          case .plain:
            handshake.succeed()
          case .tls:
            try pipeline.addHandler(NIOSSLClientHandler(context: context, serverHostname: nil))
          case .stalledHandshake:
            try pipeline.addHandler(DropEverything())
            try pipeline.addHandler(NIOSSLClientHandler(context: context, serverHostname: nil))
            handshake.succeed()
          }
          try pipeline.addHandler(Collector(received: received, handshake: handshake))
        }
      }
      .connect(host: "127.0.0.1", port: port).get()
    try await handshake.futureResult.get()
    return RawClient(channel: channel, received: received, startedAt: startedAt)
  }

  func write(_ text: String) async throws {
    try await channel.writeAndFlush(ByteBuffer(string: text)).get()
  }

  var isOpen: Bool { channel.isActive }

  /// Everything the service sent so far, as text.
  var text: String { String(decoding: received.withLock { $0 }, as: UTF8.self) }

  /// Waits until what was received contains `marker` `count` times, at most `limit`.
  func waitFor(_ marker: String, count: Int = 1, within limit: Duration) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
      if occurrences(of: marker) >= count { return true }
      try? await Task.sleep(for: .milliseconds(10))
    }
    return occurrences(of: marker) >= count
  }

  func occurrences(of marker: String) -> Int {
    text.components(separatedBy: marker).count - 1
  }

  /// How long after `since` the service closed the connection, or `nil` if it was still open
  /// at `limit` after `since`.
  func closedAfter(_ since: ContinuousClock.Instant, within limit: Duration) async -> Duration? {
    let deadline = since + limit
    while ContinuousClock.now < deadline {
      if let at = closedAt.withLock({ $0 }) { return at - since }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return closedAt.withLock { $0 }.map { $0 - since }
  }

  func close() async {
    try? await channel.close()
  }
}

/// Keeps what the service sends, and reports the end of the TLS handshake.
private final class Collector: ChannelInboundHandler, Sendable {
  typealias InboundIn = ByteBuffer
  let received: Locked<[UInt8]>
  let handshake: EventLoopPromise<Void>

  init(received: Locked<[UInt8]>, handshake: EventLoopPromise<Void>) {
    self.received = received
    self.handshake = handshake
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let buffer = unwrapInboundIn(data)
    received.withLock { $0.append(contentsOf: buffer.readableBytesView) }
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if case .handshakeCompleted? = event as? TLSUserEvent { handshake.succeed() }
    context.fireUserInboundEventTriggered(event)
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    handshake.fail(error)
    context.close(promise: nil)
  }

  func channelInactive(context: ChannelHandlerContext) {
    handshake.fail(ChannelError.ioOnClosedChannel)
    context.fireChannelInactive()
  }
}

/// Throws away everything the service sends: a TLS client behind it never hears the
/// server's hello.
private final class DropEverything: ChannelInboundHandler, Sendable {
  typealias InboundIn = ByteBuffer
  func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}

/// A value shared between the event loop and the test.
final class Locked<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  init(_ value: Value) { self.value = value }

  func withLock<T>(_ body: (inout Value) -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }
}

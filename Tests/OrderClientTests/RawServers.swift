import Glibc
import NIOCore
import NIOPosix
import Synchronization

/// A TCP server on 127.0.0.1 that speaks no HTTP: it stays silent, or answers every read
/// with fixed bytes, and can hang up after that.
enum RawServer {
  /// What the server does when a request arrives.
  enum Behaviour: Sendable {
    /// Never answers.
    case silent
    /// Writes these bytes, and hangs up if `thenClose`.
    case reply([UInt8], thenClose: Bool)
  }

  /// Runs a server for the length of `body` (given its port and its accepted connections),
  /// then closes it and every connection it accepted.
  static func run<T>(
    _ behaviour: Behaviour, _ body: (Int, AcceptedChannels) async throws -> T
  ) async throws -> T {
    let accepted = AcceptedChannels()
    let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .childChannelInitializer { channel in
        accepted.add(channel)
        return channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(Responder(behaviour: behaviour))
        }
      }
      .bind(host: "127.0.0.1", port: 0).get()
    let result: Result<T, any Error>
    do {
      result = .success(try await body(listener.localAddress?.port ?? 0, accepted))
    } catch {
      result = .failure(error)
    }
    try? await listener.close()
    await accepted.closeAll()
    return try result.get()
  }

  private final class Responder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let behaviour: Behaviour

    init(behaviour: Behaviour) {
      self.behaviour = behaviour
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      guard case .reply(let bytes, let thenClose) = behaviour else { return }
      let written = context.writeAndFlush(
        wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)))
      if thenClose {
        written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
      }
    }
  }
}

/// The connections a test server accepted, kept so they can be closed at the end.
final class AcceptedChannels: Sendable {
  private let channels = Mutex<[any Channel]>([])

  var count: Int { channels.withLock { $0.count } }

  func add(_ channel: any Channel) { channels.withLock { $0.append(channel) } }

  func closeAll() async {
    for channel in channels.withLock({ $0 }) { try? await channel.close() }
  }
}

/// A loopback port held by a socket that is bound but never listens: a connection to it is
/// refused, and no other test's server can be given the port while it is held (a port
/// closed and let go could be, and then it answers).
final class ClosedPort {
  let port: Int
  private let descriptor: Int32

  init() throws {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw IOError(errnoCode: errno, reason: "socket") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
      }
    }
    guard bound else {
      close(descriptor)
      throw IOError(errnoCode: errno, reason: "bind")
    }
    self.descriptor = descriptor
    port = Int(UInt16(bigEndian: address.sin_port))
  }

  deinit { close(descriptor) }
}

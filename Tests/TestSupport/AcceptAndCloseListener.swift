import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A broken server: it listens on a loopback port, accepts every connection and closes it at
/// once, and counts the connections, with when each came.
///
/// A desk pointed at it never gets an answer, which is how a desk's reconnection is judged:
/// by how many connections it makes over a while.
public final class AcceptAndCloseListener: Sendable {
  public let port: Int
  private let socketDescriptor: Int32
  private let arrivals = Mutex<[ContinuousClock.Instant]>([])
  private let stopped = Mutex(false)

  public init() throws {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw ListenerError("socket: errno \(errno)") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(descriptor, 128) == 0 else {
      close(descriptor)
      throw ListenerError("bind or listen: errno \(errno)")
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    socketDescriptor = descriptor
    port = Int(UInt16(bigEndian: address.sin_port))
    let thread = Thread { [self] in acceptUntilStopped() }
    thread.start()
  }

  /// How many connections have been accepted so far.
  public var count: Int { arrivals.withLock { $0.count } }

  /// When each connection came, in order.
  public var arrivalTimes: [ContinuousClock.Instant] { arrivals.withLock { $0 } }

  /// Stops accepting; later connections are refused.
  public func stop() {
    stopped.withLock { $0 = true }
    shutdown(socketDescriptor, Int32(SHUT_RDWR))
  }

  private func acceptUntilStopped() {
    while !stopped.withLock({ $0 }) {
      let connection = accept(socketDescriptor, nil, nil)
      if connection < 0 {
        if errno == EINTR { continue }
        break
      }
      arrivals.withLock { $0.append(.now) }
      close(connection)
    }
    close(socketDescriptor)
  }
}

/// Why the listener could not be opened.
public struct ListenerError: Error, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }
}

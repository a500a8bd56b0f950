/// How long a connection may take over each step before the service closes it, and how many
/// connections it keeps open at once.
///
/// Each is a bound on what one client can make the service hold for nothing: a TCP
/// connection that never finishes its TLS handshake, a request head sent a byte at a time, a
/// kept-alive connection that sends no next request. `nil` turns a bound off, which only the
/// tests that show what the bound prevents do.
public struct ConnectionLimits: Sendable, Equatable {
  /// From accepting the connection to the end of its TLS handshake.
  public var handshakeTimeout: Duration?
  /// From the first byte of a request (or the end of the handshake, for the first request)
  /// to the end of its head.
  public var headerTimeout: Duration?
  /// How long a connection may wait for its next request, or between two parts of a body.
  public var idleTimeout: Duration?
  /// How many connections are open at once; beyond it, new ones wait in the listen backlog
  /// until one closes.
  public var maximumConnections: Int?

  public init(
    handshakeTimeout: Duration?, headerTimeout: Duration?, idleTimeout: Duration?,
    maximumConnections: Int?
  ) {
    self.handshakeTimeout = handshakeTimeout
    self.headerTimeout = headerTimeout
    self.idleTimeout = idleTimeout
    self.maximumConnections = maximumConnections
  }

  /// The defaults `orderdesk serve` and the embedded service start with.
  public static let standard = ConnectionLimits(
    handshakeTimeout: .seconds(10), headerTimeout: .seconds(10), idleTimeout: .seconds(30),
    maximumConnections: 512)
}

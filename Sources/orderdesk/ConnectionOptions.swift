import ArgumentParser
import OrderService

/// `orderdesk serve`'s bounds on what a connection may hold the service to.
struct ConnectionOptions: ParsableArguments {
  @Option(help: "How long a client has to finish its TLS handshake (such as 10s).")
  var handshakeTimeout = Span(seconds: Self.seconds(ConnectionLimits.standard.handshakeTimeout))

  @Option(help: "How long a client has to send a request's head once it has begun it.")
  var headerTimeout = Span(seconds: Self.seconds(ConnectionLimits.standard.headerTimeout))

  @Option(help: "How long a kept-alive connection may wait for its next request.")
  var idleTimeout = Span(seconds: Self.seconds(ConnectionLimits.standard.idleTimeout))

  @Option(
    help: ArgumentHelp(
      "How many connections may be open at once.",
      discussion:
        "Beyond it, new connections wait until one closes. Keep it below the open-file limit "
        + "(ulimit -n)."))
  var maxConnections: Int = ConnectionLimits.standard.maximumConnections ?? 512

  /// The longest time-out `serve` takes: beyond an hour a time-out protects nothing.
  static let longestTimeout: Int64 = 3600
  /// The most connections `serve` takes.
  static let mostConnections = 1_000_000

  func validate() throws {
    let timeouts = [
      ("--handshake-timeout", handshakeTimeout), ("--header-timeout", headerTimeout),
      ("--idle-timeout", idleTimeout),
    ]
    for (name, span) in timeouts where !(1...Self.longestTimeout).contains(span.seconds) {
      throw ValidationError("\(name) must be from 1s to 1h; \(span) is not.")
    }
    guard (1...Self.mostConnections).contains(maxConnections) else {
      throw ValidationError(
        "--max-connections must be from 1 to \(Self.mostConnections); \(maxConnections) is not.")
    }
  }

  var limits: ConnectionLimits {
    ConnectionLimits(
      handshakeTimeout: .seconds(handshakeTimeout.seconds),
      headerTimeout: .seconds(headerTimeout.seconds), idleTimeout: .seconds(idleTimeout.seconds),
      maximumConnections: maxConnections)
  }

  private static func seconds(_ duration: Duration?) -> Int64 {
    duration?.components.seconds ?? 0
  }
}

import HummingbirdCore
import Logging

/// Hummingbird's count of open connections, which stops accepting at the cap, with a warning
/// in the log when the cap is reached (at most once a minute, as under attack it is reached
/// again with every connection that closes).
///
/// Past the cap, new connections wait in the kernel's listen backlog, unread and costing the
/// service nothing, and are accepted as others close; the time-outs make sure others do.
struct ConnectionCap: AvailableConnectionsDelegate {
  let maximum: Int
  let logger: Logger
  private var open = 0
  private var lastWarning: ContinuousClock.Instant?

  init(maximum: Int, logger: Logger) {
    self.maximum = maximum
    self.logger = logger
  }

  mutating func connectionOpened() {
    open += 1
    let now = ContinuousClock.now
    if open >= maximum, lastWarning.map({ now - $0 > .seconds(60) }) ?? true {
      lastWarning = now
      logger.warning(
        "the connection cap is reached; new connections wait until one closes",
        metadata: ["connections": "\(open)", "cap": "\(maximum)"])
    }
  }

  mutating func connectionClosed() {
    open -= 1
  }

  func isAcceptingNewConnections() -> Bool { open < maximum }
}

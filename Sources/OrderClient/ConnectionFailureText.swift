import NIOCore
import NIOPosix

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns a failed connection attempt into a sentence for the lock's details.
enum ConnectionFailureText {
  static func describe(_ error: any Error, endpoint: ServiceEndpoint, timeout: Duration) -> String {
    let place = "\(endpoint.hostForURL):\(endpoint.port)"
    if let channelError = error as? ChannelError, case .connectTimeout = channelError {
      return "no answer from \(place) within \(OrderChannelError.seconds(timeout))."
    }
    if let connection = error as? NIOConnectionError {
      if connection.connectionErrors.isEmpty {
        if connection.dnsAError != nil || connection.dnsAAAAError != nil {
          return "the host name \(endpoint.host) could not be found (DNS)."
        }
        return "no address was found for \(endpoint.host)."
      }
      let errnos = connection.connectionErrors.compactMap { ($0.error as? IOError)?.errnoCode }
      if let code = errnos.first { return sentence(errno: code, place: place) }
      return "could not connect to \(place)."
    }
    if let ioError = error as? IOError {
      return sentence(errno: ioError.errnoCode, place: place)
    }
    return "could not connect to \(place) (\(error))."
  }

  private static func sentence(errno code: Int32, place: String) -> String {
    switch code {
    case ECONNREFUSED: "\(place) refused the connection; is the order service running?"
    case ETIMEDOUT: "no answer from \(place)."
    case ENETUNREACH, EHOSTUNREACH: "\(place) cannot be reached from this network."
    default: "could not connect to \(place): \(String(cString: strerror(code)))."
    }
  }
}

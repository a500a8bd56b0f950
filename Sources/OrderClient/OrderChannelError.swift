import OrderAPI
import OrderCore

/// Why a call to the order service did not give an answer.
///
/// Descriptions are for the person at the desk. None contains card data: the channel never
/// holds a card number or CVC, only sealed cards, and text from the service is neutralised
/// before it is shown.
public enum OrderChannelError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Nothing was sent, because the channel is not secure enough for it: card data needs
  /// `.secure`, and nothing at all is sent over TLS whose certificate failed verification.
  case insecureChannel(ChannelSecurity)
  /// No connection could be made (refused, unknown host, no answer, TLS failure).
  case unavailable(reason: String)
  /// The service did not answer in time.
  case timedOut(operation: String, after: Duration, retried: Bool)
  /// The connection closed before the answer was complete.
  case connectionLost(operation: String, retried: Bool)
  /// The service answered with an error status; `error` is its JSON error body, if it sent one.
  case serviceError(operation: String, status: Int, error: APIError?)
  /// The answer was not what the v1 API sends: malformed, too large, or an unexpected status.
  case unexpectedResponse(operation: String, problem: String)
  /// The service's catalog is not a valid catalog.
  case invalidCatalog(CatalogError)

  /// The problem in words, with what it means for the order.
  public var description: String {
    switch self {
    case .insecureChannel(let security):
      return Self.describeInsecure(security)
    case .unavailable(let reason):
      return "The order service cannot be reached: \(reason)"
    case .timedOut(let operation, let after, let retried):
      let again = retried ? ", twice (the second time on a new connection)" : ""
      return "The order service did not answer within \(Self.seconds(after)) while "
        + "\(operation)\(again). If an order was being submitted, submitting it again is safe: "
        + "it will not be charged twice."
    case .connectionLost(let operation, let retried):
      let again = retried ? ", and again on a new connection" : ""
      return "The connection to the order service closed while \(operation)\(again). If an "
        + "order was being submitted, submitting it again is safe: it will not be charged twice."
    case .serviceError(let operation, let status, let error):
      guard let error else {
        return "The order service answered \(status) while \(operation)."
      }
      let message = TerminalText.neutralised(String(error.message.prefix(500)))
      return "The order service refused \(operation) (\(status) \(error.code.rawValue)): \(message)"
    case .unexpectedResponse(let operation, let problem):
      let shown = TerminalText.neutralised(String(problem.prefix(500)))
      return "The order service's answer while \(operation) could not be used: \(shown)"
    case .invalidCatalog(let error):
      return "The order service's catalog is not valid:\n\(error)"
    }
  }

  private static func describeInsecure(_ security: ChannelSecurity) -> String {
    let reason = TerminalText.neutralised(security.reason ?? "")
    switch security {
    case .notEncrypted:
      return "Card details were not sent: the connection to the order service is not "
        + "encrypted. \(reason) Use an https:// service to take card payments."
    case .unverified:
      return "Nothing was sent: the order service's certificate could not be verified. "
        + reason
    case .secure, .unknown, .down:
      return
        "Nothing was sent: the connection to the order service is not secure (\(security.word)). "
        + reason
    }
  }

  static func seconds(_ duration: Duration) -> String {
    let milliseconds =
      duration.components.seconds * 1000
      + duration.components.attoseconds / 1_000_000_000_000_000
    if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
    return "\(milliseconds) ms"
  }
}

extension OrderChannelError: SubmitRefusalError {
  public var submitRefusal: SubmitRefusal? {
    guard case .serviceError(_, _, let body) = self, let body else { return nil }
    switch body.code {
    case .vaultUnavailable: return .vaultUnavailable
    case .vaultKeyRetired: return .vaultKeyRetired
    case .tooManyAttempts: return .tooManyAttempts
    default: return nil
    }
  }
}

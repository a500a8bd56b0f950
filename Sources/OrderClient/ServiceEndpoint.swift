/// Where the order service is: `https://host[:port]` or, for showing the open lock,
/// `http://host[:port]`.
///
/// Only a scheme, a host and a port: a path, query, fragment or user name in the URL is
/// refused rather than ignored, because the desk would not send what the person expects.
public struct ServiceEndpoint: Sendable, Hashable, CustomStringConvertible {
  /// The URL's scheme, which says whether the desk expects TLS.
  public enum Scheme: String, Sendable, Hashable {
    case https
    case http

    /// The port used when the URL names none.
    public var defaultPort: Int { self == .https ? 443 : 80 }
  }

  /// The longest URL read; longer text is refused unread.
  public static let maximumLength = 2048

  /// `https` or `http`.
  public let scheme: Scheme
  /// The host in lower case: a DNS name, dotted IPv4, or IPv6 without brackets.
  public let host: String
  /// The TCP port.
  public let port: Int

  /// An endpoint from parts already checked.
  public init(scheme: Scheme, host: String, port: Int? = nil) throws(ServiceEndpointError) {
    let url =
      "\(scheme.rawValue)://\(host.contains(":") ? "[\(host)]" : host)"
      + (port.map { ":\($0)" } ?? "")
    self = try ServiceEndpoint(parsing: url)
  }

  /// Whether the host is an IP address (which is checked against the certificate's IP
  /// addresses, and is never sent as a TLS server name).
  public var hostIsIPAddress: Bool {
    host.contains(":") || HostSyntax.isIPv4(host)
  }

  /// The host as it goes in a URL or a `Host` header: IPv6 in brackets.
  public var hostForURL: String { host.contains(":") ? "[\(host)]" : host }

  /// The `Host` header: the host, and the port when it is not the scheme's default.
  public var hostHeader: String {
    port == scheme.defaultPort ? hostForURL : "\(hostForURL):\(port)"
  }

  /// The URL in its normal form, for example `https://orders.example.com:8443`.
  public var url: String {
    "\(scheme.rawValue)://\(hostHeader)"
  }

  /// The same as ``url``.
  public var description: String { url }

  init(validScheme scheme: Scheme, host: String, port: Int) {
    self.scheme = scheme
    self.host = host
    self.port = port
  }
}

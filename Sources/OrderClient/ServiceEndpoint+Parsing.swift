extension ServiceEndpoint {
  /// Reads `https://host[:port]` or `http://host[:port]`, with at most a trailing `/`.
  ///
  /// The scheme and host may be in any case. The host is a DNS name, dotted IPv4, or IPv6 in
  /// brackets; the port is 1–65535. Errors say what is wrong without repeating the text.
  public init(parsing text: String) throws(ServiceEndpointError) {
    guard text.utf8.count <= Self.maximumLength else { throw .tooLong(text.utf8.count) }
    guard !text.isEmpty else { throw .empty }
    guard text.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
      throw .invalidCharacters
    }
    guard let separator = text.range(of: "://") else { throw .missingScheme }
    let schemeText = text[..<separator.lowerBound].lowercased()
    guard let scheme = Scheme(rawValue: schemeText) else {
      throw .unsupportedScheme(String(schemeText.prefix(20)))
    }
    var rest = text[separator.upperBound...]
    if rest.hasSuffix("/") { rest = rest.dropLast() }
    if rest.contains("@") { throw .userInfoNotAllowed }
    if rest.contains("?") { throw .queryNotAllowed }
    if rest.contains("#") { throw .fragmentNotAllowed }
    if rest.contains("/") { throw .pathNotAllowed }
    guard !rest.isEmpty else { throw .missingHost }

    let (host, portText) = try Self.splitHostAndPort(rest)
    var port = scheme.defaultPort
    if let portText {
      guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCIIDigit),
        let number = Int(portText), (1...65_535).contains(number)
      else { throw .invalidPort }
      port = number
    }
    self.init(validScheme: scheme, host: host, port: port)
  }

  /// The host (validated, lower case, IPv6 without brackets) and the port text, if any.
  private static func splitHostAndPort(
    _ authority: Substring
  ) throws(ServiceEndpointError) -> (String, Substring?) {
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else { throw .invalidHost }
      let inner = authority[authority.index(after: authority.startIndex)..<close]
      guard HostSyntax.isIPv6(inner) else { throw .invalidHost }
      let after = authority[authority.index(after: close)...]
      if after.isEmpty { return (inner.lowercased(), nil) }
      guard after.hasPrefix(":") else { throw .invalidHost }
      return (inner.lowercased(), after.dropFirst())
    }
    let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count <= 2 else { throw .invalidHost }
    let host = parts[0]
    guard HostSyntax.isIPv4(host) || HostSyntax.isDNSName(host) else { throw .invalidHost }
    return (host.lowercased(), parts.count == 2 ? parts[1] : nil)
  }
}

/// Why a `--server` URL was refused.
///
/// Messages never repeat the text, which may hold anything.
public enum ServiceEndpointError: Error, Sendable, Hashable, CustomStringConvertible {
  case empty
  case tooLong(Int)
  case invalidCharacters
  case missingScheme
  case unsupportedScheme(String)
  case missingHost
  case invalidHost
  case invalidPort
  case userInfoNotAllowed
  case pathNotAllowed
  case queryNotAllowed
  case fragmentNotAllowed

  /// The problem in words, with the expected form.
  public var description: String {
    let expected = "expected https://HOST or https://HOST:PORT"
    switch self {
    case .empty: return "The service URL is empty; \(expected)."
    case .tooLong(let count):
      return "The service URL is \(count) characters long; \(expected)."
    case .invalidCharacters:
      return "The service URL contains spaces, control or non-ASCII characters; \(expected)."
    case .missingScheme: return "The service URL has no scheme; \(expected)."
    case .unsupportedScheme(let scheme):
      let shown = scheme.allSatisfy { $0.isASCIILetterOrDigit } ? " \"\(scheme)\"" : ""
      return "The scheme\(shown) is not supported: the order service is reached over https "
        + "(or http for a demo of the open lock); \(expected)."
    case .missingHost: return "The service URL names no host; \(expected)."
    case .invalidHost:
      return "The host is not a DNS name, an IPv4 address or an IPv6 address in brackets; "
        + "\(expected)."
    case .invalidPort: return "The port must be a number from 1 to 65535; \(expected)."
    case .userInfoNotAllowed:
      return "The service URL must not contain a user name or password; \(expected)."
    case .pathNotAllowed:
      return "The service URL must not have a path; the desk adds /v1/… itself; \(expected)."
    case .queryNotAllowed: return "The service URL must not have a query (?…); \(expected)."
    case .fragmentNotAllowed: return "The service URL must not have a fragment (#…); \(expected)."
    }
  }
}

/// Host name and address syntax, checked on bytes so that no Unicode look-alike passes.
enum HostSyntax {
  /// Letters, digits and hyphens in dot-separated labels of 1–63, at most 253 in all, with at
  /// most one trailing dot; not all digits (that would be a malformed IPv4 address).
  static func isDNSName(_ text: Substring) -> Bool {
    var name = text
    if name.hasSuffix(".") { name = name.dropLast() }
    guard (1...253).contains(name.utf8.count) else { return false }
    let labels = name.split(separator: ".", omittingEmptySubsequences: false)
    let wellFormed = labels.allSatisfy { label in
      (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
        && label.allSatisfy { $0 == "-" || $0.isASCIILetterOrDigit }
    }
    let numeric = labels.last.map { $0.allSatisfy(\.isASCIIDigit) } ?? true
    return wellFormed && !numeric
  }

  /// Four decimal numbers 0–255 without leading zeros, separated by dots.
  static func isIPv4(_ text: some StringProtocol) -> Bool {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4
      && parts.allSatisfy { part in
        (1...3).contains(part.count) && part.allSatisfy(\.isASCIIDigit)
          && !(part.count > 1 && part.hasPrefix("0")) && (Int(part) ?? 256) <= 255
      }
  }

  /// Eight groups of 1–4 hex digits, or fewer with one `::`, optionally ending in IPv4.
  static func isIPv6(_ text: Substring) -> Bool {
    guard (2...45).contains(text.utf8.count) else { return false }
    let doubleColons = text.ranges(of: "::")
    guard doubleColons.count <= 1 else { return false }
    let halves: [Substring] =
      doubleColons.first.map { [text[..<$0.lowerBound], text[$0.upperBound...]] } ?? [text]
    var groupCount = 0
    for (index, half) in halves.enumerated() where !half.isEmpty {
      let groups = half.split(separator: ":", omittingEmptySubsequences: false)
      for (position, group) in groups.enumerated() {
        let isLast = index == halves.count - 1 && position == groups.count - 1
        if isLast, group.contains(".") {
          guard isIPv4(group) else { return false }
          groupCount += 2
          continue
        }
        guard (1...4).contains(group.count), group.allSatisfy(\.isHexDigit),
          group.allSatisfy(\.isASCII)
        else { return false }
        groupCount += 1
      }
    }
    return halves.count == 2 ? groupCount <= 7 : groupCount == 8
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
  fileprivate var isASCIILetterOrDigit: Bool { isASCII && (isLetter || isNumber) }
}

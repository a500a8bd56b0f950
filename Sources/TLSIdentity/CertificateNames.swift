import Foundation
import SwiftASN1
import X509

/// The names a certificate is issued for: DNS names and IP addresses as subject alternative
/// names, which is what TLS clients check (the common name is not).
public enum CertificateNames {
  /// The subject alternative names for these host names and IP addresses.
  package static func generalNames(
    hostNames: [String], ipAddresses: [String]
  ) throws(ServiceIdentityError) -> [GeneralName] {
    var names: [GeneralName] = []
    for host in hostNames {
      guard isValidHostName(host) else { throw .invalidHostName(host) }
      names.append(.dnsName(host.lowercased()))
    }
    for address in ipAddresses {
      guard let bytes = ipAddressBytes(address) else { throw .invalidIPAddress(address) }
      names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(bytes))))
    }
    return names
  }

  /// The DNS names and IP addresses a certificate lists, as text.
  public static func listed(in certificate: Certificate) -> [String] {
    guard let names = try? certificate.extensions.subjectAlternativeNames else { return [] }
    return names.compactMap { name in
      switch name {
      case .dnsName(let host): host
      case .ipAddress(let octets): ipAddressText(Array(octets.bytes))
      default: nil
      }
    }
  }

  /// Whether `certificate` names every host and address asked for.
  static func covers(
    _ certificate: Certificate, hostNames: [String], ipAddresses: [String]
  ) -> Bool {
    guard let names = try? certificate.extensions.subjectAlternativeNames else { return false }
    var hosts: Set<String> = []
    var addresses: Set<[UInt8]> = []
    for name in names {
      switch name {
      case .dnsName(let host): hosts.insert(host.lowercased())
      case .ipAddress(let octets): addresses.insert(Array(octets.bytes))
      default: break
      }
    }
    return hostNames.allSatisfy { hosts.contains($0.lowercased()) }
      && ipAddresses.allSatisfy { address in
        ipAddressBytes(address).map { addresses.contains($0) } ?? false
      }
  }

  /// Letters, digits and hyphens in dot-separated labels of 1–63 characters, at most 253 in
  /// all; a leading `*.` is allowed for a wildcard certificate.
  static func isValidHostName(_ host: String) -> Bool {
    var text = Substring(host)
    if text.hasPrefix("*.") { text = text.dropFirst(2) }
    guard (1...253).contains(text.utf8.count) else { return false }
    let labels = text.split(separator: ".", omittingEmptySubsequences: false)
    return labels.allSatisfy { label in
      (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
        && label.utf8.allSatisfy { byte in
          byte == UInt8(ascii: "-") || (0x30...0x39).contains(byte)
            || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
    }
  }

  /// The 4 or 16 bytes of an IPv4 or IPv6 address written as text, or `nil`.
  static func ipAddressBytes(_ text: String) -> [UInt8]? {
    // inet_pton reads a C string, which would end at an embedded NUL and accept the rest.
    guard text.utf8.count <= 64,
      text.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "%") })
    else { return nil }
    var v4 = in_addr()
    if inet_pton(AF_INET, text, &v4) == 1 {
      return withUnsafeBytes(of: &v4) { Array($0) }
    }
    var v6 = in6_addr()
    if inet_pton(AF_INET6, text, &v6) == 1 {
      return withUnsafeBytes(of: &v6) { Array($0) }
    }
    return nil
  }

  /// An address's bytes as text: dotted for IPv4, RFC 5952 form for IPv6.
  static func ipAddressText(_ bytes: [UInt8]) -> String? {
    let family: Int32
    switch bytes.count {
    case 4: family = AF_INET
    case 16: family = AF_INET6
    default: return nil
    }
    var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
    let written = bytes.withUnsafeBytes { raw in
      inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count))
    }
    guard written != nil else { return nil }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Who a client address stands for, when attempts are counted per client.
///
/// An IPv4 address is itself (also when written as an IPv4-mapped IPv6 address); an IPv6
/// address is its /64, since one subscriber is given a whole /64 and could otherwise make
/// each attempt from an address of its own.
public enum ClientSubject {
  /// `address` as counted: `203.0.113.7`, or the first 64 bits of an IPv6 address as
  /// `2001.db8.0.0.0.0.0.0/64`; anything else lower-cased as it is.
  public static func of(address: String) -> String {
    var bytes = [UInt8](repeating: 0, count: 16)
    guard address.contains(":"), inet_pton(AF_INET6, address, &bytes) == 1 else {
      return address.lowercased()
    }
    if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
      return bytes[12...].map(String.init).joined(separator: ".")
    }
    return bytes[0..<8].map { String($0, radix: 16) }.joined(separator: ".") + "/64"
  }
}

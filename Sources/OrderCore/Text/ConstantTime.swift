/// Comparison whose time does not depend on where two byte strings differ, for secrets
/// (tokens, signatures) and for facts an attacker probes (the email on an order).
public enum ConstantTime {
  public static func equal(
    _ left: some Collection<UInt8>, _ right: some Collection<UInt8>
  ) -> Bool {
    guard left.count == right.count else { return false }
    return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
  }
}

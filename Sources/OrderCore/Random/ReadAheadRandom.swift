#if canImport(Glibc)
  import Glibc
#endif

/// The system's random numbers, asked for once per `capacity` words instead of once per word.
///
/// `SystemRandomNumberGenerator` makes one `getrandom` call for every 64 bits, so a token of
/// 28 letters costs 28 system calls. This generator reads ahead from the same source, the
/// kernel's, in one call and hands each word out once. Make one where the values are needed and let it go:
/// the words it has not handed out are never kept anywhere else.
public struct ReadAheadRandom: RandomNumberGenerator {
  private var words: [UInt64]
  private var position = 0

  /// A generator that reads `capacity` words (256 bytes by default) at a time.
  public init(capacity: Int = 32) {
    precondition(capacity > 0, "A generator needs room for one word at least.")
    words = Array(repeating: 0, count: capacity)
    position = capacity
  }

  public mutating func next() -> UInt64 {
    if position == words.count {
      Self.fill(&words)
      position = 0
    }
    defer { position += 1 }
    return words[position]
  }

  private static func fill(_ words: inout [UInt64]) {
    #if canImport(Glibc)
      // glibc's `arc4random_buf` (2.36 and later) is `getrandom` for the whole buffer at once.
      words.withUnsafeMutableBytes { bytes in
        arc4random_buf(bytes.baseAddress!, bytes.count)
      }
    #else
      var system = SystemRandomNumberGenerator()
      for index in words.indices { words[index] = system.next() }
    #endif
  }
}

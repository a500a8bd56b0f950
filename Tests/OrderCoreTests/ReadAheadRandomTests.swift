import Testing

@testable import OrderCore

/// The read-ahead generator hands out every word it read once, refills when they run out,
/// and gives values that look like the kernel's.
@Suite("Read-ahead random numbers")
struct ReadAheadRandomTests {
  @Test func wordsAreNotRepeatedAcrossARefill() {
    var generator = ReadAheadRandom(capacity: 4)
    let words = (0..<12).map { _ in generator.next() }
    // Twelve 64-bit random words are all different unless the buffer is handed out twice.
    #expect(Set(words).count == 12, "\(words)")
  }

  @Test func twoGeneratorsDoNotShareWords() {
    var first = ReadAheadRandom()
    var second = ReadAheadRandom()
    let a = (0..<8).map { _ in first.next() }
    let b = (0..<8).map { _ in second.next() }
    #expect(Set(a).isDisjoint(with: b))
  }

  @Test func everyLetterOfAnAlphabetComesUpAndNoneDominates() {
    var generator = ReadAheadRandom()
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
    var counts: [Character: Int] = [:]
    for _ in 0..<26_000 {
      counts[alphabet.randomElement(using: &generator)!, default: 0] += 1
    }
    #expect(counts.count == 26)
    // 1,000 expected each; 800 and 1,200 are more than six standard deviations away.
    #expect(counts.values.allSatisfy { (800...1_200).contains($0) }, "\(counts)")
  }

  /// The twin: a generator that hands one word out twice is caught by the first check.
  @Test func aGeneratorRepeatingItsBufferIsCaught() {
    struct Repeating: RandomNumberGenerator {
      var inner = ReadAheadRandom(capacity: 4)
      var seen: [UInt64] = []
      mutating func next() -> UInt64 {
        if seen.count == 4 { return seen[0] }
        let word = inner.next()
        seen.append(word)
        return word
      }
    }
    var generator = Repeating()
    let words = (0..<12).map { _ in generator.next() }
    #expect(Set(words).count < 12)
  }
}

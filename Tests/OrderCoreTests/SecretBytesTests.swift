import Foundation
import PropertyBased
import Testing

@testable import OrderCore

@Suite("SecretBytes")
struct SecretBytesTests {
  static let testNumber = "4242424242424242"

  private func secret(_ text: String = SecretBytesTests.testNumber) -> SecretBytes {
    SecretBytes(copying: text.utf8)
  }

  private func contents(_ secret: SecretBytes) -> [UInt8] {
    secret.withUnsafeBytes { Array($0) }
  }

  @Test func holdsWhatWasCopied() {
    let value = secret()
    #expect(value.count == 16)
    #expect(!value.isEmpty)
    #expect(contents(value) == Array(Self.testNumber.utf8))
    #expect(value.capacity == SecretBytes.defaultCapacity)
  }

  @Test func copyingMoreThanTheDefaultCapacityGrowsTheBufferOnce() {
    let bytes = [UInt8](repeating: 7, count: 1000)
    let value = SecretBytes(copying: bytes)
    #expect(value.count == 1000)
    #expect(value.capacity == 1000)
    #expect(!value.append(1))
  }

  @Test func appendStopsWhenFullWithoutChangingAnything() {
    let value = SecretBytes(capacity: 3)
    #expect(value.append(1))
    #expect(value.append(2))
    #expect(value.append(3))
    #expect(!value.append(4))
    #expect(contents(value) == [1, 2, 3])
  }

  @Test func zeroCapacityHoldsNothing() {
    let value = SecretBytes(capacity: 0)
    #expect(!value.append(1))
    #expect(value.isEmpty)
    value.wipe()
    value.removeLast()
    #expect(contents(value) == [])
  }

  @Test func removeLastWipesTheRemovedByteAndIgnoresAnEmptySecret() {
    let value = SecretBytes(capacity: 4)
    value.append(9)
    value.append(8)
    value.removeLast()
    #expect(contents(value) == [9])
    #expect(value.storageSnapshotForTesting() == [9, 0, 0, 0])
    value.removeLast()
    value.removeLast()
    #expect(value.isEmpty)
    #expect(value.storageSnapshotForTesting() == [0, 0, 0, 0])
  }

  @Test func insertAndRemoveMoveBytesInPlaceAndWipeTheFreedByte() {
    let value = SecretBytes(capacity: 4)
    #expect(value.insert(1, at: 0))
    #expect(value.insert(3, at: 5))  // clamped to the end
    #expect(value.insert(2, at: 1))
    #expect(contents(value) == [1, 2, 3])
    value.remove(at: 0)
    #expect(contents(value) == [2, 3])
    #expect(value.storageSnapshotForTesting() == [2, 3, 0, 0])
    value.remove(at: 7)
    value.remove(at: -1)
    #expect(contents(value) == [2, 3])
    #expect(value.insert(9, at: -3))
    #expect(value.insert(8, at: 3))
    #expect(!value.insert(7, at: 0))
    #expect(contents(value) == [9, 2, 3, 8])
  }

  @Test func wipeZeroesEveryByteOfTheBuffer() {
    let value = secret()
    #expect(value.storageSnapshotForTesting().contains { $0 != 0 })
    value.wipe()
    #expect(value.count == 0)
    #expect(contents(value).isEmpty)
    #expect(value.storageSnapshotForTesting().allSatisfy { $0 == 0 })
    #expect(value.storageSnapshotForTesting().count == value.capacity)
  }

  @Test func removeAllWipesToo() {
    let value = secret()
    value.removeAll()
    #expect(value.isEmpty)
    #expect(value.storageSnapshotForTesting().allSatisfy { $0 == 0 })
    #expect(value.append(UInt8(ascii: "1")))
    #expect(contents(value) == [UInt8(ascii: "1")])
  }

  @Test func descriptionsNeverRevealTheBytes() {
    let value = secret()
    let texts = [
      value.description, value.debugDescription, "\(value)", String(describing: value),
      String(reflecting: value), "\([value])", "\(Optional(value) as Any)",
    ]
    for text in texts {
      #expect(!text.contains("4242"), "\(text)")
      #expect(text.contains(SecretBytes.redaction))
    }
  }

  @Test func dumpAndMirrorShowNothingInside() {
    let value = secret()
    var dumped = ""
    dump(value, to: &dumped)
    #expect(!dumped.contains("4242"))
    #expect(!dumped.contains("16"), "not even the length")
    #expect(Mirror(reflecting: value).children.isEmpty)
  }

  @Test func encodingThrowsASentenceWithoutTheValue() throws {
    struct Holder: Encodable { let number: SecretBytes }
    let error = #expect(throws: EncodingError.self) {
      try JSONEncoder().encode(Holder(number: secret()))
    }
    let text = String(describing: try #require(error))
    #expect(text.contains("not encodable"))
    #expect(!text.contains("4242"))
  }

  @Test func decodingReadsAStringIntoTheSecret() throws {
    struct Holder: Decodable { let cvc: SecretBytes }
    let holder = try JSONDecoder().decode(Holder.self, from: Data(#"{"cvc":"737"}"#.utf8))
    #expect(contents(holder.cvc) == Array("737".utf8))
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(Holder.self, from: Data(#"{"cvc":737}"#.utf8))
    }
  }

  @Test func concurrentAppendsNeverLoseOrOverflow() async {
    let value = SecretBytes(capacity: 500)
    await withTaskGroup(of: Int.self) { group in
      for _ in 0..<8 {
        group.addTask {
          var added = 0
          for _ in 0..<100 where value.append(1) { added += 1 }
          return added
        }
      }
      var total = 0
      for await added in group { total += added }
      #expect(total == 500)
    }
    #expect(value.count == 500)
  }

  @Test func withUnsafeBytesPassesTheClosuresErrorThrough() {
    struct Refused: Error {}
    #expect(throws: Refused.self) {
      try secret().withUnsafeBytes { _ throws(Refused) in throw Refused() }
    }
  }

  @Test func propertyAppendsThenRemovesLeaveZeros() async {
    await propertyCheck(
      count: 200, input: Gen.uint8(in: 1...255).array(of: 0...80), Gen.int(in: 0...90)
    ) { bytes, removals in
      let value = SecretBytes(capacity: 64)
      var expected: [UInt8] = []
      for byte in bytes where value.append(byte) { expected.append(byte) }
      #expect(expected == Array(bytes.prefix(64)))
      for _ in 0..<removals { value.removeLast() }
      expected.removeLast(min(removals, expected.count))
      #expect(contents(value) == expected)
      let snapshot = value.storageSnapshotForTesting()
      #expect(snapshot[expected.count...].allSatisfy { $0 == 0 })
    }
  }
}

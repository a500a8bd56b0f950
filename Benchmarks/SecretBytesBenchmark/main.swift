import OrderCore
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// What one `SecretBytes` costs to make, fill and free, against the heap buffer it used to
/// be, measured in the same run: `swift run -c release secretbytes-benchmark [rounds]`.

/// The buffer as `SecretBytes` kept it before it had pages of its own: 16-byte aligned heap
/// memory, zeroed when made and wiped when freed, behind the same lock.
final class HeapSecret: @unchecked Sendable {
  private let storage: UnsafeMutableRawBufferPointer
  private let state = Mutex<Int>(0)

  init(capacity: Int) {
    storage = .allocate(byteCount: capacity, alignment: 16)
    storage.initializeMemory(as: UInt8.self, repeating: 0)
  }

  deinit {
    SecretBytes.zero(storage)
    storage.deallocate()
  }

  func append(_ byte: UInt8) {
    state.withLock { count in
      storage[count] = byte
      count += 1
    }
  }
}

/// Nanoseconds per round of `body`, the best of five runs of `rounds` rounds.
func nanoseconds(rounds: Int, _ body: () -> Void) -> Double {
  var best = Double.infinity
  for _ in 0..<5 {
    let start = ContinuousClock.now
    for _ in 0..<rounds { body() }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    best = min(best, seconds * 1e9 / Double(rounds))
  }
  return best
}

let rounds = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000
let digits = Array("1234567890123456".utf8)

let heap = nanoseconds(rounds: rounds) {
  let secret = HeapSecret(capacity: SecretBytes.defaultCapacity)
  for digit in digits { secret.append(digit) }
}
let paged = nanoseconds(rounds: rounds) {
  let secret = SecretBytes(capacity: SecretBytes.defaultCapacity)
  for digit in digits { secret.append(digit) }
}
let tally = SecretMemoryProtection.shared.tally
print("make, fill with 16 digits and free one secret (best of 5 × \(rounds)):")
print("  heap buffer (before)        \(Int(heap.rounded())) ns")
print("  locked pages (SecretBytes)  \(Int(paged.rounded())) ns")
print("  ratio                       \((paged / heap * 10).rounded() / 10)×")
print(
  "  pages locked \(tally.locked), refused \(tally.notLocked), not left out of dumps \(tally.notExcludedFromDumps)"
)

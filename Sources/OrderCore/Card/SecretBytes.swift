import Synchronization

/// Secret bytes, such as a card number or a CVC, kept in one buffer that is wiped when done.
///
/// The buffer has a fixed capacity allocated once, so appending never reallocates and never
/// leaves a stale copy behind in freed memory. `wipe()`, `removeAll()` and deinitialisation
/// overwrite the bytes with zeros in a way the optimiser may not remove. The buffer lies in
/// pages of its own, locked out of swap and left out of core files where the system allows
/// (``SecretMemoryProtection``).
///
/// The bytes never appear in `description`, `debugDescription`, `dump`, `Mirror` or string
/// interpolation, and encoding throws; the only way to read them is `withUnsafeBytes`.
///
/// The type is not `Equatable`: a plain byte comparison would stop at the first difference and
/// leak timing, and nothing in the desk needs to compare two secrets.
public final class SecretBytes: @unchecked Sendable {
  /// The capacity used when none is given; enough for any card number typed with separators.
  public static let defaultCapacity = 64

  /// The pages holding the buffer, mapped in `init` and unmapped in `deinit`.
  private let pages: SecretPages
  /// The first `capacity` bytes of `pages`; only touched while `state` is locked.
  private let storage: UnsafeMutableRawBufferPointer
  /// How many bytes of `storage` are in use; the lock also guards the bytes themselves.
  private let state = Mutex<Int>(0)

  /// An empty secret that can hold up to `capacity` bytes.
  public init(capacity: Int = SecretBytes.defaultCapacity) {
    precondition(capacity >= 0, "A capacity cannot be negative.")
    // Freshly mapped pages are already zero-filled.
    pages = SecretPages(byteCount: capacity)
    storage = UnsafeMutableRawBufferPointer(rebasing: pages.memory[0..<capacity])
  }

  /// A secret holding a copy of `bytes`, with room for at least `defaultCapacity` bytes.
  ///
  /// The caller stays responsible for wiping the source it copied from.
  public convenience init(copying bytes: some Collection<UInt8>) {
    self.init(capacity: Swift.max(SecretBytes.defaultCapacity, bytes.count))
    state.withLock { count in
      // A collection whose `count` disagrees with its iteration must not write past the end.
      for byte in bytes where count < storage.count {
        storage[count] = byte
        count += 1
      }
    }
  }

  deinit {
    SecretBytes.zero(storage)
    pages.release()
  }

  /// The number of bytes held.
  public var count: Int { state.withLock { $0 } }

  /// Whether the secret holds no bytes.
  public var isEmpty: Bool { count == 0 }

  /// The largest number of bytes the secret can hold.
  public var capacity: Int { storage.count }

  /// Adds a byte at the end; returns `false`, changing nothing, when the secret is full.
  @discardableResult
  public func append(_ byte: UInt8) -> Bool {
    state.withLock { count in
      guard count < storage.count else { return false }
      storage[count] = byte
      count += 1
      return true
    }
  }

  /// Removes and wipes the last byte; does nothing when the secret is empty.
  ///
  /// Unlike `Array.removeLast()` this does not trap when empty, because it backs the
  /// backspace key of a text field, which may be pressed in an empty field.
  public func removeLast() {
    state.withLock { count in
      guard count > 0 else { return }
      count -= 1
      SecretBytes.zero(UnsafeMutableRawBufferPointer(rebasing: storage[count..<(count + 1)]))
    }
  }

  /// Inserts a byte before position `index` (clamped to the bytes held); returns `false`,
  /// changing nothing, when the secret is full.
  ///
  /// Bytes move within the fixed buffer, so no copy is left anywhere else.
  @discardableResult
  public func insert(_ byte: UInt8, at index: Int) -> Bool {
    state.withLock { count in
      guard count < storage.count else { return false }
      let position = Swift.min(Swift.max(0, index), count)
      var cursor = count
      while cursor > position {
        storage[cursor] = storage[cursor - 1]
        cursor -= 1
      }
      storage[position] = byte
      count += 1
      return true
    }
  }

  /// Removes the byte at `index` and wipes the freed byte; does nothing for an index outside
  /// the bytes held.
  public func remove(at index: Int) {
    state.withLock { count in
      guard index >= 0, index < count else { return }
      for cursor in index..<(count - 1) { storage[cursor] = storage[cursor + 1] }
      count -= 1
      SecretBytes.zero(UnsafeMutableRawBufferPointer(rebasing: storage[count..<(count + 1)]))
    }
  }

  /// Removes every byte and overwrites the buffer with zeros.
  public func removeAll() {
    wipe()
  }

  /// Overwrites the whole buffer with zeros and empties the secret.
  public func wipe() {
    state.withLock { count in
      SecretBytes.zero(storage)
      count = 0
    }
  }

  /// Calls `body` with the bytes held, while no other thread can change them.
  ///
  /// `body` must not keep the pointer, and must not use this same secret again (the lock is
  /// not re-entrant). Copying the bytes out defeats the purpose; read them where they are.
  public func withUnsafeBytes<Result, Failure: Error>(
    _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let outcome: Swift.Result<Result, Failure> = state.withLock { count in
      let bytes = UnsafeRawBufferPointer(rebasing: storage[0..<count])
      do throws(Failure) {
        return .success(try body(bytes))
      } catch {
        return .failure(error)
      }
    }
    return try outcome.get()
  }

  /// Every byte of the buffer, used or not, so tests can see that wiping left zeros behind.
  internal func storageSnapshotForTesting() -> [UInt8] {
    state.withLock { _ in Array(storage) }
  }

  /// Where the pages holding the buffer start and how long they are, so tests can find them
  /// in the process's memory map.
  internal var pagesForTesting: (start: UInt, count: Int) {
    (UInt(bitPattern: pages.memory.baseAddress), pages.memory.count)
  }
}

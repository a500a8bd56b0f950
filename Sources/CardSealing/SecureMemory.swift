import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Wiping of memory that held card data, in a way the optimiser may not remove.
///
/// The zeroing itself is the core's (`SecretBytes.zero`: `explicit_bzero` or `memset_s`);
/// this adds the containers sealing and opening pass through.
public enum SecureMemory {
  /// Overwrites `buffer` with zeros.
  public static func zero(_ buffer: UnsafeMutableRawBufferPointer) {
    SecretBytes.zero(buffer)
  }

  /// Overwrites the bytes of `data` with zeros and empties it.
  ///
  /// `data` must be the only reference to its storage: a shared `Data` would copy on write
  /// and only the copy would be wiped.
  public static func wipe(_ data: inout Data) {
    data.withUnsafeMutableBytes { zero($0) }
    data.removeAll()
  }

  /// Overwrites the bytes of `bytes` with zeros and empties it.
  ///
  /// The same caveat as for `Data`: the array must not share its storage.
  public static func wipe(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { zero($0) }
    bytes.removeAll()
  }
}

/// A fixed-capacity byte buffer for card plaintext, zeroed and freed when it goes away.
///
/// It is not copyable, so no second copy of the bytes can exist by accident, and it never
/// grows, so no reallocation leaves a stale copy in freed memory.
struct PlaintextBuffer: ~Copyable {
  private let storage: UnsafeMutableRawBufferPointer
  private(set) var count = 0

  init(capacity: Int) {
    storage = .allocate(byteCount: Swift.max(capacity, 1), alignment: 16)
    storage.initializeMemory(as: UInt8.self, repeating: 0)
  }

  deinit {
    SecureMemory.zero(storage)
    storage.deallocate()
  }

  /// Appends `byte`; returns `false`, changing nothing, when the buffer is full.
  @discardableResult
  mutating func append(_ byte: UInt8) -> Bool {
    guard count < storage.count else { return false }
    storage[count] = byte
    count += 1
    return true
  }

  /// Appends every byte of `bytes`; returns `false` as soon as one does not fit.
  @discardableResult
  mutating func append(contentsOf bytes: some Sequence<UInt8>) -> Bool {
    for byte in bytes where !append(byte) { return false }
    return true
  }

  /// Calls `body` with the bytes in use; `body` must not keep the pointer.
  func withBytes<Result, Failure: Error>(
    _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(UnsafeRawBufferPointer(rebasing: storage[0..<count]))
  }
}

import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension SecretBytes {
  /// Overwrites `buffer` with zeros in a way the compiler cannot drop as a dead store.
  ///
  /// A plain loop or `memset` right before freeing memory may be optimised away because no
  /// one reads the zeros; `explicit_bzero` and `memset_s` exist to forbid exactly that.
  public static func zero(_ buffer: UnsafeMutableRawBufferPointer) {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return }
    #if canImport(Darwin)
      _ = memset_s(base, buffer.count, 0, buffer.count)
    #elseif canImport(Glibc) || canImport(Musl)
      explicit_bzero(base, buffer.count)
    #else
      // No guaranteed primitive here: a sequentially consistent fence after the stores stops
      // the compiler from treating them as dead, because another thread could observe them.
      buffer.initializeMemory(as: UInt8.self, repeating: 0)
      atomicMemoryFence(ordering: .sequentiallyConsistent)
    #endif
  }
}

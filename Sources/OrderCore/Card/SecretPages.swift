#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole pages of memory mapped for one secret alone, locked out of swap and left out of core
/// files where the system allows.
///
/// A secret gets its own anonymous mapping rather than heap memory because both protections
/// work on whole pages: `mlock` and `madvise(MADV_DONTDUMP)` on a heap block would also cover
/// its neighbours, `munlock` on free would unlock a neighbouring secret on the same page, and
/// marking part of the heap would split its mapping for good. `munmap` ends the lock and the
/// mark together, so a freed secret leaves nothing behind for the allocator to inherit.
///
/// Mapping, locking, marking and unmapping are four system calls, more than a card's whole
/// authorization spends on anything but cryptography; so a single page that got both
/// protections is zeroed and kept, locked and marked, for the next secret (see
/// ``SecretMemoryProtection``'s reserve). It never goes back to the allocator while kept.
struct SecretPages {
  /// The whole mapping: at least one page, zero-filled.
  let memory: UnsafeMutableRawBufferPointer
  private let protection: SecretMemoryProtection
  /// Whether both protections took effect, so the page may be kept for another secret.
  private let fullyProtected: Bool

  /// Maps enough pages for `byteCount` bytes and protects them as far as `protection` can;
  /// a protection that fails is recorded there, and the pages are used all the same.
  ///
  /// Traps when no memory can be mapped at all, as the standard allocator does.
  init(byteCount: Int, protection: SecretMemoryProtection = .shared) {
    let pageSize = SecretPages.pageSize
    let length = Swift.max(1, (byteCount + pageSize - 1) / pageSize) * pageSize
    self.protection = protection
    if length == pageSize, let kept = protection.takeKeptPage() {
      memory = UnsafeMutableRawBufferPointer(start: kept, count: length)
      fullyProtected = true
      return
    }
    let mapped = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
    guard let base = mapped, base != UnsafeMutableRawPointer(bitPattern: -1) else {
      fatalError("Out of memory: no page could be mapped for a secret.")
    }
    memory = UnsafeMutableRawBufferPointer(start: base, count: length)
    fullyProtected = protection.protect(memory)
  }

  /// Zeroes a fully protected single page and keeps it for the next secret, or unmaps the
  /// pages, which also unlocks them; the caller wipes its bytes first all the same.
  func release() {
    if fullyProtected, memory.count == SecretPages.pageSize {
      SecretBytes.zero(memory)
      if protection.keep(memory.baseAddress!) { return }
    }
    munmap(memory.baseAddress, memory.count)
  }

  /// The system's page size, read once.
  static let pageSize: Int = {
    let size = sysconf(Int32(_SC_PAGESIZE))
    return size > 0 ? size : 4096
  }()
}

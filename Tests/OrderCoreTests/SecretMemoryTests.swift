import Foundation
import Synchronization
import Testing

@testable import OrderCore

/// Secrets lie in pages of their own, locked out of swap and left out of core files, as the
/// kernel reports in `/proc/self/smaps`; a system that refuses is reported once, never per
/// secret, and the secrets keep working.
@Suite("Secret memory")
struct SecretMemoryTests {
  @Test func aSecretHasWholePagesOfItsOwn() {
    let page = SecretPages.pageSize
    for (capacity, pages) in [(0, 1), (64, 1), (page, 1), (page + 1, 2)] {
      let secret = SecretBytes(capacity: capacity)
      let (start, count) = secret.pagesForTesting
      #expect(start % UInt(page) == 0, "capacity \(capacity)")
      #expect(count == pages * page, "capacity \(capacity)")
      #expect(secret.capacity == capacity)
    }
  }

  #if os(Linux)
    @Test func theKernelSeesASecretsPagesLockedAndLeftOutOfCoreFiles() throws {
      let secret = SecretBytes(copying: "4242424242424242".utf8)
      let flags = try MemoryMap.flags(containing: secret.pagesForTesting.start)
      #expect(flags.contains("lo"), "not locked: \(flags)")
      #expect(flags.contains("dd"), "not left out of core files: \(flags)")
      #expect(secret.withUnsafeBytes { Array($0) } == Array("4242424242424242".utf8))
    }

    /// The twin: ordinary heap memory is neither locked nor left out of core files.
    @Test func ordinaryHeapMemoryIsSeenWithoutEitherMark() throws {
      let ordinary = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 16)
      defer { ordinary.deallocate() }
      let flags = try MemoryMap.flags(
        containing: UInt(bitPattern: ordinary.baseAddress))
      #expect(!flags.contains("lo") && !flags.contains("dd"), "\(flags)")
    }
  #endif

  @Test func refusedProtectionsAreCountedAndReportedOnce() {
    let protection = SecretMemoryProtection(
      lock: { _ in ENOMEM }, excludeFromDumps: { _ in EINVAL })
    let reports = Reports()
    protection.reportFirstProblem(to: reports.add)
    let pages = (0..<5).map { _ in SecretPages(byteCount: 64, protection: protection) }
    for page in pages {
      // Still memory to use, zero-filled.
      #expect(page.memory.allSatisfy { $0 == 0 })
      page.memory[0] = 7
      #expect(page.memory[0] == 7)
      page.release()
    }
    #expect(protection.tally == .init(locked: 0, notLocked: 5, notExcludedFromDumps: 5))
    #expect(reports.lines.count == 1, "\(reports.lines)")
    let line = reports.lines.first ?? ""
    #expect(line.contains("mlock: \(String(cString: strerror(ENOMEM)))"), "\(line)")
    #expect(line.contains("locked-memory limit"), "\(line)")
    #expect(line.contains("still wiped"), "\(line)")
  }

  @Test func aProblemBeforeAnyoneListensIsReportedWhenSomeoneDoes() {
    let protection = SecretMemoryProtection(lock: { _ in 0 }, excludeFromDumps: { _ in EINVAL })
    SecretPages(byteCount: 64, protection: protection).release()
    SecretPages(byteCount: 64, protection: protection).release()
    let reports = Reports()
    protection.reportFirstProblem(to: reports.add)
    #expect(reports.lines.count == 1)
    #expect(reports.lines.first?.contains("MADV_DONTDUMP") == true, "\(reports.lines)")
    SecretPages(byteCount: 64, protection: protection).release()
    #expect(reports.lines.count == 1)
    #expect(protection.tally == .init(locked: 3, notLocked: 0, notExcludedFromDumps: 3))
  }

  @Test func nothingIsReportedWhenEveryProtectionHolds() {
    let protection = SecretMemoryProtection(lock: { _ in 0 }, excludeFromDumps: { _ in 0 })
    let reports = Reports()
    protection.reportFirstProblem(to: reports.add)
    SecretPages(byteCount: 64, protection: protection).release()
    #expect(reports.lines.isEmpty)
    #expect(protection.tally == .init(locked: 1, notLocked: 0, notExcludedFromDumps: 0))
  }

  @Test func aProtectedPageIsZeroedAndKeptForTheNextSecretWithoutNewSystemCalls() {
    let locks = Reports()
    let protection = SecretMemoryProtection(
      lock: { _ in
        locks.add("mlock")
        return 0
      }, excludeFromDumps: { _ in 0 })
    let first = SecretPages(byteCount: 64, protection: protection)
    first.memory.copyBytes(from: Array("4242424242424242".utf8))
    let address = first.memory.baseAddress
    first.release()
    #expect(protection.keptPageCount == 1)
    let second = SecretPages(byteCount: 64, protection: protection)
    #expect(second.memory.baseAddress == address)
    #expect(second.memory.allSatisfy { $0 == 0 }, "the first secret's bytes are still there")
    #expect(locks.lines.count == 1)
    #expect(protection.tally == .init(locked: 2, notLocked: 0, notExcludedFromDumps: 0))
    second.release()
  }

  /// The twin: a page the system would not leave out of core files is unmapped, not kept,
  /// and the next secret gets pages protected anew.
  @Test func aPageMissingAProtectionIsNeverKept() {
    let locks = Reports()
    let protection = SecretMemoryProtection(
      lock: { _ in
        locks.add("mlock")
        return 0
      }, excludeFromDumps: { _ in EINVAL })
    SecretPages(byteCount: 64, protection: protection).release()
    #expect(protection.keptPageCount == 0)
    SecretPages(byteCount: 64, protection: protection).release()
    #expect(locks.lines.count == 2)
  }

  @Test func noMoreThanTheLimitOfPagesIsKept() {
    let protection = SecretMemoryProtection(lock: { _ in 0 }, excludeFromDumps: { _ in 0 })
    let pages = (0..<(SecretMemoryProtection.keptPageLimit + 5)).map { _ in
      SecretPages(byteCount: 64, protection: protection)
    }
    for page in pages { page.release() }
    #expect(protection.keptPageCount == SecretMemoryProtection.keptPageLimit)
    // Secrets of more than a page are never kept.
    SecretPages(byteCount: SecretPages.pageSize + 1, protection: protection).release()
    #expect(protection.keptPageCount == SecretMemoryProtection.keptPageLimit)
  }
}

/// Lines reported, from any thread.
private final class Reports: Sendable {
  private let collected = Mutex<[String]>([])
  var lines: [String] { collected.withLock { $0 } }
  func add(_ line: String) { collected.withLock { $0.append(line) } }
}

/// This process's memory map as the kernel describes it.
private enum MemoryMap {
  struct Missing: Error, CustomStringConvertible {
    let address: UInt
    var description: String { "no mapping holds 0x\(String(address, radix: 16))" }
  }

  /// The `VmFlags` of the mapping that holds `address`, from `/proc/self/smaps`.
  static func flags(containing address: UInt) throws -> [String] {
    // Read to the end: a /proc file says its size is 0, and a reader that trusts it stops short.
    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/self/smaps"))
    defer { try? handle.close() }
    let smaps = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
    var inside = false
    for line in smaps.split(separator: "\n") {
      // A mapping starts with its range, `low-high`, in hex; its fields follow.
      let bounds = line.prefix { $0 != " " }.split(separator: "-")
      if bounds.count == 2, let low = UInt(bounds[0], radix: 16),
        let high = UInt(bounds[1], radix: 16)
      {
        inside = low <= address && address < high
      } else if inside, line.hasPrefix("VmFlags:") {
        return line.dropFirst("VmFlags:".count).split(separator: " ").map(String.init)
      }
    }
    throw Missing(address: address)
  }
}

import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Keeps the pages of secrets out of swap (`mlock`) and out of core files
/// (`madvise(MADV_DONTDUMP)`), and remembers when the system would not.
///
/// Either protection may be refused: `mlock` beyond the locked-memory limit (`RLIMIT_MEMLOCK`,
/// often 8 MiB, 64 KiB in some containers) without the privilege to exceed it, `MADV_DONTDUMP`
/// on a system without it. A refused protection never stops a secret from being made: its
/// bytes are still wiped when done, and the processes also turn core files off as a whole.
/// The first refusal is reported once, never once per secret.
public final class SecretMemoryProtection: Sendable {
  /// How the secrets made so far were protected.
  public struct Tally: Sendable, Equatable {
    /// Secrets whose pages are locked in memory.
    public var locked = 0
    /// Secrets whose pages the system would not lock.
    public var notLocked = 0
    /// Secrets whose pages the system would not leave out of core files.
    public var notExcludedFromDumps = 0
  }

  /// A protection applied to whole pages: 0 when it took effect, otherwise the `errno`.
  typealias PageCall = @Sendable (UnsafeMutableRawBufferPointer) -> Int32

  /// The protection every ``SecretBytes`` of this process gets.
  public static let shared = SecretMemoryProtection()

  private struct State {
    var tally = Tally()
    /// What failed first, once known, until it is handed to a reporter.
    var firstProblem: String?
    var reporter: (@Sendable (String) -> Void)?
    var reported = false

    /// The first problem, if there is one and a reporter to take it; marks it reported.
    mutating func takeUnreportedProblem() -> String? {
      guard !reported, reporter != nil, let problem = firstProblem else { return nil }
      reported = true
      firstProblem = nil
      return problem
    }
  }

  /// The most zeroed, protected pages kept for new secrets (64 KiB with 4 KiB pages).
  static let keptPageLimit = 16

  private let lock: PageCall
  private let excludeFromDumps: PageCall
  private let state = Mutex(State())
  /// Single pages that got both protections, zeroed when their secret was done; addresses,
  /// so that they may cross threads.
  private let keptPages = Mutex<[UInt]>([])

  init(
    lock: @escaping PageCall = SecretMemoryProtection.lockInMemory,
    excludeFromDumps: @escaping PageCall = SecretMemoryProtection.leaveOutOfDumps
  ) {
    self.lock = lock
    self.excludeFromDumps = excludeFromDumps
  }

  /// How the secrets made so far were protected.
  public var tally: Tally { state.withLock { $0.tally } }

  /// Has `report` called once with one line saying which protection the system refused and
  /// why: when that first happens, or at once if it already has.
  ///
  /// The line names no secret: only the call, the error and the locked-memory limit.
  public func reportFirstProblem(to report: @escaping @Sendable (String) -> Void) {
    let pending: String? = state.withLock { state in
      state.reporter = report
      return state.takeUnreportedProblem()
    }
    if let pending { report(pending) }
  }

  /// A kept page for a new secret, counted as a locked secret; `nil` when none is kept.
  func takeKeptPage() -> UnsafeMutableRawPointer? {
    guard let address = keptPages.withLock({ $0.popLast() }) else { return nil }
    state.withLock { $0.tally.locked += 1 }
    return UnsafeMutableRawPointer(bitPattern: address)
  }

  /// Keeps a zeroed page that got both protections; `false` when enough are kept already.
  func keep(_ page: UnsafeMutableRawPointer) -> Bool {
    let address = UInt(bitPattern: page)
    return keptPages.withLock { pages in
      guard pages.count < Self.keptPageLimit else { return false }
      pages.append(address)
      return true
    }
  }

  /// How many pages are kept for new secrets.
  var keptPageCount: Int { keptPages.withLock { $0.count } }

  /// Applies both protections to `pages`, counting and reporting what the system refused;
  /// `true` when both took effect.
  @discardableResult
  func protect(_ pages: UnsafeMutableRawBufferPointer) -> Bool {
    let lockError = lock(pages)
    let dumpError = excludeFromDumps(pages)
    let (problem, report): (String?, (@Sendable (String) -> Void)?) = state.withLock { state in
      if lockError == 0 { state.tally.locked += 1 } else { state.tally.notLocked += 1 }
      if dumpError != 0 { state.tally.notExcludedFromDumps += 1 }
      if state.firstProblem == nil && !state.reported {
        if lockError != 0 {
          state.firstProblem = Self.describeLockFailure(lockError)
        } else if dumpError != 0 {
          state.firstProblem =
            "secret memory cannot be left out of core files (madvise MADV_DONTDUMP: "
            + Self.name(of: dumpError) + "); core files stay off for the whole process"
        }
      }
      return (state.takeUnreportedProblem(), state.reporter)
    }
    if let problem, let report { report(problem) }
    return lockError == 0 && dumpError == 0
  }

  private static func describeLockFailure(_ code: Int32) -> String {
    var limit = rlimit()
    #if canImport(Glibc)
      let read = getrlimit(__rlimit_resource_t(__RLIMIT_MEMLOCK.rawValue), &limit)
    #else
      let read = getrlimit(RLIMIT_MEMLOCK, &limit)
    #endif
    let shownLimit =
      read != 0
      ? "unknown"
      : limit.rlim_cur == rlim_t.max ? "unlimited" : "\(limit.rlim_cur) bytes"
    return "secret memory cannot be locked out of swap (mlock: \(name(of: code)); "
      + "locked-memory limit \(shownLimit)); secrets are still wiped after use"
  }

  private static func name(of code: Int32) -> String {
    String(cString: strerror(code))
  }

  /// `mlock`: the pages stay in memory, never written to swap.
  static let lockInMemory: PageCall = { pages in
    mlock(pages.baseAddress, pages.count) == 0 ? 0 : errno
  }

  /// `madvise(MADV_DONTDUMP)`: a core file, if one is made, leaves the pages out.
  static let leaveOutOfDumps: PageCall = { pages in
    #if os(Linux)
      return madvise(pages.baseAddress, pages.count, MADV_DONTDUMP) == 0 ? 0 : errno
    #else
      // No such advice here; core files are turned off for the whole process instead.
      return 0
    #endif
  }
}

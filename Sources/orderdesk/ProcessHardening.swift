import OrderCore

#if canImport(CProcessControl) && os(Linux)
  import CProcessControl
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What every `orderdesk` process does before anything else: it can leave no core file, and
/// other processes of its user cannot read its memory.
///
/// The desk holds card numbers and CVCs while they are typed, the vault holds its keys and
/// every card it opens. A crash with core files on would copy that memory to disk, wherever
/// the system's `core_pattern` points. So the core file size limit goes to 0 (the hard limit
/// too, so nothing in the process or its children can raise it again), and on Linux the
/// process is made not dumpable, which also stops the kernel from writing a core through a
/// `core_pattern` pipe, and refuses `ptrace` and `/proc/PID/mem` to others of the same user.
/// Both are read back, because a call that returned success is not yet proof.
enum ProcessHardening {
  /// A step that did not take effect.
  struct Failure: Error, CustomStringConvertible {
    /// The call, as a person would look it up.
    let step: String
    /// The `errno` it left, or 0 when it returned success without effect.
    let code: Int32

    var description: String {
      code == 0
        ? "\(step) had no effect" : "\(step) failed: \(String(cString: strerror(code)))"
    }
  }

  /// Turns core files off for this process and its children; throws the first step that
  /// failed or did not hold.
  static func apply() throws(Failure) {
    var none = rlimit(rlim_cur: 0, rlim_max: 0)
    guard setrlimit(coreLimit, &none) == 0 else {
      throw Failure(step: "setrlimit(RLIMIT_CORE, 0)", code: errno)
    }
    var now = rlimit()
    guard getrlimit(coreLimit, &now) == 0 else {
      throw Failure(step: "getrlimit(RLIMIT_CORE)", code: errno)
    }
    guard now.rlim_cur == 0, now.rlim_max == 0 else {
      throw Failure(step: "setrlimit(RLIMIT_CORE, 0)", code: 0)
    }
    #if os(Linux)
      guard od_set_dumpable(0) == 0 else {
        throw Failure(step: "prctl(PR_SET_DUMPABLE, 0)", code: errno)
      }
      guard od_get_dumpable() == 0 else {
        throw Failure(step: "prctl(PR_SET_DUMPABLE, 0)", code: 0)
      }
    #endif
  }

  /// Hardens this process, or ends it with a message when that is impossible; then sends the
  /// first protection of secret memory the system refuses to standard error, once.
  ///
  /// A process that could write its memory to disk does not go on to handle card data. Every
  /// command refuses, not only those that touch cards, because the calls only fail on a
  /// system that forbids them outright, and a clear refusal there is better than a desk that
  /// starts and a vault that does not.
  static func applyOrExit() {
    do {
      try apply()
    } catch {
      printToStandardError(
        "orderdesk: cannot keep card data out of core files (\(error)); not starting")
      exit(71)  // EX_OSERR
    }
    SecretMemoryProtection.shared.reportFirstProblem { problem in
      printToStandardError("orderdesk: \(problem)")
    }
  }

  /// Writes `line` with `write(2)`: the report may come from any thread, at any moment, and
  /// must not wait on a buffered stream another thread holds.
  private static func printToStandardError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    bytes.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count {
        let written = write(STDERR_FILENO, base + offset, buffer.count - offset)
        if written > 0 {
          offset += written
        } else if written < 0 && errno == EINTR {
          continue
        } else {
          return
        }
      }
    }
  }

  #if canImport(Glibc)
    private static let coreLimit = __rlimit_resource_t(RLIMIT_CORE.rawValue)
  #else
    private static let coreLimit = RLIMIT_CORE
  #endif
}

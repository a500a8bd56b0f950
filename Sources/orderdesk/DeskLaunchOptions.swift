import OrderCore
import TLSIdentity

/// What the desk is started with: the options of `orderdesk [desk]`, as plain values.
///
/// `orderdesk` reads them in two ways. ``init(quickParsing:)`` understands exactly the
/// command lines that open the desk with valid options, so that the first frame is not kept
/// waiting for ArgumentParser's reflection; anything else (help, a subcommand, a mistake)
/// goes to ArgumentParser, which explains it. The tests hold both readings equal.
struct DeskLaunchOptions: Equatable, Sendable {
  var currency = Currency.eur
  var theme: String?
  var connection = DeskConnectionSettings()
  /// Whether the desk opens for support staff, on the sign-in screen.
  var staff = false
  /// How long a staff desk waits for a key before it locks; `nil` for the standard 15 minutes.
  var idleLockSeconds: Int64?

  /// The longest a staff desk may be left before it locks (PCI DSS 8.2.8): 15 minutes.
  static let longestIdleLock: Int64 = 15 * 60

  init() {}

  /// The options of a command line that only opens the desk, or `nil` for any other.
  init?(quickParsing arguments: [String]) {
    var remaining = arguments[...]
    if remaining.first == "desk" { remaining = remaining.dropFirst() }
    // An array, not a Set: a Set's first use would keep the first frame waiting while the
    // runtime scans the binary's protocol conformances.
    var seen: [String] = []
    while let argument = remaining.popFirst() {
      guard argument.hasPrefix("--") else { return nil }
      if argument == "--staff" {
        guard !staff else { return nil }
        staff = true
        continue
      }
      let name: String
      let value: String
      if let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
      } else {
        guard let next = remaining.popFirst(), !next.hasPrefix("-") else { return nil }
        name = argument
        value = next
      }
      // A repeated option, or a value that is not one, is left to ArgumentParser's messages.
      guard !seen.contains(name), !value.isEmpty else { return nil }
      seen.append(name)
      switch name {
      case "--currency":
        guard let currency = Currency(code: value) else { return nil }
        self.currency = currency
      case "--theme": theme = value
      case "--server": connection.server = value
      case "--ca-file": connection.caFile = value
      case "--pin": connection.pin = value
      case "--data-dir": connection.dataDir = value
      case "--idle-lock":
        guard let span = Span(argument: value),
          (1...Self.longestIdleLock).contains(span.seconds)
        else { return nil }
        idleLockSeconds = span.seconds
      default: return nil
      }
    }
    guard connection.problem == nil, idleLockSeconds == nil || staff else { return nil }
  }
}

/// Where the desk sends orders: the embedded service (no `server`) or a remote one.
struct DeskConnectionSettings: Equatable, Sendable {
  var server: String?
  var caFile: String?
  var pin: String?
  var dataDir: String?

  /// Why these settings do not go together, or `nil` when they do.
  var problem: String? {
    if server == nil && (caFile != nil || pin != nil) {
      return "--ca-file and --pin go with --server."
    }
    if caFile != nil && pin != nil {
      return "Give either --ca-file or --pin, not both."
    }
    if let pin {
      do { _ = try CertificatePin(parsing: pin) } catch { return "\(error)" }
    }
    return nil
  }

  /// `--data-dir`, else `$XDG_DATA_HOME/orderdesk`, else `~/.local/share/orderdesk`.
  func resolvedDataDirectory(environment: [String: String], home: () -> String) -> String {
    if let dataDir { return dataDir }
    if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/orderdesk" }
    return (environment["HOME"] ?? home()) + "/.local/share/orderdesk"
  }
}

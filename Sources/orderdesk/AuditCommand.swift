import ArgumentParser
import Foundation
import OrderCore
import StaffAccounts

/// `orderdesk audit`: the staff audit trail, listed or verified.
struct AuditCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "List or verify the staff audit trail.",
    discussion: """
      Every sign-in, sign-out, lock, unlock, staff action and account change is a record in \
      DATA_DIR/audit.sqlite, chained to the one before by SHA-256, with the last one named in \
      DATA_DIR/audit.head. 'orderdesk audit verify' checks the chain.
      """,
    subcommands: [AuditListCommand.self, AuditVerifyCommand.self],
    defaultSubcommand: AuditListCommand.self
  )
}

/// `orderdesk audit [list]`.
struct AuditListCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List records, newest last (the default).")

  @Option(help: "Only this actor: a name, unknown:NAME or admin:USER.")
  var actor: String?

  @Option(help: "Only this action, such as sign-in or refund.")
  var action: ActionArgument?

  @Option(help: "Only records of this order number.")
  var order: OrderNumberArgument?

  @Option(help: "Only this outcome: success or failure.")
  var outcome: OutcomeArgument?

  @Option(help: "Only records from this day on (YYYY-MM-DD, UTC).")
  var since: DayArgument?

  @Option(help: "Only records up to and including this day (YYYY-MM-DD, UTC).")
  var until: DayArgument?

  @Option(help: "Only the newest N of the records that match.")
  var limit: Int?

  @Flag(help: "Print the records as a JSON array.")
  var json = false

  @OptionGroup var data: StaffDataOptions

  func validate() throws {
    if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more.") }
    if let since, let until, until.start < since.start {
      throw ValidationError("--until is before --since.")
    }
  }

  func run() async throws {
    let trail = try data.auditTrail()
    let filter = AuditFilter(
      actor: actor, action: action?.value, order: order?.value, outcome: outcome?.value,
      since: since?.start, until: until?.end, limit: limit)
    let records: [AuditRecord]
    do {
      records = try trail.records(filter)
    } catch {
      throw AdministrationError("\(error)")
    }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      let text = String(
        decoding: try encoder.encode(records.map(AuditRecordJSON.init)), as: UTF8.self)
      print(text)
    } else {
      for record in records { print(Self.line(record)) }
    }
    // Reading the trail is itself recorded (PCI DSS 10.2.1.3); a trail that refuses appends
    // is still listed, with a warning.
    do {
      try await trail.append(
        AuditEntry(
          actor: StaffDataOptions.administrator, action: .auditViewed, outcome: .success,
          origin: "cli", detail: "listed \(records.count) records"))
    } catch {
      FileHandle.standardError.write(Data("warning: \(error)\n".utf8))
    }
  }

  /// One record on one line: sequence, time, actor, role, action, outcome, origin, order,
  /// detail.
  static func line(_ record: AuditRecord) -> String {
    [
      "#\(record.sequence)", AuditRecordJSON.timestamp(record), record.actor,
      record.role?.rawValue ?? "-", record.action.rawValue, record.outcome.rawValue,
      record.origin, record.order ?? "-", record.detail,
    ].map(TerminalText.neutralised).joined(separator: "  ")
  }
}

/// `orderdesk audit verify`.
struct AuditVerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check the chain; exit 0 when intact, 1 naming the first broken record.")

  @OptionGroup var data: StaffDataOptions

  func run() throws {
    let verification: AuditVerification
    do {
      verification = try data.auditTrail().verify()
    } catch let error as AuditTrailError {
      throw AdministrationError(error.description)
    }
    print(verification.description)
    if case .broken = verification { throw ExitCode(1) }
  }
}

/// A record as `orderdesk audit --json` prints it.
struct AuditRecordJSON: Encodable {
  let sequence: Int64
  let time: String
  let actor: String
  let role: String?
  let action: String
  let outcome: String
  let origin: String
  let order: String?
  let detail: String
  let previousHash: String
  let hash: String

  init(_ record: AuditRecord) {
    sequence = record.sequence
    time = Self.timestamp(record)
    actor = record.actor
    role = record.role?.rawValue
    action = record.action.rawValue
    outcome = record.outcome.rawValue
    origin = record.origin
    order = record.order
    detail = record.detail
    previousHash = Self.hex(record.previousHash)
    hash = Self.hex(record.hash)
  }

  /// ISO 8601 in UTC with milliseconds: `2026-12-07T14:30:00.123Z`.
  static func timestamp(_ record: AuditRecord) -> String {
    record.time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
  }

  static func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
  }
}

/// An action given on the command line, by its recorded name.
struct ActionArgument: ExpressibleByArgument {
  let value: AuditAction

  init?(argument: String) {
    guard let action = AuditAction(rawValue: argument) else { return nil }
    value = action
  }

  static var allValueStrings: [String] { AuditAction.allCases.map(\.rawValue) }
}

/// An outcome given on the command line.
struct OutcomeArgument: ExpressibleByArgument {
  let value: AuditOutcome

  init?(argument: String) {
    guard let outcome = AuditOutcome(rawValue: argument) else { return nil }
    value = outcome
  }

  static var allValueStrings: [String] { AuditOutcome.allCases.map(\.rawValue) }
}

/// An order number given on the command line.
struct OrderNumberArgument: ExpressibleByArgument {
  let value: OrderNumber

  init?(argument: String) {
    guard let number = OrderNumber(argument) else { return nil }
    value = number
  }
}

/// A day given on the command line as `YYYY-MM-DD`, in UTC.
struct DayArgument: ExpressibleByArgument {
  /// Its first moment.
  let start: Date

  /// The first moment of the next day.
  var end: Date { start.addingTimeInterval(86400) }

  init?(argument: String) {
    let parts = argument.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
    else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let components = DateComponents(year: year, month: month, day: day)
    guard let date = calendar.date(from: components),
      calendar.dateComponents([.year, .month, .day], from: date) == components
    else { return nil }
    start = date
  }
}

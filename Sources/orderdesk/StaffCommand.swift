import ArgumentParser
import Foundation
import OrderCore
import StaffAccounts

/// `orderdesk staff`: the support staff's personal accounts, administered on the service's
/// host.
struct StaffCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "staff",
    abstract: "Add, list, disable and reset the support staff's accounts.",
    discussion: """
      Each member of staff signs in with a name, a passphrase (12 to 128 characters, with a \
      letter and a digit, not containing the name) and a code from an authenticator app. The \
      accounts live in DATA_DIR/staff.sqlite; every change is recorded in the audit trail \
      ('orderdesk audit'). A passphrase is read from the terminal twice without echo, or as \
      one line of standard input.
      """,
    subcommands: [
      StaffAddCommand.self, StaffListCommand.self, StaffDisableCommand.self,
      StaffResetCommand.self,
    ]
  )
}

/// `orderdesk staff add NAME --role agent|supervisor`.
struct StaffAddCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add", abstract: "Add an account and show its second factor.")

  @Argument(help: "The account's name: 1 to 32 of a-z, 0-9, '.', '_' and '-'.")
  var name: String

  @Option(help: "What the account may do: agent, or supervisor (who may also refund).")
  var role: RoleArgument

  @OptionGroup var data: StaffDataOptions

  func run() async throws {
    let trail = try data.auditTrail(appending: true)
    let directory = try data.directory()
    do {
      // Before the passphrase is asked for: a name that cannot be added is said at once.
      let added = try StaffName(name)
      if try directory.account(named: name) != nil {
        throw StaffDirectoryError.duplicateName(added)
      }
      let passphrase = try PassphrasePrompt.read(for: added.rawValue)
      let enrolment = try await directory.add(
        name: name, role: role.value, passphrase: passphrase)
      try await StaffAdministration.record(
        trail, .accountAdded, .success, "added \(added) as \(role.value.rawValue)")
      print("Added \(added) (\(role.value.rawValue)).")
      StaffAdministration.printSecondFactor(enrolment)
    } catch let error as StaffDirectoryError {
      try await StaffAdministration.record(
        trail, .accountAdded, .failure, "could not add '\(name)': \(error)")
      throw AdministrationError(error.description)
    }
  }
}

/// `orderdesk staff list`.
struct StaffListCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List the accounts: name, role, status, created.")

  @OptionGroup var data: StaffDataOptions

  func run() async throws {
    let trail = try data.auditTrail()
    let accounts: [StaffAccount]
    do {
      accounts = try data.directory().list()
    } catch let error as StaffDirectoryError {
      throw AdministrationError(error.description)
    }
    // Listing changes nothing: a trail that refuses records still lets it, with a warning.
    do {
      try await StaffAdministration.record(
        trail, .accountsListed, .success, "accounts listed: \(accounts.count)")
    } catch {
      FileHandle.standardError.write(Data("warning: \(error)\n".utf8))
    }
    guard !accounts.isEmpty else {
      print("No staff accounts yet: add one with 'orderdesk staff add NAME --role agent'.")
      return
    }
    let now = Date()
    let rows =
      [["NAME", "ROLE", "STATUS", "CREATED"]]
      + accounts.map { account in
        [
          account.name, account.role.rawValue, account.status(at: now).description,
          account.createdAt.formatted(.iso8601),
        ]
      }
    let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
    for row in rows {
      let cells = zip(row, widths).map { cell, width in
        cell + String(repeating: " ", count: width - cell.count)
      }
      print(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
    }
  }
}

/// `orderdesk staff disable NAME`.
struct StaffDisableCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "disable",
    abstract: "Disable an account: it can no longer sign in, and its sessions end.")

  @Argument(help: "The account's name.")
  var name: String

  @OptionGroup var data: StaffDataOptions

  func run() async throws {
    let trail = try data.auditTrail(appending: true)
    do {
      try data.directory().disable(name: name)
      let disabled = try StaffName(name)
      try await StaffAdministration.record(
        trail, .accountDisabled, .success, "disabled \(disabled)")
      print("Disabled \(disabled); its sessions end at their next request.")
    } catch let error as StaffDirectoryError {
      try await StaffAdministration.record(
        trail, .accountDisabled, .failure, "could not disable '\(name)': \(error)")
      throw AdministrationError(error.description)
    }
  }
}

/// `orderdesk staff reset NAME`.
struct StaffResetCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reset",
    abstract: "Give an account a new passphrase and second factor, and enable it.",
    discussion: "The lock after failed sign-ins is cleared and the account's sessions end.")

  @Argument(help: "The account's name.")
  var name: String

  @OptionGroup var data: StaffDataOptions

  func run() async throws {
    let trail = try data.auditTrail(appending: true)
    let directory = try data.directory()
    do {
      let reset = try StaffName(name)
      if try directory.account(named: name) == nil { throw StaffDirectoryError.unknownName(reset) }
      let passphrase = try PassphrasePrompt.read(for: reset.rawValue)
      let enrolment = try await directory.reset(name: name, passphrase: passphrase)
      try await StaffAdministration.record(trail, .accountReset, .success, "reset \(reset)")
      print("Reset \(reset): a new passphrase and a new second factor; it is enabled.")
      StaffAdministration.printSecondFactor(enrolment)
    } catch let error as StaffDirectoryError {
      try await StaffAdministration.record(
        trail, .accountReset, .failure, "could not reset '\(name)': \(error)")
      throw AdministrationError(error.description)
    }
  }
}

/// What the staff commands share: their audit records and the second factor's display.
enum StaffAdministration {
  /// Records an administration command as `admin:<system user>` from `cli`.
  static func record(
    _ trail: AuditTrail, _ action: AuditAction, _ outcome: AuditOutcome, _ detail: String
  ) async throws {
    do {
      try await trail.append(
        AuditEntry(
          actor: StaffDataOptions.administrator, action: action, outcome: outcome,
          origin: "cli", detail: detail))
    } catch {
      throw AdministrationError("This was not recorded in the audit trail: \(error)")
    }
  }

  static func printSecondFactor(_ enrolment: SecondFactorEnrolment) {
    print(
      """
      Second factor: put it in an authenticator app (TOTP, SHA-1, 6 digits, 30 seconds), from
      this link or a QR code of it:
        \(enrolment.uri)
      or by typing the secret:
        \(enrolment.secret)
      Give it to its owner only; it is not shown again.
      """)
  }
}

/// A role given on the command line.
struct RoleArgument: ExpressibleByArgument {
  let value: StaffRole

  init?(argument: String) {
    guard let role = StaffRole(rawValue: argument.lowercased()) else { return nil }
    value = role
  }

  static var allValueStrings: [String] { StaffRole.allCases.map(\.rawValue) }
}

import ArgumentParser
import Foundation
import OrderClient
import OrderCore

/// `orderdesk login`: signs a member of staff in to an order service, for `orderdesk orders`.
struct LoginCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "login",
    abstract: "Sign in as a member of staff, for 'orderdesk orders'.",
    discussion: """
      Asks for the passphrase (without echo) and the authenticator's current code; from a \
      script, reads them as two lines of standard input. The session is kept in \
      $XDG_STATE_HOME/orderdesk/staff-session.json (mode 0600) until it ends: after 30 \
      minutes unused, 8 hours after signing in, or at 'orderdesk logout'. Sessions live in the \
      service's process, so --server names a running 'orderdesk serve'.
      """)

  @Option(help: "The order service, as https://HOST[:PORT] (a running 'orderdesk serve').")
  var server: String

  @Option(help: "A PEM file of CA certificates to verify --server against.")
  var caFile: String?

  @Option(
    help: "The pin to trust --server by: sha256//BASE64 (key) or sha256:AB:CD:… (certificate).")
  var pin: String?

  @Option(help: "The account's name.")
  var name: String

  func validate() throws {
    if let problem = DeskConnectionSettings(server: server, caFile: caFile, pin: pin).problem {
      throw ValidationError(problem)
    }
  }

  func run() async throws {
    let passphrase = try SecretPrompt.read("Passphrase for \(name): ", hidden: true)
    let code = try SecretPrompt.read("Code from the authenticator: ", hidden: false)
    var session = StaffSessionFile(
      server: server, caFile: caFile, pin: pin, member: StaffMember(name: name, role: .agent),
      token: "", expiresAt: 0)
    let channel = try await session.channel()
    defer { Task { await channel.close() } }
    do {
      session.member = try await channel.signIn(
        StaffCredentials(name: name, passphrase: passphrase, code: code))
    } catch {
      throw AdministrationError("Not signed in: \(error)")
    }
    guard let token = await channel.staffSessionToken else {
      throw AdministrationError("Not signed in: the service gave no session.")
    }
    session.token = token
    session.expiresAt = await channel.staffSessionExpiresAt ?? 0
    try session.write()
    print("Signed in as \(session.member.name) (\(session.member.role.rawValue)).")
  }
}

/// `orderdesk logout`: ends the session `orderdesk login` opened.
struct LogoutCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "logout", abstract: "End the session 'orderdesk login' opened.")

  func run() async throws {
    let path = StaffSessionFile.path()
    guard let session = try? StaffSessionFile.read(from: path) else {
      print("Not signed in.")
      return
    }
    let channel = try await session.channel()
    await channel.signOut()
    await channel.close()
    try? FileManager.default.removeItem(atPath: path)
    print("Signed out \(session.member.name).")
  }
}

import DeskTheme
import OrderCore

/// The order on its way: sent, then waiting for the card to be authorized.
public struct SubmittingScreen: Sendable, Hashable {
  /// Whether the order has been written to the connection, so that the screen says the desk
  /// is waiting for the authorization rather than still sending.
  public internal(set) var isSent = false
}

extension SubmittingScreen: DeskScreen {
  /// Never given a key: keys typed meanwhile wait for the answer, which decides where the desk
  /// goes (the receipt, the payment screen, the review).
  mutating func update(_ key: Key, _ context: ScreenContext) -> ScreenOutcome { [] }

  /// The order is sent once; its answer decides what the next key means.
  func awaitsAnswer(_ context: ScreenContext) -> Bool { true }

  func render(_ context: ScreenContext, into painter: inout Painter) {
    let glyphs = painter.glyphs
    let version = context.security.session?.protocolVersion.rawValue ?? "TLS"
    painter.line("Placing the order", .accent)
    painter.blank()
    painter.line("\(glyphs[.stepDone]) Card sealed for the vault", .success)
    if isSent {
      painter.line("\(glyphs[.stepDone]) Order sent over \(version)", .success)
      painter.line("\(glyphs[.stepCurrent]) Waiting for the card to be authorized…", .accent)
    } else {
      painter.line("\(glyphs[.stepCurrent]) Sending the order over \(version)…", .accent)
      painter.line("\(glyphs[.stepTodo]) Waiting for the card to be authorized", .muted)
    }
    painter.blank()
    painter.paragraph(
      "Please wait. The order is sent once; if the connection drops it is retried with the "
        + "same key, so it is never charged twice.", .muted)
  }

  func keyBar(_ context: ScreenContext, glyphs: Glyphs) -> String {
    "Submitting, please wait…"
  }
}

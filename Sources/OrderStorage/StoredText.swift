/// The one rule the store puts on text: it must not contain NUL.
///
/// SQLite's C interface, as GRDB calls it, reads and writes text up to the first NUL, so a
/// NUL would silently cut a field short. The store keeps every other character exactly as
/// given (escape sequences, emoji, any script) and refuses NUL rather than lose what follows
/// it; customer validation refuses control characters long before text gets here.
enum StoredText {
  static func check(_ fields: [String]) throws(OrderStoreError) {
    if fields.contains(where: { $0.utf8.contains(0) }) {
      throw .invalidInput("text holds a NUL character, which the database would cut off")
    }
  }

  static func check(_ context: ChangeContext) throws(OrderStoreError) {
    try check([context.actor, context.origin, context.note])
  }
}

/// Keys typed while the screen waits for an answer that decides what they mean, kept in the
/// order they were read until the screen can take them.
///
/// Phone operators type ahead of the screen, as on a 5250 terminal: a key is never dropped
/// because a request is in flight. The queue is bounded; a key past the bound is counted, not
/// kept, and the desk says so.
///
/// The keys may be a card number typed ahead, so the queue prints only how many it holds, and
/// a key's slot is overwritten once the key is taken.
public struct TypeAhead: Sendable {
  /// How many keys wait at most, unless the desk is made with another bound.
  public static let standardLimit = 4_096

  /// How many keys wait at most.
  public let limit: Int
  /// The waiting keys are `slots[first...]`.
  private var slots: [Key] = []
  private var first = 0
  /// Keys read while the queue was full, since the desk last said how many.
  public private(set) var dropped = 0

  init(limit: Int = TypeAhead.standardLimit) {
    self.limit = max(0, limit)
  }

  /// How many keys wait.
  public var count: Int { slots.count - first }

  public var isEmpty: Bool { count == 0 }

  /// Keeps `key` behind the others; returns `false`, and counts it, when the queue is full.
  mutating func keep(_ key: Key) -> Bool {
    guard count < limit else {
      dropped += 1
      return false
    }
    slots.append(key)
    return true
  }

  /// Takes the oldest key.
  mutating func next() -> Key? {
    guard first < slots.count else { return nil }
    let key = slots[first]
    slots[first] = Self.blank
    first += 1
    if first == slots.count { empty() }
    return key
  }

  /// Forgets how many keys were dropped, once the desk has said so.
  mutating func droppedWereReported() {
    dropped = 0
  }

  /// Forgets every waiting key.
  mutating func removeAll() {
    for index in slots.indices { slots[index] = Self.blank }
    empty()
  }

  private mutating func empty() {
    slots.removeAll(keepingCapacity: true)
    first = 0
  }

  /// What a taken key's slot holds instead.
  private static let blank = Key.function(0)
}

extension TypeAhead: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  public var description: String { "TypeAhead(\(count) keys waiting, \(dropped) dropped)" }
  public var debugDescription: String { description }
  public var customMirror: Mirror {
    Mirror(self, children: ["count": count, "dropped": dropped, "limit": limit])
  }
}

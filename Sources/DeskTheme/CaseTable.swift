/// A small enum whose cases number themselves from 0, so a ``CaseTable`` can keep a value
/// for each case in an array.
public protocol CaseTableKey: CaseIterable {
  /// How many cases there are.
  static var caseCount: Int { get }
  /// This case's position in `allCases`, from 0 to ``caseCount`` - 1.
  var caseIndex: Int { get }
}

/// Values keyed by the cases of a small enum, as a dictionary would hold them, kept in an
/// array in case order.
///
/// The desk's themes and palettes use it instead of a `Dictionary`: the first dictionary a
/// process makes with a key type of its own has the Swift runtime search every protocol
/// conformance in the binary, some ten thousand, for that key's `Hashable`, and the desk's
/// first frame would wait for each such search. For the same reason `Key` is constrained on
/// the extensions, not on the type: making the metadata of a `CaseTable<ThemeSlot, …>` must
/// not need a search for `ThemeSlot: CaseTableKey`.
public struct CaseTable<Key, Value> {
  private var storage: [Value?]

  /// The values, in the order of their keys.
  public var values: [Value] { storage.compactMap { $0 } }

  /// Whether no key has a value.
  public var isEmpty: Bool { storage.allSatisfy { $0 == nil } }
}

extension CaseTable where Key: CaseTableKey {
  /// An empty table.
  public init() {
    storage = Array(repeating: nil, count: Key.caseCount)
  }

  /// The value for `key`, or `nil`; setting `nil` removes it.
  public subscript(key: Key) -> Value? {
    get { storage[key.caseIndex] }
    set { storage[key.caseIndex] = newValue }
  }

  /// The keys that have a value, in case order.
  public var keys: [Key] {
    Key.allCases.filter { storage[$0.caseIndex] != nil }
  }
}

extension CaseTable: ExpressibleByDictionaryLiteral where Key: CaseTableKey {
  /// A table of the given pairs; of two pairs with the same key, the later one counts.
  public init(dictionaryLiteral elements: (Key, Value)...) {
    self.init()
    for (key, value) in elements { self[key] = value }
  }
}

extension CaseTable: Equatable where Value: Equatable {}
extension CaseTable: Hashable where Value: Hashable {}
extension CaseTable: Sendable where Value: Sendable {}

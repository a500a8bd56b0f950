extension Countries {
  /// Countries for a country field filled in by typing, best match first.
  ///
  /// Ranking, in tiers:
  /// 1. the exact code, an exact name or an exact alias (`de` → Germany, `uk` and `england`
  ///    → United Kingdom, `usa` and `america` → United States, `holland` → Netherlands);
  /// 2. names that start with the query (`ger` → Germany), then aliases that do;
  /// 3. names with a later word that starts with it (`kingdom` → United Kingdom), then
  ///    aliases with one;
  /// 4. names that contain it anywhere (`land` → Finland), then aliases that do.
  ///
  /// Within a tier countries are in alphabetical order of name, so the list is stable while
  /// the person types. Matching ignores case, diacritics, apostrophes and punctuation
  /// (`cote` → Côte d'Ivoire, `aland` → Åland Islands, `turk` → Türkiye first). An empty
  /// query, a query longer than 100 bytes or a `limit` below 1 gives no countries.
  ///
  /// Names are folded once, on first use, so each keystroke only compares short byte arrays.
  public static func matching(_ query: String, limit: Int = 10) -> [Country] {
    guard limit > 0, query.utf8.count <= maxQueryBytes else { return [] }
    let folded = SearchFolding.folded(query)
    guard !folded.isEmpty else { return [] }
    let code = query.trimmingASCIIWhitespace().uppercased()
    var tiers: [[Country]] = Array(repeating: [], count: SearchEntry.tierCount)
    for entry in searchIndex {
      if let tier = entry.tier(code: code, folded: folded) {
        tiers[tier].append(entry.country)
      }
    }
    return Array(tiers.joined().prefix(limit))
  }

  /// Every country with its folded names, in alphabetical order of folded name.
  static let searchIndex: [SearchEntry] = all.map(SearchEntry.init)
    .sorted { ($0.names[0], $0.country.code) < ($1.names[0], $1.country.code) }
}

/// One country prepared for type-ahead matching.
struct SearchEntry: Sendable {
  /// Exact; then name and alias tiers for start, later word and anywhere.
  static let tierCount = 7

  let country: Country
  /// The folded name first, then the folded aliases.
  let names: [FoldedName]

  init(_ country: Country) {
    self.country = country
    let aliases = Countries.aliases[country.code] ?? []
    names = ([country.name] + aliases).map { FoldedName(SearchFolding.folded($0)) }
  }

  /// The best tier at which `folded` matches this country, or nil when it does not.
  func tier(code: String, folded: [UInt8]) -> Int? {
    if code == country.code { return 0 }
    var best: Int?
    for (index, name) in names.enumerated() {
      guard let nameTier = name.tier(of: folded) else { continue }
      if nameTier == 0 { return 0 }
      // An alias match ranks just below a name match of the same kind.
      let tier = 2 * nameTier - (index == 0 ? 1 : 0)
      best = min(best ?? tier, tier)
    }
    return best
  }
}

/// A folded name and where its words start.
struct FoldedName: Sendable, Comparable {
  let bytes: [UInt8]
  /// Offsets of the second and later words.
  let wordStarts: [Int]

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    wordStarts = bytes.indices.dropFirst().filter { bytes[$0 - 1] == 0x20 }
  }

  static func < (lhs: FoldedName, rhs: FoldedName) -> Bool {
    lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
  }

  /// 0 for the whole name, 1 for its start, 2 for a later word's start, 3 for anywhere.
  func tier(of query: [UInt8]) -> Int? {
    guard let first = query.first, query.count <= bytes.count else { return nil }
    return bytes.withUnsafeBufferPointer { name in
      query.withUnsafeBufferPointer { query in
        if Self.matches(query, in: name, at: 0) { return query.count == name.count ? 0 : 1 }
        for start in wordStarts where Self.matches(query, in: name, at: start) { return 2 }
        let lastStart = name.count - query.count
        var offset = 1
        while offset <= lastStart {
          if name[offset] == first && Self.matches(query, in: name, at: offset) { return 3 }
          offset += 1
        }
        return nil
      }
    }
  }

  private static func matches(
    _ query: UnsafeBufferPointer<UInt8>, in name: UnsafeBufferPointer<UInt8>, at offset: Int
  ) -> Bool {
    guard offset + query.count <= name.count else { return false }
    var index = 0
    while index < query.count {
      if name[offset + index] != query[index] { return false }
      index += 1
    }
    return true
  }
}

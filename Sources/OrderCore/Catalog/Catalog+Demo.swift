extension Catalog {
  /// The demo catalog of a small software vendor, read from ``demoJSON``.
  ///
  /// It goes through the same reader as any catalog file, so the format and the demo cannot
  /// drift apart; a test proves it reads without problems, which is why the getter can only
  /// throw if that test fails. The result is read once and kept.
  public static var demo: Catalog {
    get throws(CatalogError) { try demoResult.get() }
  }

  /// The file name the demo catalog reports in messages.
  public static let demoSource = "demo-catalog.json"

  private static let demoResult = Result { () throws(CatalogError) -> Catalog in
    try parse(demoJSON.utf8, source: demoSource)
  }
}

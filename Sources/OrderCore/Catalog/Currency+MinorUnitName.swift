extension Currency {
  /// The plural name of the minor unit, for messages such as "a whole number of cents".
  var minorUnitName: String {
    switch self {
    case .eur, .usd: "cents"
    case .gbp: "pence"
    case .jpy: "yen"
    }
  }
}

/// A VAT rate in basis points: 1,900 is 19 %, 2,550 is 25.5 %.
///
/// Basis points keep every rate in force exact as an integer, so tax is computed without
/// floating point.
public struct TaxRate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The highest rate accepted: 100 %.
  public static let maximumBasisPoints = 10_000
  /// No tax.
  public static let zero = TaxRate(uncheckedBasisPoints: 0)

  /// The rate in hundredths of a percent.
  public let basisPoints: Int

  /// A rate of `basisPoints` hundredths of a percent, or `nil` outside 0 %…100 %.
  public init?(basisPoints: Int) {
    guard (0...Self.maximumBasisPoints).contains(basisPoints) else { return nil }
    self.basisPoints = basisPoints
  }

  init(uncheckedBasisPoints: Int) {
    basisPoints = uncheckedBasisPoints
  }

  /// Decodes a number of basis points, refusing one outside 0…10,000.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let value = try container.decode(Int.self)
    guard let rate = TaxRate(basisPoints: value) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "A tax rate must be between 0 and 10000 basis points.")
    }
    self = rate
  }

  /// Encodes the rate as its number of basis points.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(basisPoints)
  }

  /// Whether no tax is due at this rate.
  public var isZero: Bool { basisPoints == 0 }

  /// The rate as a percentage without needless zeros, for example `19%` or `25.5%`.
  public var description: String {
    let whole = basisPoints / 100
    let fraction = basisPoints % 100
    if fraction == 0 { return "\(whole)%" }
    if fraction % 10 == 0 { return "\(whole).\(fraction / 10)%" }
    return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)%"
  }

  public static func < (lhs: TaxRate, rhs: TaxRate) -> Bool { lhs.basisPoints < rhs.basisPoints }
}

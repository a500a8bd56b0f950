import CardSealing
import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A payment processor simulation that answers the published test card numbers as real ones do.
///
/// For demos and tests: it charges nothing and contacts no one, and answers the numbers the
/// way processors' test modes do. Any other valid number is approved, unless its expiry has
/// passed by the injected clock. A refund of any amount above zero is granted.
public struct SimulatedProcessor: PaymentProcessor {
  /// The processors' published test numbers and the answers their test modes give.
  ///
  /// This file is the one place outside the tests where card numbers are written down.
  /// The published test number this processor approves, for demos and benchmarks.
  public static var approvedTestNumber: String { testCards[0].number }

  static let testCards: [(number: String, decline: PaymentDecline?)] = [
    ("4242424242424242", nil),
    ("4000000000000002", .cardDeclined),
    ("4000000000009995", .insufficientFunds),
    ("4000000000009987", .lostCard),
    ("4000000000009979", .stolenCard),
    ("4000000000000069", .expiredCard),
    ("4000000000000127", .incorrectCVC),
    ("4000000000000119", .processingError),
    ("4100000000000019", .fraudulent),
  ]

  /// The characters of authorization codes: letters without the look-alikes I and O, and no
  /// digits, so that a code can never be read as part of a card number or CVC.
  private static let codeAlphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ".utf8)

  private let clock: @Sendable () -> Date

  /// A simulation that judges expiry by `clock`.
  public init(clock: @escaping @Sendable () -> Date = { Date() }) {
    self.clock = clock
  }

  /// Declines the test numbers that decline, and expired cards; approves the rest.
  public func authorize(
    _ request: PaymentRequest
  ) async throws(PaymentProcessorError) -> ProcessorAnswer {
    let match = request.card.number.withUnsafeBytes { digits in
      SimulatedProcessor.testCards.first { $0.number.utf8.elementsEqual(digits) }
    }
    if let decline = match?.decline { return .declined(decline) }
    if let now = currentMonth(), request.card.expiry < now { return .declined(.expiredCard) }
    return .approved(authorizationCode: SimulatedProcessor.authorizationCode())
  }

  /// Refunds any amount above zero; declines zero or less.
  public func refund(_ request: RefundRequest) async throws(PaymentProcessorError) -> RefundAnswer {
    guard request.amount.minorUnits > 0 else { return .declined(.invalidRefundAmount) }
    return .refunded(refundId: SimulatedProcessor.refundId())
  }

  /// This month in UTC by the clock, as processors judge expiry.
  private func currentMonth() -> YearMonth? {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .gmt
    let parts = calendar.dateComponents([.year, .month], from: clock())
    guard let year = parts.year, let month = parts.month else { return nil }
    return YearMonth(year: year, month: month)
  }

  /// Twelve letters from the code alphabet, so a refund id cannot be read as card data either.
  private static func refundId() -> String {
    var generator = ReadAheadRandom()
    let bytes = (0..<12).map { _ in codeAlphabet.randomElement(using: &generator) ?? 65 }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Sixteen characters (73 bits): the code names the charge when it is refunded, and the
  /// order service lets one code pay for one order only, so codes must not repeat, as a
  /// processor's charge ids do not.
  private static func authorizationCode() -> String {
    var generator = ReadAheadRandom()
    let bytes = (0..<16).map { _ in codeAlphabet.randomElement(using: &generator) ?? 65 }
    return String(decoding: bytes, as: UTF8.self)
  }
}

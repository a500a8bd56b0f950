import PropertyBased
import Testing

@testable import OrderCore

@Suite("Money properties")
struct MoneyPropertyTests {
  static let currency = Gen<Currency?>.element(of: Currency.allCases).map { $0! }
  static let amount = Gen.int64()

  @Test("arithmetic keeps the currency, and refuses to mix currencies")
  func currencyKept() async {
    await propertyCheck(count: 500, input: Self.currency, Self.currency, Self.amount, Self.amount) {
      left, right, a, b in
      let x = Money(minorUnits: a, currency: left)
      let y = Money(minorUnits: b, currency: right)
      if left == right {
        if let sum = try? x.adding(y) { #expect(sum.currency == left) }
        if let difference = try? x.subtracting(y) { #expect(difference.currency == left) }
      } else {
        #expect(throws: MoneyError.currencyMismatch(left, right)) { try x.adding(y) }
        #expect(throws: MoneyError.currencyMismatch(left, right)) { try x.subtracting(y) }
      }
      if let product = try? x.multiplied(by: 3) { #expect(product.currency == left) }
    }
  }

  @Test("a + b - b == a whenever a + b fits; otherwise adding throws overflow")
  func addSubtract() async {
    let near = Gen.int64(in: -1_000...1_000).map { $0 >= 0 ? Int64.max - $0 : Int64.min - $0 }
    let anywhere = Gen<Int64>.oneOf(Self.amount.eraseToAnySequence(), near.eraseToAnySequence())
    await propertyCheck(count: 500, input: Self.currency, anywhere, anywhere) { currency, a, b in
      let x = Money(minorUnits: a, currency: currency)
      let y = Money(minorUnits: b, currency: currency)
      if a.addingReportingOverflow(b).overflow {
        #expect(throws: MoneyError.overflow) { try x.adding(y) }
      } else {
        let sum = try x.adding(y)
        #expect(try sum.subtracting(y) == x)
        #expect(try y.adding(x) == sum)
      }
    }
  }

  @Test("multiplying matches 128-bit arithmetic or throws overflow")
  func multiply() async {
    await propertyCheck(count: 500, input: Self.amount, Gen.int(in: -200...200)) { a, factor in
      let exact = Int128(a) * Int128(factor)
      let money = Money(minorUnits: a, currency: .eur)
      if let fitting = Int64(exactly: exact) {
        let product = try money.multiplied(by: factor)
        #expect(product.minorUnits == fitting)
      } else {
        #expect(throws: MoneyError.overflow) { try money.multiplied(by: factor) }
      }
    }
  }

  @Test("formatting shows every digit of the amount and nothing else")
  func formatting() async {
    await propertyCheck(count: 500, input: Self.currency, Self.amount) { currency, units in
      let money = Money(minorUnits: units, currency: currency)
      let digits = money.formatted(.code).filter(\.isNumber)
      let magnitude = String(units.magnitude)
      let padded =
        String(repeating: "0", count: max(0, currency.minorUnitDigits + 1 - magnitude.count))
        + magnitude
      #expect(String(digits) == padded)
      #expect(money.formatted().hasPrefix("-") == (units < 0))
      #expect(money.decimalString.filter(\.isNumber) == padded)
    }
  }
}

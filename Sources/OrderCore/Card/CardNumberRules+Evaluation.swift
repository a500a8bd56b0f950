extension CardNumberRules {
  /// Copies the digits into a zeroed-after-use stack buffer and judges them there.
  static func evaluate(
    _ input: some Collection<UInt8>, allowingSeparators: Bool
  ) -> CardNumberCheck {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumDigits + 1) { buffer in
      buffer.initialize(repeating: 0)
      defer { SecretBytes.zero(UnsafeMutableRawBufferPointer(buffer)) }
      var count = 0
      var problem: CardNumberProblem?
      if allowingSeparators {
        problem = forEachDigit(in: input) { digit in
          if count < buffer.count { buffer[count] = digit }
          count += 1
        }
      } else {
        for byte in input.prefix(buffer.count) {
          guard digitValue(byte) != nil else {
            problem = .notDigits
            break
          }
          buffer[count] = byte
          count += 1
        }
      }
      let digits = UnsafeBufferPointer(rebasing: buffer[0..<Swift.min(count, buffer.count)])
      if let problem {
        let brand = problem == .tooLong ? CardBrand.detected(byPrefix: digits) : nil
        return CardNumberCheck(brand: brand, status: .invalid(problem), luhnValid: false)
      }
      return judge(digits)
    }
  }

  /// Judges digits that are known to be ASCII digits.
  private static func judge(_ digits: UnsafeBufferPointer<UInt8>) -> CardNumberCheck {
    let count = digits.count
    guard count > 0 else { return CardNumberCheck(brand: nil, status: .empty, luhnValid: false) }
    let brand = CardBrand.detected(byPrefix: digits)
    guard count <= maximumDigits else {
      return CardNumberCheck(brand: brand, status: .invalid(.tooLong), luhnValid: false)
    }
    let luhn = luhnIsValid(digits)
    guard !CardBrand.possibleBrands(forPrefix: digits).isEmpty else {
      return CardNumberCheck(brand: nil, status: .invalid(.unknownBrand), luhnValid: luhn)
    }
    guard let brand else {
      // The leading digits still fit more than one brand, or are too few to decide.
      return CardNumberCheck(brand: nil, status: .incomplete, luhnValid: luhn)
    }
    let status: CardNumberStatus
    if count > brand.maximumLength {
      status = .invalid(.tooLong)
    } else if luhn && brand.validLengths.contains(count) {
      status = .valid
    } else if count < brand.maximumLength {
      status = .incomplete
    } else {
      status = .invalid(.wrongChecksum)
    }
    return CardNumberCheck(brand: brand, status: status, luhnValid: luhn)
  }
}

/// Finds a key that appears twice in one JSON object.
///
/// JSON leaves a repeated key's meaning open and decoders differ (the first wins in one, the
/// last in another), so two readers of the same body could see two different orders. The
/// service refuses such a body instead. This is a scan, not a parser: it follows strings and
/// nesting only, in one pass with a stack of its own (no recursion, however deep the body),
/// and leaves telling valid JSON from invalid to the decoder that runs after it.
enum DuplicateJSONKeys {
  /// Where one object or array stands while the scan is inside it.
  private enum Level {
    case object(keys: Set<String>, current: String?, expectingKey: Bool)
    case array(index: Int)
  }

  /// The path of the first key repeated within one object (`customer.email`,
  /// `lines[1].sku`), or `nil` when no key repeats or the bytes stop being JSON.
  static func first(in bytes: [UInt8]) -> String? {
    var levels: [Level] = []
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "{"):
        levels.append(.object(keys: [], current: nil, expectingKey: true))
      case UInt8(ascii: "["):
        levels.append(.array(index: 0))
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        guard levels.popLast() != nil else { return nil }
      case UInt8(ascii: ","):
        switch levels.last {
        case .array(let position):
          levels[levels.count - 1] = .array(index: position + 1)
        case .object(let keys, let current, _):
          levels[levels.count - 1] = .object(keys: keys, current: current, expectingKey: true)
        case nil:
          return nil
        }
      case UInt8(ascii: "\""):
        guard let (text, end) = string(in: bytes, from: index) else { return nil }
        index = end
        guard case .object(var keys, _, true) = levels.last else { continue }
        if !keys.insert(text).inserted {
          levels[levels.count - 1] = .object(keys: keys, current: text, expectingKey: false)
          return path(levels)
        }
        levels[levels.count - 1] = .object(keys: keys, current: text, expectingKey: false)
      default:
        continue
      }
    }
    return nil
  }

  /// The dotted path to the current key of the innermost object.
  private static func path(_ levels: [Level]) -> String {
    var path = ""
    for level in levels {
      switch level {
      case .object(_, let current?, _):
        path += path.isEmpty ? current : "." + current
      case .object:
        break
      case .array(let index):
        path += "[\(index)]"
      }
    }
    return path
  }

  /// The text of the string whose first byte after the quote is at `start`, and the index
  /// after its closing quote; `nil` for a string that is not valid JSON.
  private static func string(in bytes: [UInt8], from start: Int) -> (String, Int)? {
    var scalars = String.UnicodeScalarView()
    var plain: [UInt8] = []
    var index = start
    func flush() {
      scalars.append(contentsOf: String(decoding: plain, as: UTF8.self).unicodeScalars)
      plain.removeAll(keepingCapacity: true)
    }
    func hex(at position: Int) -> UInt32? {
      guard position + 4 <= bytes.count else { return nil }
      var value: UInt32 = 0
      for byte in bytes[position..<position + 4] {
        guard let digit = hexDigit(byte) else { return nil }
        value = value << 4 | digit
      }
      return value
    }
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""):
        flush()
        return (String(scalars), index)
      case UInt8(ascii: "\\"):
        guard index < bytes.count else { return nil }
        let escaped = bytes[index]
        index += 1
        flush()
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
          scalars.append(Unicode.Scalar(escaped))
        case UInt8(ascii: "b"): scalars.append("\u{08}")
        case UInt8(ascii: "f"): scalars.append("\u{0C}")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "u"):
          guard var value = hex(at: index) else { return nil }
          index += 4
          if (0xD800...0xDBFF).contains(value), index + 6 <= bytes.count,
            bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
            let low = hex(at: index + 2), (0xDC00...0xDFFF).contains(low)
          {
            value = 0x10000 + (value - 0xD800) << 10 + (low - 0xDC00)
            index += 6
          }
          // A lone surrogate names no character; it stands for itself, as a replacement.
          scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        default:
          return nil
        }
      default:
        plain.append(byte)
      }
    }
    return nil
  }

  private static func hexDigit(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }
}

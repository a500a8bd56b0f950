/// The line each key of a TOML document is first written on, found by reading the text.
///
/// TOMLKit reports lines only for syntax errors, but a theme's errors should point at the
/// offending key too. This reader knows just enough TOML for that: table headers (`[a.b]`,
/// `[[a]]`), dotted, bare and quoted keys, and values (strings, multi-line strings, arrays
/// over several lines) to skip. It runs only on text TOMLKit has already accepted.
struct TOMLKeyLines {
  private var firstLine: [[String]: Int] = [:]

  init(_ text: String) {
    var scanner = Scanner()
    var number = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      for path in scanner.keys(in: Array(line.unicodeScalars)) where firstLine[path] == nil {
        firstLine[path] = number
      }
    }
  }

  /// The line of `path`, or of the nearest enclosing key that has one.
  func line(of path: [String]) -> Int? {
    var path = path
    while !path.isEmpty {
      if let line = firstLine[path] { return line }
      path.removeLast()
    }
    return nil
  }

  private struct Scanner {
    var section: [String] = []
    var depth = 0
    var openString: [Unicode.Scalar]?

    /// The key paths a line starts or names: a header's, or a key's within the section.
    mutating func keys(in line: [Unicode.Scalar]) -> [[String]] {
      var index = 0
      if let delimiter = openString {
        guard let end = find(delimiter, in: line, from: 0) else { return [] }
        openString = nil
        index = end
      }
      if depth > 0 || index > 0 {
        skipValue(line, from: index)
        return []
      }
      index = skipSpace(line, from: 0)
      guard index < line.count, line[index] != "#" else { return [] }
      if line[index] == "[" {
        index += index + 1 < line.count && line[index + 1] == "[" ? 2 : 1
        guard let (key, _) = dottedKey(line, from: index) else { return [] }
        section = key
        return [key]
      }
      guard let (key, end) = dottedKey(line, from: index), end < line.count, line[end] == "="
      else { return [] }
      skipValue(line, from: end + 1)
      let path = section + key
      return (1...key.count).map { Array(path.prefix(section.count + $0)) }
    }

    /// Reads a dotted key from `start`; returns its parts and the index after the spaces
    /// that follow it.
    private func dottedKey(_ line: [Unicode.Scalar], from start: Int) -> ([String], Int)? {
      var parts: [String] = []
      var index = skipSpace(line, from: start)
      while index < line.count {
        let part: String
        if line[index] == "\"" || line[index] == "'" {
          let quote = line[index]
          var text = String.UnicodeScalarView()
          index += 1
          while index < line.count, line[index] != quote {
            if quote == "\"", line[index] == "\\", index + 1 < line.count { index += 1 }
            text.append(line[index])
            index += 1
          }
          guard index < line.count else { return nil }
          index += 1
          part = String(text)
        } else {
          let begin = index
          while index < line.count, isBareKey(line[index]) { index += 1 }
          guard index > begin else { return nil }
          part = String(String.UnicodeScalarView(line[begin..<index]))
        }
        parts.append(part)
        index = skipSpace(line, from: index)
        guard index < line.count, line[index] == "." else { break }
        index = skipSpace(line, from: index + 1)
      }
      return parts.isEmpty ? nil : (parts, index)
    }

    /// Follows a value to the end of the line, keeping count of open brackets and strings.
    private mutating func skipValue(_ line: [Unicode.Scalar], from start: Int) {
      var index = start
      while index < line.count {
        let scalar = line[index]
        switch scalar {
        case "#":
          return
        case "[", "{":
          depth += 1
        case "]", "}":
          depth = max(0, depth - 1)
        case "\"", "'":
          let triple = [scalar, scalar, scalar]
          if index + 2 < line.count, Array(line[index..<index + 3]) == triple {
            guard let end = find(triple, in: line, from: index + 3) else {
              openString = triple
              return
            }
            index = end
            continue
          }
          index += 1
          while index < line.count, line[index] != scalar {
            if scalar == "\"", line[index] == "\\" { index += 1 }
            index += 1
          }
        default:
          break
        }
        index += 1
      }
    }

    /// The index just after the first `delimiter` at or after `start`, skipping escapes in
    /// basic strings.
    private func find(
      _ delimiter: [Unicode.Scalar], in line: [Unicode.Scalar], from start: Int
    )
      -> Int?
    {
      var index = start
      while index + delimiter.count <= line.count {
        if delimiter[0] == "\"", line[index] == "\\" {
          index += 2
          continue
        }
        if Array(line[index..<index + delimiter.count]) == delimiter {
          return index + delimiter.count
        }
        index += 1
      }
      return nil
    }

    private func skipSpace(_ line: [Unicode.Scalar], from start: Int) -> Int {
      var index = start
      while index < line.count, line[index] == " " || line[index] == "\t" || line[index] == "\r" {
        index += 1
      }
      return index
    }

    private func isBareKey(_ scalar: Unicode.Scalar) -> Bool {
      switch scalar {
      case "a"..."z", "A"..."Z", "0"..."9", "_", "-": true
      default: false
      }
    }
  }
}

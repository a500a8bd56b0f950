import Foundation
import OrderAPI

/// Just enough of OpenAPI 3 to check real answers against the file: operations, response
/// schemas, `$ref`, `type`, `required`, `enum`, `properties` and `items`.
struct OpenAPIDocument {
  struct Operation {
    let path: String
    let method: String
    let responses: [String: Any]
  }

  private let root: [String: Any]
  let operations: [Operation]

  init(path: String) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let paths = root["paths"] as? [String: [String: Any]]
    else { throw CocoaError(.fileReadCorruptFile) }
    self.root = root
    operations = paths.flatMap { path, methods in
      methods.compactMap { method, value in
        (value as? [String: Any])?["responses"].flatMap { $0 as? [String: Any] }.map {
          Operation(path: path, method: method, responses: $0)
        }
      }
    }
  }

  func operation(path: String, method: String) -> Operation? {
    operations.first { $0.path == path && $0.method == method }
  }

  /// The JSON schema documented for `status`, or nil when the status is not documented.
  func responseSchema(_ operation: Operation, status: Int) -> [String: Any]? {
    guard var response = operation.responses[String(status)] as? [String: Any] else { return nil }
    if let reference = response["$ref"] as? String, let resolved = resolve(reference) {
      response = resolved
    }
    let content = response["content"] as? [String: Any]
    let json = content?["application/json"] as? [String: Any]
    return json?["schema"] as? [String: Any]
  }

  /// Every `error.code` the file lists.
  var errorCodes: [String]? {
    let schemas = (root["components"] as? [String: Any])?["schemas"] as? [String: Any]
    let body = schemas?["ErrorBody"] as? [String: Any]
    let error = (body?["properties"] as? [String: Any])?["error"] as? [String: Any]
    let code = (error?["properties"] as? [String: Any])?["code"] as? [String: Any]
    return code?["enum"] as? [String]
  }

  /// What is wrong with `value` against `schema`; empty when it conforms.
  func validate(_ value: Any, against schema: [String: Any], at path: String = "$") -> [String] {
    var schema = schema
    if let reference = schema["$ref"] as? String {
      guard let resolved = resolve(reference) else { return ["\(path): unresolved \(reference)"] }
      schema = resolved
    }
    var problems: [String] = []
    if let type = schema["type"] as? String, !matches(value, type: type) {
      return ["\(path): expected \(type), got \(Swift.type(of: value))"]
    }
    if let allowed = schema["enum"] as? [Any] {
      let found = allowed.contains { "\($0)" == "\(value)" }
      if !found { problems.append("\(path): \(value) is not one of \(allowed)") }
    }
    if let object = value as? [String: Any] {
      for key in schema["required"] as? [String] ?? [] where object[key] == nil {
        problems.append("\(path): missing \(key)")
      }
      for (key, property) in schema["properties"] as? [String: [String: Any]] ?? [:] {
        if let child = object[key] {
          problems += validate(child, against: property, at: "\(path).\(key)")
        }
      }
    }
    if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
      for (index, element) in array.enumerated() {
        problems += validate(element, against: items, at: "\(path)[\(index)]")
      }
    }
    return problems
  }

  private func matches(_ value: Any, type: String) -> Bool {
    switch type {
    case "object": value is [String: Any]
    case "array": value is [Any]
    case "string": value is String
    case "boolean": value is Bool
    case "integer": (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
    case "number": value is NSNumber
    default: true
    }
  }

  private func resolve(_ reference: String) -> [String: Any]? {
    guard reference.hasPrefix("#/") else { return nil }
    var node: Any = root
    for part in reference.dropFirst(2).split(separator: "/") {
      guard let next = (node as? [String: Any])?[String(part)] else { return nil }
      node = next
    }
    return node as? [String: Any]
  }
}

/// The error codes the service can answer with.
enum APICodes {
  static var all: [String] { APIErrorCode.allCases.map(\.rawValue) }
}

/// Runs `python3` with arguments, for tools that exist only there.
enum PythonTool {
  struct Result {
    var status: Int32
    var output: String
  }

  static func run(_ arguments: [String], input: Data? = nil) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let output = Pipe()
    let standardInput = Pipe()
    process.standardOutput = output
    process.standardError = output
    process.standardInput = standardInput
    try process.run()
    if let input { standardInput.fileHandleForWriting.write(input) }
    try standardInput.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
  }
}

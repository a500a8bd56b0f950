import Crypto
import HTTPTypes
import Hummingbird
import OrderAPI
import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Who may use the staff routes (search, refunds): whoever presents the staff token.
///
/// The token is made once in the data directory (`staff-token`, mode 0600), so only someone
/// who can read the service's files, or was handed the token, can search orders or refund.
struct StaffAccess: Sendable {
  private let token: [UInt8]

  init(token: [UInt8]) { self.token = token }

  /// Reads the token file, making it first if there is none.
  static func load(from path: String) throws -> StaffAccess {
    if let existing = FileManager.default.contents(atPath: path) {
      let text = String(decoding: existing, as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
      guard text.utf8.count >= 32 else {
        throw DataDirectoryError("\(path) holds a staff token shorter than 32 characters.")
      }
      return StaffAccess(token: Array(text.utf8))
    }
    let random = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    let text = random.base64EncodedString()
      .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
    do {
      try PrivateFiles.writeNewFile(path, Array((text + "\n").utf8))
    } catch {
      throw DataDirectoryError("could not write \(path): \(error.description)")
    }
    return StaffAccess(token: Array(text.utf8))
  }

  /// Refuses the request unless it carries `Authorization: Bearer <staff token>`.
  ///
  /// The scheme is matched whatever its case (`bearer`, `BEARER`), as RFC 9110 says schemes
  /// are; the token exactly. A refusal says, in `WWW-Authenticate`, which scheme to use, and
  /// whether the token given was wrong (RFC 6750).
  func check(_ request: Request) throws(ServiceError) {
    guard let header = request.headers[.authorization] else {
      throw Self.refusal(tokenGiven: false)
    }
    let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
    guard parts.count == 2, parts[0].lowercased() == "bearer" else {
      throw Self.refusal(tokenGiven: false)
    }
    let given = Array(parts[1].trimmingCharacters(in: .whitespaces).utf8)
    guard ConstantTime.equal(given, token) else { throw Self.refusal(tokenGiven: true) }
  }

  private static func refusal(tokenGiven: Bool) -> ServiceError {
    var error = ServiceError(
      .unauthorized, .unauthorized,
      "This route is for support staff: send the staff token as 'Authorization: Bearer …'.")
    error.headers[.wwwAuthenticate] =
      tokenGiven
      ? #"Bearer realm="orderdesk-staff", error="invalid_token""#
      : #"Bearer realm="orderdesk-staff""#
    return error
  }
}

import HTTPTypes
import Hummingbird
import OrderAPI

/// The body of a request that must carry JSON: `415` for any other media type, `413` past the
/// route's size, before a byte of it is read as JSON.
enum JSONRequestBody {
  static func bytes(
    of request: Request, _ context: OrderRequestContext
  ) async throws -> [UInt8] {
    guard isJSON(request.headers[.contentType]) else {
      throw ServiceError(
        .unsupportedMediaType, .unsupportedMediaType,
        "Send the body as JSON, with the header Content-Type: application/json.")
    }
    var request = request
    let buffer = try await request.collectBody(upTo: context.maxUploadSize)
    return Array(buffer.readableBytesView)
  }

  /// Whether a `Content-Type` names `application/json`, in any case, with any parameters
  /// (`; charset=utf-8`) after it.
  static func isJSON(_ contentType: String?) -> Bool {
    guard let contentType else { return false }
    let mediaType = contentType.prefix { $0 != ";" }.filter { $0 != " " && $0 != "\t" }
    return mediaType.lowercased() == "application/json"
  }
}

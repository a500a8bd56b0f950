import HTTPTypes
import NIOCore
import NIOHTTPTypes
import OrderAPI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Answers what must be answered before a route sees the request: `Expect: 100-continue`, and
/// a transfer coding the service does not speak.
///
/// A client that sends `Expect: 100-continue` waits for `100 Continue` before its body (curl
/// waits a second, then sends anyway). A body longer than any route reads is refused with its
/// `413` at once, before a byte of it is sent; any other gets its `100` as soon as the head
/// is read. A `Transfer-Encoding` other than `chunked` (gzip, say) is a coding the service
/// cannot undo, so the request is refused with `501` rather than read as garbage. Both
/// refusals close the connection: the body the client may still send is not read.
final class RequestFraming: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  private let maximumBodyBytes: Int
  /// Set once a request has been refused: what follows it is dropped until the close.
  private var refusing = false

  init(maximumBodyBytes: Int) {
    self.maximumBodyBytes = maximumBodyBytes
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard !refusing else { return }
    guard case .head(let head) = unwrapInboundIn(data) else {
      context.fireChannelRead(data)
      return
    }
    if let coding = Self.unsupportedTransferCoding(head.headerFields) {
      refuse(
        context, status: .notImplemented, code: .unsupportedTransferCoding,
        message:
          "The service reads bodies as they are or chunked; it does not undo the transfer "
          + "coding '\(coding.prefix(40))'. Send the body without it.")
      return
    }
    guard Self.expectsContinue(head.headerFields) else {
      context.fireChannelRead(data)
      return
    }
    if let length = head.headerFields[.contentLength].flatMap({ Int($0) }),
      length > maximumBodyBytes
    {
      refuse(
        context, status: .contentTooLarge, code: .bodyTooLarge,
        message:
          "The request body is larger than this route accepts (at most \(maximumBodyBytes) "
          + "bytes); it was not sent.")
      return
    }
    context.writeAndFlush(
      wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
    context.fireChannelRead(data)
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    // The parser may still complain about a body that was refused; the answer is written.
    guard !refusing else { return }
    context.fireErrorCaught(error)
  }

  private func refuse(
    _ context: ChannelHandlerContext, status: HTTPResponse.Status, code: APIErrorCode,
    message: String
  ) {
    refusing = true
    let bytes =
      (try? JSONAnswer(status: status, body: APIErrorBody(APIError(code: code, message: message)))
        .bytes) ?? []
    let head = HTTPResponse(
      status: status,
      headerFields: [
        .contentType: "application/json; charset=utf-8", .contentLength: "\(bytes.count)",
        .cacheControl: "no-store",
      ])
    context.write(wrapOutboundOut(.head(head)), promise: nil)
    context.write(wrapOutboundOut(.body(ByteBuffer(bytes: bytes))), promise: nil)
    context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
      context.close(promise: nil)
    }
  }

  /// The transfer codings named, unless they are exactly `chunked`.
  static func unsupportedTransferCoding(_ fields: HTTPFields) -> String? {
    let codings = fields[values: .transferEncoding]
      .flatMap { $0.split(separator: ",") }
      .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
      .filter { !$0.isEmpty }
    guard !codings.isEmpty, codings != ["chunked"] else { return nil }
    return codings.joined(separator: ", ")
  }

  static func expectsContinue(_ fields: HTTPFields) -> Bool {
    fields[values: .expect].contains {
      $0.trimmingCharacters(in: .whitespaces).lowercased() == "100-continue"
    }
  }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOSSL
import Vault
import VaultAPI

/// A JSON answer of the vault's listener.
struct VaultAnswer {
  let status: HTTPResponse.Status
  let bytes: [UInt8]

  init(status: HTTPResponse.Status, body: some Encodable) throws {
    self.status = status
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    bytes = Array(try encoder.encode(body))
  }

  var response: Response {
    Response(
      status: status,
      headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
  }
}

/// An error answer of the vault's listener: a status and a ``VaultErrorBody``.
struct VaultRouteError: Error, HTTPResponseError {
  let status: HTTPResponse.Status
  let body: VaultErrorBody

  init(
    _ status: HTTPResponse.Status, _ code: VaultErrorCode, _ message: String, keyId: String? = nil,
    retryAfter: Int? = nil
  ) {
    self.status = status
    self.body = VaultErrorBody(
      .init(code: code, message: message, keyId: keyId, retryAfter: retryAfter))
  }

  /// The answer for a vault error; faults inside the vault are logged, not detailed.
  init(_ error: VaultError) {
    switch error {
    case .cardRefused(let problem):
      self.init(.badRequest, .cardUnreadable, problem.message)
    case .keyRetired(let keyId):
      self.init(.conflict, .keyRetired, error.message, keyId: keyId)
    case .idempotencyConflict:
      self.init(.conflict, .idempotencyConflict, error.message)
    case .idempotencyKeyExpired:
      self.init(.unprocessableContent, .idempotencyKeyExpired, error.message)
    case .tooManyAttempts(let retryAfter):
      self.init(.tooManyRequests, .tooManyAttempts, error.message, retryAfter: retryAfter)
    case .processorUnavailable:
      self.init(.serviceUnavailable, .processorUnavailable, error.message)
    case .invalidRequest(let detail):
      self.init(.badRequest, .invalidRequest, detail)
    case .unsafeDirectory, .keyFile, .keyMismatch, .database, .storeCorrupted:
      self.init(
        .internalServerError, .internalError,
        "The vault could not complete the request; nothing was charged.")
    }
  }

  func response(from request: Request, context: some RequestContext) throws -> Response {
    var response = try VaultAnswer(status: status, body: body).response
    if let retryAfter = body.error.retryAfter {
      response.headers[.retryAfter] = String(retryAfter)
    }
    return response
  }
}

/// Every error as a ``VaultErrorBody``; unexpected ones are logged by type, never by content.
struct VaultErrorMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as VaultRouteError {
      if error.status == .internalServerError {
        context.logger.error("vault request failed", metadata: ["path": "\(request.uri.path)"])
      }
      return try error.response(from: request, context: context)
    } catch is NIOTooManyBytesError {
      return try VaultRouteError(
        .contentTooLarge, .bodyTooLarge, "The request body is larger than the vault accepts."
      ).response(from: request, context: context)
    } catch let error as HTTPError {
      let noRoute = error.status == .notFound || error.status == .methodNotAllowed
      return try VaultRouteError(
        error.status, noRoute ? .notFound : .malformedJSON,
        noRoute ? "There is no such route." : "The request could not be read."
      ).response(from: request, context: context)
    } catch {
      context.logger.error(
        "vault request failed",
        metadata: ["path": "\(request.uri.path)", "error": "\(type(of: error))"])
      return try VaultRouteError(
        .internalServerError, .internalError,
        "The vault could not complete the request; nothing was charged."
      ).response(from: request, context: context)
    }
  }
}

/// TLS with a required, verified client certificate in front of the HTTP channel, logging
/// every handshake that fails.
struct MutualTLSChannel<Base: ServerChildChannel>: ServerChildChannel {
  typealias Value = Base.Value

  let base: Base
  let context: NIOSSLContext
  let verifier: ClientVerifier
  let logger: Logger

  func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
    let verifier = self.verifier
    let refusals = HandshakeRefusalLogger(logger: self.logger)
    return channel.eventLoop.makeCompletedFuture {
      try channel.pipeline.syncOperations.addHandler(
        NIOSSLServerHandler(
          context: context,
          customVerificationCallback: { certificates, promise in
            promise.completeWithTask { await verifier.verify(certificates) }
          },
          configuration: .init()))
      try channel.pipeline.syncOperations.addHandler(refusals)
    }.flatMap {
      base.setup(channel: channel, logger: logger)
    }
  }

  func handle(value: Value, logger: Logger) async {
    await base.handle(value: value, logger: logger)
  }
}

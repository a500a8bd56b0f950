import NIOCore
import OrderCore

/// One open connection to the order service and the security it was established with.
///
/// A connection over TLS exists only after its certificate was verified: a handshake that
/// failed verification never produces one, so nothing can be written to such a peer.
final class ClientConnection: Sendable {
  let channel: any Channel
  /// `.secure` for verified TLS, `.notEncrypted` for plain HTTP; never anything else.
  let security: ChannelSecurity

  init(channel: any Channel, security: ChannelSecurity) {
    self.channel = channel
    self.security = security
  }

  /// Whether the connection is still open (the service may close an idle one at any time).
  var isActive: Bool { channel.isActive }

  /// Sends `request` and waits for the whole answer; `whenWritten` is called once the
  /// request has been handed to TLS and flushed, before the answer is awaited.
  func exchange(
    _ request: OutgoingRequest, timeout: TimeAmount, maximumBodyBytes: Int,
    whenWritten: (@Sendable () -> Void)? = nil
  ) async throws(ExchangeFailure) -> IncomingResponse {
    let promise = channel.eventLoop.makePromise(of: IncomingResponse.self)
    let pending = PendingExchange(
      request: request, promise: promise, timeout: timeout, maximumBodyBytes: maximumBodyBytes)
    // A write to a closed channel never reaches the handler; its failure ends the wait.
    let written = channel.eventLoop.makePromise(of: Void.self)
    written.futureResult.whenComplete { result in
      switch result {
      case .success: whenWritten?()
      case .failure: promise.fail(ExchangeFailure.connectionLost)
      }
    }
    channel.writeAndFlush(pending, promise: written)
    do {
      return try await promise.futureResult.get()
    } catch let failure as ExchangeFailure {
      throw failure
    } catch {
      throw .connectionLost
    }
  }

  /// Closes the connection and waits until it is closed.
  func close() async {
    try? await channel.close()
  }
}

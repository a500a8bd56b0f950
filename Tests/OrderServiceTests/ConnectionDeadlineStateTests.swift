import Testing

@testable import OrderService

/// The deadlines' steps, without a socket: which timer runs in which phase.
@Suite struct ConnectionDeadlineStateTests {
  func tls() -> ConnectionDeadlineState {
    ConnectionDeadlineState(tls: true, handshakeTimeout: .seconds(10), headerTimeout: .seconds(5))
  }

  @Test func aTLSConnectionHasItsHandshakeThenItsHeadTimed() {
    var state = tls()
    #expect(state.started() == .schedule(.seconds(10)))
    #expect(state.deadlinePassed() != nil)
    #expect(state.handshakeCompleted(negotiatedProtocol: "http/1.1") == .cancel)
    #expect(state.deadlinePassed() == nil)
    #expect(state.bytesRead() == .schedule(.seconds(5)))
    #expect(state.bytesRead() == .nothing)
    #expect(state.deadlinePassed() != nil)
    #expect(state.headReceived() == .cancel)
    #expect(state.bytesRead() == .nothing)
    #expect(state.deadlinePassed() == nil)
    #expect(state.responseEnded() == .nothing)
    #expect(state.bytesRead() == .schedule(.seconds(5)))
  }

  @Test func pipelinedRequestsAreAllAnsweredBeforeTheNextHeadIsTimed() {
    var state = ConnectionDeadlineState(
      tls: false, handshakeTimeout: .seconds(10), headerTimeout: .seconds(5))
    #expect(state.started() == .nothing)
    _ = state.bytesRead()
    _ = state.headReceived()
    _ = state.headReceived()
    _ = state.responseEnded()
    #expect(state.bytesRead() == .nothing)
    _ = state.responseEnded()
    #expect(state.phase == .waitingForRequest)
  }

  @Test func http2LeavesTheHeadToItsConnectionManager() {
    var state = tls()
    _ = state.started()
    #expect(state.handshakeCompleted(negotiatedProtocol: "h2") == .cancel)
    #expect(state.bytesRead() == .nothing)
    #expect(state.deadlinePassed() == nil)
  }

  @Test func boundsTurnedOffScheduleNothing() {
    var state = ConnectionDeadlineState(tls: true, handshakeTimeout: nil, headerTimeout: nil)
    #expect(state.started() == .nothing)
    _ = state.handshakeCompleted(negotiatedProtocol: nil)
    #expect(state.bytesRead() == .nothing)
  }
}

import DeskUI
import Foundation
import OrderCore

extension DeskRuntime {
  /// Carries out a staff desk's effect through the staff channel; each has its one answer,
  /// a failure when the channel is not a staff channel.
  func answerStaff(_ effect: DeskEffect) async -> DeskEvent {
    switch effect {
    case .signIn(let credentials):
      return .signedIn(await staffCall { try await $0.signIn(credentials) })
    case .signOut:
      await staff?.signOut()
      return .signedOut
    case .lockSession:
      return .sessionLocked(await staffCall { try await $0.lockSession() })
    case .unlockSession(let credentials):
      return .sessionUnlocked(await staffCall { try await $0.unlockSession(credentials) })
    case .searchOrders(let search, let generation):
      return .ordersFound(
        generation: generation, await staffCall { try await $0.searchOrders(search) })
    case .loadOrderPage(let number, let generation):
      return .orderPageLoaded(
        generation: generation, await staffCall { try await $0.orderPage(number) })
    case .findCustomers(let text, let generation):
      return .customersFound(
        generation: generation, await staffCall { try await $0.findCustomers(text) })
    case .refund(let number, let refund, let key, let generation):
      return .refunded(
        generation: generation,
        await staffCall { try await $0.refund(number, refund, idempotencyKey: key) })
    default:
      preconditionFailure("\(effect) is not a staff desk's effect")
    }
  }

  /// Puts a card number's read-back on record before it is shown: in the desk's own journal,
  /// and, with a member of staff signed in, with the order service too.
  func recordReadBack(_ readBack: CardReadBackRecord, generation: Int) async -> DeskEvent {
    do {
      try journal.record(readBack, at: Date())
    } catch {
      return .cardReadBackRecorded(generation: generation, .failure(DeskFailure("\(error)")))
    }
    guard readBack.staff != nil else {
      return .cardReadBackRecorded(generation: generation, .success(()))
    }
    return .cardReadBackRecorded(
      generation: generation, await staffCall { try await $0.recordCardRevealed() })
  }

  /// `call` on the staff channel, its refusals made the desk's failures.
  private func staffCall<Success>(
    _ call: (any StaffChannel) async throws -> Success
  ) async -> Result<Success, DeskFailure> {
    guard let staff else {
      return .failure(DeskFailure("This desk's connection does not offer the staff desk."))
    }
    do {
      return .success(try await call(staff))
    } catch {
      return .failure(DeskFailure(staff: error))
    }
  }
}

extension DeskFailure {
  /// A failed staff request, with what the desk should do about it.
  public init(staff error: any Error) {
    switch error as? StaffRefusal {
    case .sessionEnded(let words): self.init(words, kind: .sessionEnded)
    case .notAllowed(let words): self.init(words, kind: .notAllowed)
    case let refusal?: self.init(refusal.description)
    case nil: self.init("\(error)")
    }
  }
}

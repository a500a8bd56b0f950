import VaultAPI

/// The vault in this process, behind the same port the order service uses for a remote one:
/// what `orderdesk vault` serves, and what route tests hand the order service.
extension Vault: CardVault {
  public func keys() async throws(CardVaultError) -> VaultKeySet {
    await keySet()
  }

  public func authorize(
    _ request: CardAuthorization
  ) async throws(CardVaultError) -> VaultAuthorization {
    do {
      return try await authorize(
        request.card, idempotencyKey: request.idempotencyKey, amount: request.amount,
        reference: request.reference, payer: Payer(request))
    } catch {
      throw error.cardVaultError
    }
  }

  public func refund(_ request: ChargeRefund) async throws(CardVaultError) -> VaultRefund {
    do {
      return try await refund(
        token: request.token, authorizationCode: request.authorizationCode,
        amount: request.amount, reference: request.reference,
        idempotencyKey: request.idempotencyKey)
    } catch {
      throw error.cardVaultError
    }
  }
}

extension VaultError {
  /// The same problem as the port reports it; faults inside the vault are not detailed.
  public var cardVaultError: CardVaultError {
    switch self {
    case .cardRefused(let problem): .cardRefused(problem.message)
    case .keyRetired(let keyId): .keyRetired(keyId: keyId)
    case .idempotencyConflict: .idempotencyConflict
    case .idempotencyKeyExpired: .idempotencyKeyExpired
    case .tooManyAttempts(let retryAfter): .tooManyAttempts(retryAfter: retryAfter)
    case .processorUnavailable(let detail): .processorUnavailable(detail)
    case .invalidRequest(let detail): .invalidRequest(detail)
    case .unsafeDirectory, .keyFile, .keyMismatch, .database, .storeCorrupted:
      .fault("the vault could not complete the request; nothing was charged.")
    }
  }
}

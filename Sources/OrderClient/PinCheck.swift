import Foundation
import NIOSSL
import Synchronization
import TLSIdentity

/// Why a certificate does not satisfy a pin.
enum PinFailure: Sendable, Equatable {
  case noCertificate
  /// The certificate (or its key, for a key pin) is not the pinned one; `presented` is its
  /// pin in the pinned kind's form.
  case mismatch(presented: String, pinned: CertificatePin)
  case outsideValidity(String)

  /// The reason as the lock's details show it.
  var reason: String {
    switch self {
    case .noCertificate:
      "the service presented no certificate"
    case .mismatch(let presented, .certificate(let pinned)):
      "the certificate's fingerprint \(presented) does not match the pinned "
        + "\(pinned.display)"
    case .mismatch(let presented, .publicKey(let pinned)):
      "the certificate's public key \(presented) does not match the pinned key "
        + "\(pinned.display)"
    case .outsideValidity(let problem):
      "the pinned certificate is not valid now: \(problem)"
    }
  }

  /// Checks a leaf certificate against a pin: same fingerprint (of the certificate or of its
  /// key, as pinned), and within its validity.
  static func check(leafDER: [UInt8]?, pin: CertificatePin, now: Date) -> PinFailure? {
    guard let leafDER else { return .noCertificate }
    guard pin.matches(certificateDER: leafDER) else {
      let presented =
        switch pin {
        case .certificate: CertificateFingerprint(certificateDER: leafDER).display
        case .publicKey:
          PublicKeyFingerprint(certificateDER: leafDER)?.display ?? "(unreadable)"
        }
      return .mismatch(presented: presented, pinned: pin)
    }
    if let problem = PeerCertificate(der: leafDER).validityProblem(at: now) {
      return .outsideValidity(problem)
    }
    return nil
  }
}

/// The pinned-mode verification callback's verdict, kept so the channel can say why a
/// handshake failed.
final class PinVerdict: Sendable {
  private let failure = Mutex<PinFailure?>(nil)

  /// Judges the peer's chain (leaf first) against `pin`, remembering a failure.
  func judge(
    _ chain: [NIOSSLCertificate], pin: CertificatePin, now: Date
  ) -> NIOSSLVerificationResult {
    let leaf = chain.first.flatMap { try? $0.toDERBytes() }
    let problem = PinFailure.check(leafDER: leaf, pin: pin, now: now)
    failure.withLock { $0 = problem }
    return problem == nil ? .certificateVerified : .failed
  }

  /// The failure the callback saw, if it refused the certificate.
  var recordedFailure: PinFailure? { failure.withLock { $0 } }
}

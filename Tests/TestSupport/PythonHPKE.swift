import Foundation

/// Runs the independent RFC 9180 implementation of Python's `cryptography` package (46 or
/// later) for interoperability tests; the test fails, saying what to install, without it.
public enum PythonHPKE {
  public static let script = #"""
    import base64, json, sys
    try:
        from cryptography.hazmat.primitives import hpke
        from cryptography.hazmat.primitives.asymmetric.x25519 import (
            X25519PrivateKey, X25519PublicKey)
    except ImportError as error:
        sys.stderr.write("Python's cryptography package with hpke (version 46 or later) is "
                         "missing: pip install cryptography (%s)\n" % error)
        sys.exit(3)
    suite = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
    mode, key, info = sys.argv[1], base64.b64decode(sys.argv[2]), sys.argv[3].encode()
    data = sys.stdin.buffer.read()
    if mode == "seal-card":
        number, cvc, month, year, name = data.decode().split("\n")
        # Field order and spacing as Python writes them, not as the Swift sealer does.
        plaintext = json.dumps({"name": name, "cvc": cvc, "expYear": int(year),
                                "expMonth": int(month), "number": number}).encode()
        sealed = suite.encrypt(plaintext, X25519PublicKey.from_public_bytes(key), info=info)
        sys.stdout.write(base64.b64encode(sealed).decode())
    elif mode == "open":
        private_key = X25519PrivateKey.from_private_bytes(key)
        sys.stdout.buffer.write(suite.decrypt(base64.b64decode(data), private_key, info=info))
    """#

  /// A card sealed by Python to the raw public key, with `info`, as standard base64.
  public static func sealCard(
    number: String, cvc: String, month: Int, year: Int, name: String, publicKey: Data,
    info: String
  ) throws -> String {
    let input = [number, cvc, String(month), String(year), name].joined(separator: "\n")
    let output = try run(
      mode: "seal-card", key: publicKey, info: info, input: Data(input.utf8))
    return String(decoding: output, as: UTF8.self)
  }

  /// The plaintext Python opens from a sealed blob with the raw private key.
  public static func open(sealed: String, privateKey: Data, info: String) throws -> Data {
    try run(mode: "open", key: privateKey, info: info, input: Data(sealed.utf8))
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  private static func run(mode: String, key: Data, info: String, input: Data) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, mode, key.base64EncodedString(), info]
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    do {
      try process.run()
    } catch {
      throw Failure(
        description: "python3 could not be started (\(error)); install Python 3 and "
          + "pip install cryptography")
    }
    try stdin.fileHandleForWriting.write(contentsOf: input)
    try stdin.fileHandleForWriting.close()
    let output = try stdout.fileHandleForReading.readToEnd() ?? Data()
    let errors = try stderr.fileHandleForReading.readToEnd() ?? Data()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let text = String(decoding: errors, as: UTF8.self)
      if process.terminationStatus == 127 {
        throw Failure(
          description: "python3 is not installed; install it and pip install cryptography")
      }
      throw Failure(description: "python3 failed (\(process.terminationStatus)): \(text)")
    }
    return output
  }
}

import Foundation
import OrderCore
import SwiftASN1
import X509

/// Reading and writing the identity's files with the permissions a private key needs.
package enum IdentityFiles {
  /// The largest certificate or key file read; real ones are a few kilobytes.
  package static let maximumFileSize = 1024 * 1024

  /// Creates `directory` (and its parents) mode 0700 if it does not exist.
  package static func makeDirectory(_ directory: String) throws(ServiceIdentityError) {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw .unwritable(path: directory, reason: "it is a file, not a directory")
      }
      return
    }
    do {
      try PrivateFiles.createDirectory(directory)
    } catch {
      throw .unwritable(path: directory, reason: error.description)
    }
  }

  /// Refuses a key file that group or others may read or write.
  package static func checkPrivate(_ path: String) throws(ServiceIdentityError) {
    var status = stat()
    guard stat(path, &status) == 0 else {
      throw .unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    let mode = Int(status.st_mode) & 0o777
    guard mode & 0o077 == 0 else { throw .keyFileTooOpen(path: path, mode: mode) }
  }

  /// Writes `bytes` to `path` atomically: a new file created with `mode` (so the key is never
  /// readable by others, not even for a moment), flushed to disk, then renamed into place.
  package static func writeAtomically(
    _ bytes: [UInt8], to path: String, mode: mode_t
  ) throws(ServiceIdentityError) {
    let temporary = path + ".tmp-\(UInt64.random(in: 0...UInt64.max))"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode)
    guard descriptor >= 0 else {
      throw .unwritable(path: path, reason: String(cString: strerror(errno)))
    }
    var written = 0
    var failure: Int32 = 0
    while written < bytes.count {
      let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if result < 0 {
        if errno == EINTR { continue }
        failure = errno
        break
      }
      written += result
    }
    if failure == 0, fsync(descriptor) != 0 { failure = errno }
    close(descriptor)
    if failure == 0, rename(temporary, path) != 0 { failure = errno }
    if failure != 0 {
      unlink(temporary)
      throw .unwritable(path: path, reason: String(cString: strerror(failure)))
    }
  }

  /// The PEM text of a file, refusing files too large to be a certificate or key.
  package static func readText(_ path: String) throws(ServiceIdentityError) -> String {
    let url = URL(fileURLWithPath: path)
    let data: Data
    do {
      let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
      guard size <= maximumFileSize else {
        throw ServiceIdentityError.unreadable(
          path: path, reason: "it is \(size) bytes, too large for a PEM file")
      }
      data = try Data(contentsOf: url)
    } catch let error as ServiceIdentityError {
      throw error
    } catch {
      throw .unreadable(path: path, reason: reason(error))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .unreadable(path: path, reason: "it is not text")
    }
    return text
  }

  /// Every certificate in a PEM file, in file order.
  package static func readCertificates(_ path: String) throws(ServiceIdentityError) -> [Certificate]
  {
    let text = try readText(path)
    let documents: [PEMDocument]
    do {
      documents = try PEMDocument.parseMultiple(pemString: text)
    } catch {
      throw .notACertificate(path: path, reason: "no PEM block could be read")
    }
    let certificates = documents.filter { $0.discriminator == "CERTIFICATE" }
    guard !certificates.isEmpty else {
      throw .notACertificate(path: path, reason: "it has no CERTIFICATE block")
    }
    do {
      return try certificates.map { try Certificate(pemDocument: $0) }
    } catch {
      throw .notACertificate(path: path, reason: "a CERTIFICATE block is not a valid certificate")
    }
  }

  /// The first private key in a PEM file, and that key alone as PEM.
  ///
  /// Other blocks (such as the `EC PARAMETERS` that `openssl ecparam` writes first) are
  /// skipped. Parse errors do not quote the file, since it holds a secret.
  package static func readPrivateKey(
    _ path: String
  ) throws(ServiceIdentityError) -> (Certificate.PrivateKey, String) {
    let text = try readText(path)
    guard let documents = try? PEMDocument.parseMultiple(pemString: text) else {
      throw .notAPrivateKey(path: path, reason: "no PEM block could be read")
    }
    if documents.contains(where: { $0.discriminator == "ENCRYPTED PRIVATE KEY" })
      || text.contains("Proc-Type: 4,ENCRYPTED")
    {
      throw .encryptedPrivateKey(path: path)
    }
    let keyTypes: Set = ["PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"]
    guard let document = documents.first(where: { keyTypes.contains($0.discriminator) }) else {
      throw .notAPrivateKey(path: path, reason: "it has no PRIVATE KEY block")
    }
    do {
      return (try Certificate.PrivateKey(pemDocument: document), document.pemString)
    } catch {
      throw .notAPrivateKey(
        path: path, reason: "the \(document.discriminator) block is not a key this service reads")
    }
  }

  private static func reason(_ error: any Error) -> String {
    (error as NSError).localizedDescription
  }
}

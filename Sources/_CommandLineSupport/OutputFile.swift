public import Foundation
import RetentionCore

/// Writes text to a file (atomically), or fails with a sentence that names the file and says
/// what is wrong, instead of Foundation's "NSCocoaErrorDomain error 512".
///
/// - Parameters:
///   - text: The text, written as UTF-8.
///   - path: The file's path.
/// - Throws: ``CommandLineError`` when the file cannot be written.
public func writeTextFile(_ text: String, to path: String) throws {
  do {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  } catch {
    throw CommandLineError("cannot write \(path): \(writeFailureReason(path: path, error: error))")
  }
}

private func writeFailureReason(path: String, error: any Error) -> String {
  var isDirectory: ObjCBool = false
  if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
    return "it is a directory"
  }
  let folder = (path as NSString).deletingLastPathComponent
  if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
    return "its folder \(folder) does not exist"
  }
  if !folder.isEmpty && !isDirectory.boolValue { return "\(folder) is not a folder" }
  let underlying = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError) ?? (error as NSError)
  if underlying.domain == NSPOSIXErrorDomain {
    return String(cString: strerror(Int32(underlying.code))).lowercased()
  }
  return "the system refused it (\(underlying.domain) \(underlying.code))"
}

/// The one-line message of an error that happened while reading `file`: the error's own
/// sentence when it already names the file (it cannot be opened or read), else prefixed with the
/// file's name.
///
/// - Parameters:
///   - error: The error.
///   - file: The file being read.
/// - Returns: The message.
public func readFailureMessage(_ error: any Error, file: URL) -> String {
  if let error = error as? RetentionCoreError, error.code == .ioFailure { return error.description }
  return "\(file.lastPathComponent): \(error)"
}

import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Opens input files with errors that name the file and say what is wrong in a sentence
/// ("cannot read /data: it is a directory, not a file"), instead of Foundation's
/// "NSCocoaErrorDomain error 256".
enum FileAccess {
  /// Opens a regular file (or a pipe or device) for reading.
  ///
  /// - Throws: ``RetentionCoreError`` (`.ioFailure`) naming the file: there is none, it is a
  ///   directory, or it cannot be opened (with the system's reason).
  static func openForReading(_ url: URL) throws -> FileHandle {
    let path = url.path
    var status = stat()
    if stat(path, &status) != 0 {
      throw failure(path, errno: errno)
    }
    if (status.st_mode & S_IFMT) == S_IFDIR {
      throw RetentionCoreError(.ioFailure, reason: "cannot read \(quotedPath(path)): it is a directory, not a file")
    }
    let descriptor = open(path, O_RDONLY)
    if descriptor < 0 {
      throw failure(path, errno: errno)
    }
    return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
  }

  /// The error of a failed read from an open file.
  static func readError(_ url: URL, _ error: any Error) -> RetentionCoreError {
    let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError).flatMap {
      $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil
    }
    if let code { return failure(url.path, errno: code) }
    if (error as NSError).domain == NSPOSIXErrorDomain {
      return failure(url.path, errno: Int32((error as NSError).code))
    }
    return RetentionCoreError(
      .ioFailure, reason: "cannot read \(quotedPath(url.path)): the system reported an error while reading it")
  }

  /// The error for a system error number, in a sentence that names the file.
  static func failure(_ path: String, errno code: Int32) -> RetentionCoreError {
    let reason: String
    switch code {
    case ENOENT: reason = "there is no such file"
    case ENOTDIR: reason = "a part of its path is not a directory"
    case EACCES, EPERM: reason = "permission denied"
    case EISDIR: reason = "it is a directory, not a file"
    default: reason = String(cString: strerror(code)).lowercased()
    }
    return RetentionCoreError(.ioFailure, reason: "cannot read \(quotedPath(path)): \(reason)")
  }

  /// A path as it appears in a message (control characters escaped, long paths cut).
  static func quotedPath(_ path: String) -> String {
    RetentionCoreError.excerpt(path, limit: 300)
  }
}

import Foundation

/// The bytes of an open file, read straight into an array (no intermediate `Data` copy).
public enum FileBytes {
  /// Reads up to `count` bytes from a file descriptor, retrying interrupted reads.
  ///
  /// ```swift
  /// let (bytes, failure) = FileBytes.read(descriptor: handle.fileDescriptor, count: size)
  /// ```
  ///
  /// - Parameters:
  ///   - descriptor: An open file descriptor, read from its current position.
  ///   - count: The most bytes to read.
  /// - Returns: The bytes read (fewer than `count` at the end of the file), and the `errno` of a
  ///   failed read, if one failed.
  /// - Complexity: O(*n*) for *n* bytes.
  public static func read(descriptor: Int32, count: Int) -> (bytes: [UInt8], failure: Int32?) {
    var failure: Int32?
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      initialized = 0
      while initialized < count, let base = buffer.baseAddress {
        let got = Foundation.read(descriptor, base + initialized, count - initialized)
        if got < 0 && errno == EINTR { continue }
        if got < 0 { failure = errno }
        if got <= 0 { break }
        initialized += got
      }
    }
    return (bytes, failure)
  }
}

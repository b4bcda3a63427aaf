#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads bytes of an open file straight into arrays: one system call per read, with no `Data` in
/// between to copy from and no zeroing of the array first.
///
/// The caller opens and closes the file (and words the errors, naming the file); this type only
/// reads.
///
/// ```swift
/// let size = FileBytes.regularFileSize(of: descriptor)
/// let bytes = try FileBytes.readToEnd(from: descriptor, expectedCount: size ?? 0)
/// ```
public enum FileBytes {
  /// A failed read, with the system's error number.
  public struct Failure: Error, Hashable, Sendable {
    /// The system's error number (`errno`).
    public let errorNumber: Int32

    /// Creates a failure.
    ///
    /// - Parameter errorNumber: The system's error number.
    public init(errorNumber: Int32) { self.errorNumber = errorNumber }
  }

  /// Reads up to `count` bytes at the file's position, which moves past them.
  ///
  /// - Parameters:
  ///   - descriptor: An open file descriptor.
  ///   - count: The most bytes to read (positive).
  /// - Returns: The bytes read: fewer than `count` only at the end of the file (none there).
  /// - Throws: ``Failure`` when the system refuses the read (an interrupted read is retried).
  /// - Complexity: O(*n*), where *n* is the number of bytes read.
  public static func read(from descriptor: Int32, upTo count: Int) throws(Failure) -> [UInt8] {
    try fill(count) { buffer, _ in systemRead(descriptor, buffer, offset: nil) }
  }

  /// Reads up to `count` bytes from the start of a file without moving its position.
  ///
  /// - Parameters:
  ///   - descriptor: An open descriptor of a regular file.
  ///   - count: The most bytes to read (positive).
  /// - Returns: The first bytes of the file (fewer than `count` for a shorter file).
  /// - Throws: ``Failure`` when the system refuses the read.
  /// - Complexity: O(*n*), where *n* is the number of bytes read.
  public static func readPrefix(of descriptor: Int32, upTo count: Int) throws(Failure) -> [UInt8] {
    try fill(count) { buffer, done in systemRead(descriptor, buffer, offset: done) }
  }

  /// Reads up to `count` bytes at `offset`, without moving the file's position.
  private static func read(from descriptor: Int32, upTo count: Int, at offset: Int) throws(Failure) -> [UInt8] {
    try fill(count) { buffer, done in systemRead(descriptor, buffer, offset: offset + done) }
  }

  /// Reads from the file's position to its end.
  ///
  /// - Parameters:
  ///   - descriptor: An open file descriptor.
  ///   - expectedCount: How many bytes are expected (the file's size, if known), so that they are
  ///     read with one call into an array of the right size; more or fewer are fine.
  /// - Returns: The bytes read.
  /// - Throws: ``Failure`` when the system refuses a read.
  /// - Complexity: O(*n*), where *n* is the number of bytes read.
  public static func readToEnd(from descriptor: Int32, expectedCount: Int) throws(Failure) -> [UInt8] {
    // One byte more than expected, so that a file of the expected size ends the first read short
    // instead of needing a second, empty read to be sure.
    var bytes = try read(from: descriptor, upTo: Swift.max(expectedCount + 1, 1))
    if bytes.count <= expectedCount { return bytes }
    var chunk = 1 << 16
    while true {
      let more = try read(from: descriptor, upTo: chunk)
      if more.isEmpty { return bytes }
      bytes.append(contentsOf: more)
      chunk = Swift.min(chunk * 2, 1 << 26)
    }
  }

  /// Reads a regular file of `size` bytes from its start without moving its position, in two
  /// halves at once: each half with `pread` at its offset, on a thread of its own.
  ///
  /// - Parameters:
  ///   - descriptor: An open descriptor of a regular file.
  ///   - size: The file's size (positive), as ``regularFileSize(of:)`` found it.
  /// - Returns: The file's bytes, or `nil` when it does not hold exactly `size` bytes (it changed
  ///   since it was measured): then read it as usual, with ``readToEnd(from:expectedCount:)``.
  /// - Throws: ``Failure`` when the system refuses a read.
  /// - Complexity: O(*n*), where *n* is `size`.
  public static func readWholeFile(of descriptor: Int32, size: Int) throws(Failure) -> [UInt8]? {
    precondition(size > 0, "read at least one byte")
    let halves = [0..<(size / 2), (size / 2)..<size]
    var outcomes: [(count: Int, errorNumber: Int32)] = []
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
      let shared = UnsafeSendable(value: buffer)
      outcomes = ParallelWork.map(halves.count) { half in
        let range = halves[half]
        return readFully(into: UnsafeMutableBufferPointer(rebasing: shared.value[range])) { buffer, done in
          systemRead(descriptor, buffer, offset: range.lowerBound + done)
        }
      }
      // Every byte, or none when a half came back short (the array is then dropped).
      initialized = zip(outcomes, halves).allSatisfy({ $0.count == $1.count }) ? size : 0
    }
    if let failure = outcomes.first(where: { $0.errorNumber != 0 }) { throw Failure(errorNumber: failure.errorNumber) }
    guard bytes.count == size else { return nil }
    // A file that grew since it was measured has a byte at `size`.
    guard try read(from: descriptor, upTo: 1, at: size).isEmpty else { return nil }
    return bytes
  }

  /// The size in bytes of a regular file, or `nil` for a pipe, a device or a failed look-up.
  ///
  /// - Parameter descriptor: An open file descriptor.
  public static func regularFileSize(of descriptor: Int32) -> Int? {
    var status = stat()
    guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int(status.st_size)
  }

  /// An array of up to `count` bytes written by `readInto` (given the room left and the number
  /// of bytes already read), which returns how many it wrote, 0 at the end, or -1 with `errno` set.
  private static func fill(_ count: Int, _ readInto: (UnsafeMutableBufferPointer<UInt8>, Int) -> Int) throws(Failure)
    -> [UInt8]
  {
    precondition(count > 0, "read at least one byte")
    var failure: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      (initialized, failure) = readFully(into: buffer, readInto)
    }
    if failure != 0 { throw Failure(errorNumber: failure) }
    return bytes
  }

  /// Fills `buffer` by calls of `readInto` (given the room left and the number of bytes already
  /// read; it returns how many it wrote, 0 at the end, or -1 with `errno` set), retrying an
  /// interrupted read; returns the bytes written and the error number of a failed read (0 if none).
  private static func readFully(
    into buffer: UnsafeMutableBufferPointer<UInt8>, _ readInto: (UnsafeMutableBufferPointer<UInt8>, Int) -> Int
  ) -> (count: Int, errorNumber: Int32) {
    var total = 0
    while total < buffer.count {
      let got = readInto(UnsafeMutableBufferPointer(rebasing: buffer[total...]), total)
      if got < 0 {
        if errno == EINTR { continue }
        return (total, errno)
      }
      if got == 0 { break }
      total += got
    }
    return (total, 0)
  }

}

/// One `read` (at the file's position) or `pread` (at an offset) into a buffer; outside
/// ``FileBytes``, whose `read` would hide the system's.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableBufferPointer<UInt8>, offset: Int?) -> Int {
  guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
  if let offset { return pread(descriptor, base, buffer.count, off_t(offset)) }
  return read(descriptor, base, buffer.count)
}

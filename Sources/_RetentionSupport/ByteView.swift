/// Read access to bytes in memory, handed to a closure by the types of this target: a
/// bounds-checked view, valid only inside the closure it is passed to (never store it).
///
/// It stands in for `Span<UInt8>`, which the SDK cannot use for strings before macOS 26. The
/// byte types of this file are `public` (in a module that is not a product): an `@inlinable`
/// `package` declaration is not inlined into other modules, and these are read in hot loops.
///
/// ```swift
/// UTF8Bytes.read("Ada") { bytes in bytes[0] }  // 65
/// ```
public struct ByteView {
  @usableFromInline let buffer: UnsafeBufferPointer<UInt8>

  @inlinable init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

  /// The number of bytes.
  @inlinable public var count: Int { buffer.count }

  /// Whether there are no bytes.
  @inlinable public var isEmpty: Bool { buffer.isEmpty }

  /// The positions of the bytes, `0..<count`.
  @inlinable public var indices: Range<Int> { 0..<buffer.count }

  /// The byte at a position.
  @inlinable @inline(__always) public subscript(position: Int) -> UInt8 {
    precondition(position >= 0 && position < buffer.count, "a position of the bytes")
    return buffer[position]
  }

  /// The bytes at some positions.
  @inlinable public func extracting(_ range: Range<Int>) -> ByteView {
    precondition(range.lowerBound >= 0 && range.upperBound <= buffer.count, "positions of the bytes")
    return ByteView(UnsafeBufferPointer(rebasing: buffer[range]))
  }

  /// Whether the bytes equal others.
  @inlinable public func elementsEqual(_ other: [UInt8]) -> Bool { buffer.elementsEqual(other) }

  /// Whether the bytes equal others, compared eight at a time.
  ///
  /// - Complexity: O(*n*) for *n* bytes.
  @inlinable public func elementsEqual(_ other: ByteView) -> Bool {
    let count = buffer.count
    guard count == other.buffer.count else { return false }
    guard count > 0, let left = buffer.baseAddress, let right = other.buffer.baseAddress else { return true }
    var index = 0
    while index + 8 <= count {
      let a = UnsafeRawPointer(left + index).loadUnaligned(as: UInt64.self)
      let b = UnsafeRawPointer(right + index).loadUnaligned(as: UInt64.self)
      if a != b { return false }
      index += 8
    }
    while index < count {
      if left[index] != right[index] { return false }
      index += 1
    }
    return true
  }

  /// The first position at or after `start` whose byte is in `set`, or ``count`` if there is
  /// none: the scan that skips a run of ordinary bytes.
  ///
  /// - Complexity: O(*n*) for the *n* bytes skipped.
  @inlinable @inline(__always) public func firstIndex(in set: ByteSet, from start: Int) -> Int {
    precondition(start >= 0 && start <= buffer.count, "a position of the bytes")
    return set.members.withUnsafeBufferPointer { members in
      var index = start
      while index < buffer.count && !members[Int(buffer[index])] { index += 1 }
      return index
    }
  }

  /// Whether every byte is below 0x80.
  @inlinable public var isASCII: Bool {
    var combined: UInt8 = 0
    for byte in buffer { combined |= byte }
    return combined < 0x80
  }

  /// The bytes as an array.
  public var array: [UInt8] { Array(buffer) }

  /// The bytes decoded as UTF-8 (invalid sequences repaired).
  public var string: String { String(decoding: buffer, as: UTF8.self) }
}

/// Write access to bytes in memory, handed to a closure by ``ByteScratch``: bounds-checked, valid
/// only inside the closure it is passed to.
public struct MutableByteView {
  @usableFromInline let buffer: UnsafeMutableBufferPointer<UInt8>

  @inlinable init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

  /// The number of bytes.
  @inlinable public var count: Int { buffer.count }

  /// The byte at a position.
  @inlinable @inline(__always) public subscript(position: Int) -> UInt8 {
    get {
      precondition(position >= 0 && position < buffer.count, "a position of the bytes")
      return buffer[position]
    }
    nonmutating set {
      precondition(position >= 0 && position < buffer.count, "a position of the bytes")
      buffer[position] = newValue
    }
  }

  /// The first bytes, to read.
  @inlinable public func prefix(_ count: Int) -> ByteView {
    precondition(count >= 0 && count <= buffer.count, "a prefix of the bytes")
    return ByteView(UnsafeBufferPointer(rebasing: buffer[..<count]))
  }
}

/// A reusable buffer of bytes that grows as needed, to write into and read back.
///
/// ```swift
/// var scratch = ByteScratch()
/// let count = scratch.write(capacity: 3) { bytes in bytes[0] = 65; return 1 }
/// scratch.read(count: count) { $0.string }  // "A"
/// ```
public struct ByteScratch {
  @usableFromInline var storage: [UInt8]

  /// An empty buffer.
  public init(capacity: Int = 256) { storage = [UInt8](repeating: 0, count: Swift.max(capacity, 1)) }

  /// Calls `body` with at least `capacity` bytes to write.
  @inlinable public mutating func write<Result>(capacity: Int, _ body: (MutableByteView) -> Result) -> Result {
    if storage.count < capacity { storage = [UInt8](repeating: 0, count: Swift.max(capacity, 2 * storage.count)) }
    return storage.withUnsafeMutableBufferPointer { body(MutableByteView($0)) }
  }

  /// Calls `body` with the first `count` bytes.
  @inlinable public func read<Result>(count: Int, _ body: (ByteView) -> Result) -> Result {
    storage.withUnsafeBufferPointer { body(ByteView($0).extracting(0..<count)) }
  }
}

/// Bytes held in an array, read and appended through ``ByteView``.
extension Array where Element == UInt8 {
  /// Calls `body` with the array's bytes.
  ///
  /// ```swift
  /// [UInt8]("abc".utf8).withByteView { $0[1] }  // 98
  /// ```
  @inlinable public func withByteView<Result>(_ body: (ByteView) throws -> Result) rethrows -> Result {
    try withUnsafeBufferPointer { try body(ByteView($0)) }
  }

  /// Appends the bytes of a view.
  ///
  /// - Complexity: O(*n*) for *n* bytes appended (amortised).
  @inlinable public mutating func append(_ bytes: ByteView) { append(contentsOf: bytes.buffer) }
}

/// The UTF-8 bytes of strings, read in place.
public enum UTF8Bytes {
  /// Calls `body` with the UTF-8 bytes of a string (made contiguous first if it is not).
  @inlinable public static func read<Result>(_ string: String, _ body: (ByteView) -> Result) -> Result {
    var string = string
    return string.withUTF8 { body(ByteView($0)) }
  }
}

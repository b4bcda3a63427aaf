/// A set of byte values, tested in one table look-up: the bytes that end a run of ordinary bytes
/// for a scanner (a CSV reader's separator, quote and line breaks).
///
/// ```swift
/// let stops = ByteSet([UInt8(ascii: ","), UInt8(ascii: "\n")])
/// [UInt8]("ab,c".utf8).withByteView { $0.firstIndex(in: stops, from: 0) }  // 2
/// ```
public struct ByteSet: Sendable, Hashable {
  /// Whether each of the 256 byte values is a member.
  @usableFromInline let members: [Bool]

  /// A set of the given bytes.
  ///
  /// - Complexity: O(*n*) for *n* bytes, plus a table of 256 entries.
  public init(_ bytes: some Sequence<UInt8>) {
    var members = [Bool](repeating: false, count: 256)
    for byte in bytes { members[Int(byte)] = true }
    self.members = members
  }

  /// Whether a byte is a member.
  @inlinable public func contains(_ byte: UInt8) -> Bool { members[Int(byte)] }
}

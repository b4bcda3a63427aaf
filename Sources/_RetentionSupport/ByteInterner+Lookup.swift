extension ByteInterner {
  /// The number of some bytes, or `nil` if they were never interned; the interner is unchanged.
  ///
  /// Values added with ``appendWithoutIndex(_:)`` are never found.
  ///
  /// ```swift
  /// var interner = ByteInterner()
  /// interner.intern("ada@example.com")            // 0
  /// interner.number(of: "ada@example.com")        // 0
  /// interner.number(of: "bob@example.com")        // nil
  /// ```
  ///
  /// - Complexity: O(*k*) on average for *k* bytes.
  @inlinable public func number(of bytes: ByteView) -> Int32? {
    let buffer = bytes.buffer
    let hash = ByteHash.hash(buffer)
    return slots.find(hash: hash) { self.hashes[$0] == hash && self.matches($0, buffer) }.entry.map(Int32.init)
  }

  /// The number of a string's UTF-8 bytes, or `nil` if they were never interned.
  ///
  /// - Complexity: O(*k*) on average for *k* bytes.
  public func number(of string: String) -> Int32? {
    UTF8Bytes.read(string) { number(of: $0) }
  }
}

extension ByteInterner {
  /// The ``ByteHash`` of a value's bytes (0 for a value added with ``appendWithoutIndex(_:)``):
  /// a function of the bytes alone, the same in every interner and every run.
  ///
  /// - Parameter entry: A value's number.
  @inlinable public func hash(of entry: Int32) -> UInt64 { hashes[Int(entry)] }
}

extension UTF8Bytes {
  /// The UTF-8 bytes of `prefix + strings[i]` for each string, one after another, with the end
  /// of each in them, copied in one pass into storage of the right size.
  ///
  /// ```swift
  /// let (bytes, ends) = UTF8Bytes.concatenated(["7", "42"], eachAfter: "id:")
  /// // bytes: the bytes of "id:7id:42", ends: [4, 9]
  /// ```
  ///
  /// - Complexity: O(*n*) for *n* bytes in all.
  public static func concatenated(_ strings: [String], eachAfter prefix: String) -> (bytes: [UInt8], ends: [Int]) {
    var prefix = prefix
    return prefix.withUTF8 { prefix in
      var total = 0
      for string in strings { total += prefix.count + string.utf8.count }
      var ends = [Int](repeating: 0, count: strings.count)
      let bytes = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
        var offset = 0
        for (index, string) in strings.enumerated() {
          offset = append(prefix, to: buffer, at: offset)
          var string = string
          offset = string.withUTF8 { append($0, to: buffer, at: offset) }
          ends[index] = offset
        }
        initialized = offset
      }
      return (bytes, ends)
    }
  }

  /// Copies bytes into a buffer at an offset and returns the offset after them.
  private static func append(
    _ bytes: UnsafeBufferPointer<UInt8>, to buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int
  ) -> Int {
    precondition(offset + bytes.count <= buffer.count, "room for the bytes")
    if let source = bytes.baseAddress, let target = buffer.baseAddress {
      (target + offset).initialize(from: source, count: bytes.count)
    }
    return offset + bytes.count
  }
}

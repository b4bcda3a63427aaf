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
    let count = bytes.count
    precondition(offset + count <= buffer.count, "room for the bytes")
    guard let source = bytes.baseAddress, let target = buffer.baseAddress.map({ $0 + offset }) else { return offset }
    // Eight bytes at a time and then one by one: ids are short, and a call to `memmove` per
    // id costs more than the copy.
    var index = 0
    while index + 8 <= count {
      UnsafeMutableRawPointer(target + index).storeBytes(
        of: UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self), as: UInt64.self)
      index += 8
    }
    while index < count {
      (target + index).initialize(to: source[index])
      index += 1
    }
    return offset + count
  }
}

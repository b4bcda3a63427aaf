extension RetentionCoreError {
  /// A piece of the input as it may appear in a message: at most `limit` characters, with
  /// control and invisible characters escaped, so that no message echoes a whole 50 MB field or
  /// writes raw control bytes to a terminal.
  ///
  /// ```swift
  /// RetentionCoreError.excerpt("a\u{0}b")                           // a\u{0}b
  /// RetentionCoreError.excerpt(String(repeating: "x", count: 500))  // 200 × x, then "… (500 bytes in all)"
  /// ```
  ///
  /// The limit counts the characters written, an escape such as `\u{1B}` as six, so the
  /// excerpt is never longer than `limit` characters plus the note of the full length.
  ///
  /// Escaped are the C0 and C1 control characters (tab, line breaks and NUL included), DEL, and
  /// the invisible format characters that can reorder or hide text (bidirectional overrides and
  /// isolates, zero-width spaces, the byte-order mark); each becomes `\u{…}` with its hexadecimal
  /// code point. Invalid UTF-8 has already become U+FFFD when the bytes were decoded. A cut text
  /// ends with `…` and its full length in bytes.
  ///
  /// - Parameters:
  ///   - text: The input text.
  ///   - limit: The most characters to write (escapes included); 200 by default.
  /// - Returns: The text, escaped and cut.
  /// - Complexity: O(*limit*): the rest of a long text is not read.
  public static func excerpt(_ text: some StringProtocol, limit: Int = 200) -> String {
    var result = ""
    var kept = 0
    var index = text.unicodeScalars.startIndex
    let end = text.unicodeScalars.endIndex
    while index < end {
      if kept >= limit {
        result += "… (\(text.utf8.count) bytes in all)"
        return result
      }
      let scalar = text.unicodeScalars[index]
      if needsEscape(scalar) {
        let escaped = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        if kept + escaped.count > limit {
          result += "… (\(text.utf8.count) bytes in all)"
          return result
        }
        result += escaped
        kept += escaped.count
      } else {
        result.unicodeScalars.append(scalar)
        kept += 1
      }
      index = text.unicodeScalars.index(after: index)
    }
    return result
  }

  /// A quoted excerpt of the input: `"abc"`, for a reason such as `not a number: "abc"`.
  ///
  /// - Parameters:
  ///   - text: The input text.
  ///   - limit: The most characters of the text to write; 200 by default, less where a message
  ///     quotes several values.
  /// - Returns: ``excerpt(_:limit:)`` of the text in double quotes.
  /// - Complexity: O(*limit*).
  static func quoted(_ text: some StringProtocol, limit: Int = 200) -> String {
    "\"" + excerpt(text, limit: limit) + "\""
  }

  private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1
    case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF: return true  // invisible format characters
    default: return false
    }
  }
}

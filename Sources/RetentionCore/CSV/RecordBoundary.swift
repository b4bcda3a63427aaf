import _RetentionSupport

/// The start of the first record after `position`: the byte after the first line break that
/// lies outside quotes, judging quotes by their parity from the start of the input. `nil` if
/// there is none.
///
/// A file split there parses into the same records as the whole file (quotes are balanced in
/// every well-formed record), which lets two parts be parsed in parallel.
///
/// - Complexity: O(*n*), where *n* is `position` plus the length of the record that holds it.
func recordBoundary(near position: Int, in bytes: [UInt8]) -> Int? {
  let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
  let quotes = ByteSet([quote]), quotesAndNewlines = ByteSet([quote, newline])
  return bytes.withByteView { bytes -> Int? in
    var insideQuotes = false
    var index = bytes.firstIndex(in: quotes, from: 0)
    while index < position {
      insideQuotes.toggle()
      index = bytes.firstIndex(in: quotes, from: index + 1)
    }
    index = position
    while true {
      index = bytes.firstIndex(in: quotesAndNewlines, from: index)
      guard index < bytes.count else { return nil }
      if bytes[index] == quote {
        insideQuotes.toggle()
      } else if !insideQuotes {
        return index + 1 < bytes.count ? index + 1 : nil
      }
      index += 1
    }
  }
}

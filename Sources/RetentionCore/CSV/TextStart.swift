/// Where the text of a file starts: after a UTF-8 byte-order mark, if any; a UTF-16 byte-order
/// mark is refused (the readers read UTF-8 only).
///
/// - Parameter firstChunk: The first bytes of the file.
/// - Returns: 3 after a UTF-8 byte-order mark, else 0.
/// - Throws: ``RetentionCoreError`` `.notText` for a UTF-16 byte-order mark.
func textStart(of firstChunk: [UInt8]) throws -> Int {
  if firstChunk.count >= 2
    && ((firstChunk[0] == 0xFF && firstChunk[1] == 0xFE) || (firstChunk[0] == 0xFE && firstChunk[1] == 0xFF))
  {
    throw RetentionCoreError(
      .notText, row: 1, reason: "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8")
  }
  return firstChunk.count >= 3 && firstChunk[0] == 0xEF && firstChunk[1] == 0xBB && firstChunk[2] == 0xBF ? 3 : 0
}

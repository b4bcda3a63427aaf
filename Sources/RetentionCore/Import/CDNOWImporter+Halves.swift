import _RetentionSupport

extension CDNOWImporter {
  /// Imports a CDNOW text in memory in two halves at once, split at the first line start at or
  /// after `middle`: the result (log, report, errors) is that of
  /// ``importBytes(_:context:into:)`` with ``CDNOWColumns``, read line by line.
  ///
  /// The first half is read as always. The second is read on its own at the same time, as if it
  /// were a file, and its rows are appended to the first half's when they are what the first
  /// half's reader would have made of the same lines (``CDNOWRows/append(_:lineCount:rowOffset:)``:
  /// every line an order, as in the published files). Otherwise (a bad or blank row, a currency
  /// choice that rejects or converts, a line the CSV reader must read) the first half's reader
  /// goes on through the second half, as a reading of the whole text would.
  /// `CDNOWHalvesEquivalenceTests` compares the two at every split of many texts.
  ///
  /// - Parameter middle: Where to split, a byte offset; a text with no line start at or after
  ///   it (past the first byte) is read in one piece.
  /// - Throws: ``RetentionCoreError`` as ``OrderLog/init(csv:format:options:)``.
  /// - Complexity: O(*n* log *n*), where *n* is the number of rows.
  static func importBytesInHalves(_ bytes: [UInt8], context: ImportContext, splittingNear middle: Int) throws
    -> OrderLog
  {
    guard !startsWithByteOrderMark(bytes), let split = lineStart(atOrAfter: middle, in: bytes) else {
      return try importBytes(bytes, context: context, into: CDNOWColumns.self)
    }
    let limit = context.maximumRecordLength
    let halves = ParallelWork.map(2) { half in
      let range = half == 0 ? 0..<split : split..<bytes.count
      // The first half has room for the rows of both, which are appended to it.
      var rows = CDNOWRows<CDNOWColumns>(
        context: context, expectedRows: expectedRows(byteCount: half == 0 ? bytes.count : range.count))
      var row = 0
      let outcome = Result { try readLines(bytes, range, into: &rows, row: &row, limit: limit) }
      return Half(rows: rows, lineCount: row, outcome: outcome)
    }
    var first = halves[0]
    // The first half's error, or its need of the CSV reader, comes first in the whole text too.
    guard try first.outcome.get() else { return try reference(bytes, context: context) }
    let second = halves[1]
    if case .success(true) = second.outcome,
      first.rows.append(second.rows, lineCount: second.lineCount, rowOffset: first.lineCount)
    {
      return try first.rows.build()
    }
    guard try readLines(bytes, split..<bytes.count, into: &first.rows, row: &first.lineCount, limit: limit) else {
      return try reference(bytes, context: context)
    }
    return try first.rows.build()
  }

  /// One half of a text read on its own.
  private struct Half: Sendable {
    var rows: CDNOWRows<CDNOWColumns>
    /// The number of lines read.
    var lineCount: Int
    /// Whether every line was read (`false` at a line for the CSV reader), or the error of the
    /// first bad row in strict mode.
    var outcome: Result<Bool, any Error>
  }

  /// The first index at or after `offset`, past the first byte, that follows an LF; `nil` when
  /// there is none before the end. (A split after an LF never falls between the CR and LF of
  /// one line end.)
  static func lineStart(atOrAfter offset: Int, in bytes: [UInt8]) -> Int? {
    var index = Swift.max(offset, 1)
    while index < bytes.count {
      if bytes[index - 1] == 0x0A { return index }
      index += 1
    }
    return nil
  }
}

// Not API: see ApproximateEquality.swift.

/// The records of a CSV text as byte ranges, for tests that reorder a file's rows.
///
/// Records end at a line break outside quotes (quote parity from the start of the text, as
/// RFC 4180 reads it), so a quoted field with a line break stays inside its record: reversing
/// or shuffling records never tears one apart, as reversing lines would.
public struct CSVRecords {
  /// The header record, with its line break.
  public let header: [UInt8]
  /// The data records, each with its line break (the last one gets one if the text lacked it).
  public let rows: [[UInt8]]

  /// Splits a CSV text into its header and data records.
  ///
  /// - Parameter bytes: The text, with `\n` or `\r\n` line breaks.
  public init(_ bytes: [UInt8]) {
    var records: [[UInt8]] = []
    var start = 0
    var insideQuotes = false
    for (index, byte) in bytes.enumerated() {
      if byte == UInt8(ascii: "\"") {
        insideQuotes.toggle()
      } else if byte == UInt8(ascii: "\n") && !insideQuotes {
        records.append(Array(bytes[start...index]))
        start = index + 1
      }
    }
    if start < bytes.count { records.append(Array(bytes[start...]) + [UInt8(ascii: "\n")]) }
    header = records.first ?? []
    rows = Array(records.dropFirst())
  }

  /// The text with the data records in the given order.
  ///
  /// - Parameter order: A permutation of `rows.indices`.
  /// - Returns: The header followed by the records in that order.
  public func text(order: [Int]) -> [UInt8] {
    precondition(order.sorted() == Array(rows.indices), "not a permutation of the rows")
    return header + order.flatMap { rows[$0] }
  }

  /// The text with the data records reversed (the header stays first).
  public var reversed: [UInt8] { text(order: rows.indices.reversed()) }

  /// The text with the data records shuffled by a seeded generator (Fisher-Yates).
  ///
  /// - Parameter generator: The random source; equal seeds give equal files.
  /// - Returns: The header followed by the shuffled records.
  public func shuffled(using generator: inout some RandomNumberGenerator) -> [UInt8] {
    text(order: Array(rows.indices).shuffled(using: &generator))
  }
}

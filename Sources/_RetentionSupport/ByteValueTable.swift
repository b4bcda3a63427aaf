import Foundation

/// A table of optional byte strings, `columns` × `rows`, each value stored with a 64-bit hash,
/// filled by parallel tasks over contiguous ranges of rows (each into its own ``ByteArena``);
/// afterwards the distinct values of a column can be numbered.
///
/// For hot paths that normalise millions of short values (emails, phones, names) of which only a
/// few are ever needed as `String`s:
///
/// ```swift
/// let table = ByteValueTable(columns: 1, rows: names.count, parts: [0..<names.count]) { rows, writer in
///   for row in rows { UTF8Bytes.read(names[row]) { writer.set(column: 0, row: row, $0) } }
/// }
/// let numbering = table.numbering(ofColumn: 0)  // equal names, equal numbers
/// ```
package final class ByteValueTable: Sendable {
  /// The number of columns.
  package let columns: Int
  /// The number of rows.
  package let rows: Int
  /// The first row of each part, and `rows` at the end.
  private let partStarts: [Int]
  private let arenas: [ByteArena]
  /// Per value (`column * rows + row`): its offset in its part's arena, its length (-1 for no
  /// value) and its hash.
  private let offsets: [Int32]
  private let lengths: [Int32]
  private let hashes: [UInt64]

  /// Write access to the rows of one part while the table is filled.
  package struct Writer: ~Copyable {
    /// The rows this writer may set.
    package let rows: Range<Int>
    fileprivate let rowCount: Int
    fileprivate let arena: ByteArena
    fileprivate let offsets: UnsafeMutableBufferPointer<Int32>
    fileprivate let lengths: UnsafeMutableBufferPointer<Int32>
    fileprivate let hashes: UnsafeMutableBufferPointer<UInt64>

    /// Stores the value of a cell of one of the writer's rows.
    package mutating func set(column: Int, row: Int, _ bytes: ByteView) {
      precondition(
        rows.contains(row) && column >= 0 && column * rowCount < offsets.count, "a cell outside the writer's rows")
      let slot = column * rowCount + row
      offsets[slot] = arena.append(bytes.buffer)
      lengths[slot] = Int32(bytes.count)
      hashes[slot] = ByteHash.hash(bytes.buffer)
    }
  }

  /// Creates a table and fills it, the parts in parallel.
  ///
  /// - Parameters:
  ///   - columns: The number of columns.
  ///   - rows: The number of rows.
  ///   - parts: Contiguous ranges of rows that cover `0..<rows` in order, one task each.
  ///   - bytesPerRow: The expected bytes per row, to size the arenas.
  ///   - fill: Sets the values of a part's rows; a cell never set has no value.
  /// - Complexity: O(*n*) for *n* bytes, plus whatever `fill` does.
  package init(
    columns: Int, rows: Int, parts: [Range<Int>], bytesPerRow: Int = 48,
    fill: @Sendable (_ rows: Range<Int>, _ writer: inout Writer) -> Void
  ) {
    precondition(columns >= 0 && rows >= 0, "a table has no negative size")
    precondition(
      parts.first?.lowerBound ?? 0 == 0 && parts.last?.upperBound ?? 0 == rows
        && zip(parts, parts.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound },
      "the parts must cover the rows in order")
    self.columns = columns
    self.rows = rows
    partStarts = parts.map(\.lowerBound) + [rows]
    var offsets = [Int32](repeating: 0, count: columns * rows)
    var lengths = [Int32](repeating: -1, count: columns * rows)
    var hashes = [UInt64](repeating: 0, count: columns * rows)
    arenas = offsets.withUnsafeMutableBufferPointer { offsets in
      lengths.withUnsafeMutableBufferPointer { lengths in
        hashes.withUnsafeMutableBufferPointer { hashes in
          let shared = UnsafeSendable(value: (offsets, lengths, hashes))
          return ParallelWork.map(parts.count) { part in
            let arena = ByteArena(capacity: parts[part].count * bytesPerRow)
            var writer = Writer(
              rows: parts[part], rowCount: rows, arena: arena, offsets: shared.value.0, lengths: shared.value.1,
              hashes: shared.value.2)
            fill(parts[part], &writer)
            return arena
          }
        }
      }
    }
    self.offsets = offsets
    self.lengths = lengths
    self.hashes = hashes
  }

  /// Whether a cell has a value.
  package func hasValue(column: Int, row: Int) -> Bool { lengths[column * rows + row] >= 0 }

  /// The bytes of a cell's value, which it must have.
  private func bytes(_ slot: Int) -> UnsafeBufferPointer<UInt8> {
    let row = slot % Swift.max(rows, 1)
    var part = 0
    while row >= partStarts[part + 1] { part += 1 }
    return arenas[part].bytes(offset: Int(offsets[slot]), count: Int(lengths[slot]))
  }

  /// Calls `body` with the bytes of a cell's value, which it must have.
  package func read<Result>(column: Int, row: Int, _ body: (ByteView) -> Result) -> Result {
    precondition(hasValue(column: column, row: row), "the cell has no value")
    return body(ByteView(bytes(column * rows + row)))
  }

  /// The value of a cell, which it must have, as a string.
  package func string(column: Int, row: Int) -> String {
    precondition(hasValue(column: column, row: row), "the cell has no value")
    return String(decoding: bytes(column * rows + row), as: UTF8.self)
  }

  /// Appends the bytes of a cell's value, which it must have.
  package func appendValue(column: Int, row: Int, to bytes: inout [UInt8]) {
    precondition(hasValue(column: column, row: row), "the cell has no value")
    bytes.append(contentsOf: self.bytes(column * rows + row))
  }

  private func equal(_ slot: Int, _ other: Int) -> Bool {
    let length = Int(lengths[slot])
    guard length == Int(lengths[other]) else { return false }
    return length == 0 || memcmp(bytes(slot).baseAddress!, bytes(other).baseAddress!, length) == 0
  }

  /// The distinct values of a column, numbered.
  package struct Numbering: Sendable {
    /// The number of each row's value, or -1 for a row without one.
    package var numbers: [Int32]
    /// For each number, a row whose value it is.
    package var representatives: [Int32]
    /// The number of distinct values.
    package var count: Int { representatives.count }
  }

  /// Numbers the distinct values of a column: within each half of the hash space (the two in
  /// parallel for large tables) in order of their first row, the upper half after the lower.
  ///
  /// - Complexity: O(*n*) expected for *n* rows.
  package func numbering(ofColumn column: Int) -> Numbering {
    var numbers = [Int32](repeating: -1, count: rows)
    let halves = rows >= 10_000 ? 2 : 1
    let representatives = numbers.withUnsafeMutableBufferPointer { numbers in
      let output = UnsafeSendable(value: numbers)
      return ParallelWork.map(halves) { half in self.number(column: column, half: half, of: halves, into: output.value)
      }
    }
    if halves == 2 {
      let offset = Int32(representatives[0].count)
      let base = column * rows
      for row in numbers.indices where numbers[row] >= 0 && hashes[base + row] >> 63 == 1 { numbers[row] += offset }
    }
    return Numbering(numbers: numbers, representatives: Array(representatives.joined()))
  }

  /// Numbers the values of one half of the hash space in a ``HashSlots`` table.
  private func number(column: Int, half: Int, of halves: Int, into numbers: UnsafeMutableBufferPointer<Int32>)
    -> [Int32]
  {
    let base = column * rows
    func isMine(_ row: Int) -> Bool {
      lengths[base + row] >= 0 && (halves == 1 || Int(hashes[base + row] >> 63) == half)
    }
    let mine = (0..<rows).count(where: isMine)
    var slots = HashSlots(capacity: mine)
    var representatives: [Int32] = []
    representatives.reserveCapacity(mine)
    for row in 0..<rows where isMine(row) {
      let hash = hashes[base + row]
      let probe = slots.find(hash: hash) { equal(base + row, base + Int(representatives[$0])) }
      if let entry = probe.entry {
        numbers[row] = Int32(entry)
        continue
      }
      numbers[row] = Int32(representatives.count)
      representatives.append(Int32(row))
      slots.insert(representatives.count - 1, hash: hash, at: probe.slot) { hashes[base + Int(representatives[$0])] }
    }
    return representatives
  }
}

import Testing
import _RetentionSupport
import _TestSupport

/// `ByteValueTable` against a dictionary: equal values get equal numbers, distinct values
/// distinct ones, on tables small (one part) and large (two parts, two halves of the hash space).
struct ByteValueTableTests {
  @Test(arguments: [(rows: 300, parts: 1), (rows: 25_000, parts: 2)])
  func numbersEqualValuesAlike(rows: Int, parts: Int) {
    var generator = SplitMix64(seed: UInt64(rows))
    let values: [String?] = (0..<rows).map { _ in
      let roll = generator.next() % 10
      return roll == 0
        ? nil
        : roll == 1
          ? "" : "value-\(generator.next() % UInt64(rows / 3))" + (roll == 2 ? String(repeating: "x", count: 40) : "")
    }
    let ranges = parts == 1 ? [0..<rows] : [0..<(rows / 3), (rows / 3)..<rows]
    let table = ByteValueTable(columns: 2, rows: rows, parts: ranges) { rows, writer in
      for row in rows {
        guard let value = values[row] else { continue }
        UTF8Bytes.read(value) { writer.set(column: 1, row: row, $0) }
      }
    }
    let numbering = table.numbering(ofColumn: 1)
    var numberOfValue: [String: Int32] = [:]
    for row in 0..<rows {
      #expect(!table.hasValue(column: 0, row: row))
      guard let value = values[row] else {
        #expect(numbering.numbers[row] == -1)
        continue
      }
      #expect(table.string(column: 1, row: row) == value)
      let number = numbering.numbers[row]
      #expect(numberOfValue[value, default: number] == number)
      numberOfValue[value] = number
      #expect(table.string(column: 1, row: Int(numbering.representatives[Int(number)])) == value)
    }
    #expect(numbering.count == numberOfValue.count)
    #expect(Set(numberOfValue.values).count == numberOfValue.count)
  }
}

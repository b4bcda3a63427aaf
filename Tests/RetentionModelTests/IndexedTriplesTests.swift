import RetentionCore
import Testing
import _TestSupport
@testable import RetentionModel

/// ``ValueNumbering`` (the probe table behind ``IndexedTriples``) against the `[Double: Int32]`
/// it replaces: the same numbers and the same values, in order of first appearance.
struct IndexedTriplesTests {
  /// The plain definition: a dictionary beside the array of values.
  static func definition(_ values: [Double]) -> (numbers: [Int32], values: [Double]) {
    var slots: [Double: Int32] = [:]
    var distinct: [Double] = []
    let numbers = values.map { value -> Int32 in
      if let slot = slots[value] { return slot }
      slots[value] = Int32(distinct.count)
      distinct.append(value)
      return Int32(distinct.count - 1)
    }
    return (numbers, distinct)
  }

  @Test(arguments: 0..<40 as Range<UInt64>)
  func valueNumberingIsTheDictionarys(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    // Few or many distinct values (the table grows past its first 64 entries), whole weeks,
    // days in weeks (k / 7), both zeros, tiny and huge values.
    let distinctCount = [3, 50, 400, 5_000][Int(seed % 4)]
    let pool: [Double] = (0..<distinctCount).map { _ in
      switch Int.random(in: 0..<6, using: &generator) {
      case 0: Double(Int.random(in: 0...60, using: &generator))
      case 1: Double(Int.random(in: 0...500, using: &generator)) / 7
      case 2: Bool.random(using: &generator) ? 0.0 : -0.0
      case 3: Double.random(in: 0...1e-300, using: &generator)
      case 4: Double.random(in: 1e300...1e308, using: &generator)
      default: Double.random(in: 0...100, using: &generator)
      }
    }
    let values = (0..<Int.random(in: 0...6_000, using: &generator)).map { _ in
      pool[Int.random(in: 0..<pool.count, using: &generator)]
    }
    var numbering = ValueNumbering()
    let numbers = values.map { numbering.number(of: $0) }
    let expected = Self.definition(values)
    #expect(numbers == expected.numbers, "seed \(seed)")
    // Bits, so that the zero kept is the first one seen, as in the dictionary.
    #expect(numbering.values.map(\.bitPattern) == expected.values.map(\.bitPattern), "seed \(seed)")
  }

  @Test func indexedTriplesNumberTheirColumnsByFirstAppearance() throws {
    let data = FrequencyRecencyData(
      frequency: [0, 2, 2, 5], recency: [0, 3, 1.5, 3], age: [4, 4, 3, 6], unit: .weeks, count: [7, 1, 2, 3])
    let triples = try IndexedTriples(data)
    // The data sort the triples by (x, t_x, T): (0, 0, 4), (2, 1.5, 3), (2, 3, 4), (5, 3, 6).
    #expect(triples.frequencyValues == [0, 2, 5])
    #expect(triples.timeValues == [0, 4, 1.5, 3, 6])
    #expect(triples.frequencyIndex == [0, 1, 1, 2])
    #expect(triples.recencyIndex == [0, 2, 3, 3])
    #expect(triples.ageIndex == [1, 3, 1, 4])
    #expect(triples.customers == 13)
  }
}

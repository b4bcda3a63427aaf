import Foundation
import Testing
import _TestSupport
import RetentionCore

/// The unit that `FrequencyRecencyData` carries: it is kept, encoded, converted exactly and
/// never mixed.
struct FrequencyRecencyDataTests {
  /// A random log of 200 customers over 120 days, summarised in days and in weeks.
  static func summaries(seed: UInt64, unit: TimeUnit) throws -> CustomerSummaries {
    var generator = SplitMix64(seed: seed)
    var orders: [Order] = []
    for index in 0..<600 {
      let customer = Int.random(in: 0..<200, using: &generator)
      let seconds =
        Double(Int.random(in: 0..<120, using: &generator)) * 86_400
        + Double(Int.random(in: 0..<86_400, using: &generator))
      orders.append(
        Order(
          id: "o\(index)", customer: CustomerReference(id: "c\(customer)"),
          placedAt: Date(timeIntervalSince1970: seconds), total: 10))
    }
    return try OrderLog(orders).summaries(
      SummaryOptions(
        observationEnd: Date(timeIntervalSince1970: 119.5 * 86_400),
        calibrationEnd: Date(timeIntervalSince1970: 89.5 * 86_400), unit: unit))
  }

  /// Daily triples converted to weeks are the weekly triples bit for bit: both divide whole
  /// days by 7.
  @Test(arguments: 0..<5 as Range<UInt64>)
  func dailyTriplesConvertToTheWeeklyOnesExactly(seed: UInt64) throws {
    let daily = try Self.summaries(seed: seed, unit: .days).compressed()
    let weekly = try Self.summaries(seed: seed, unit: .weeks).compressed()
    #expect(daily.unit == .days && weekly.unit == .weeks)
    #expect(daily.converted(to: .weeks) == weekly)
    #expect(weekly.converted(to: .weeks) == weekly)
    // Back to days: within one rounding of the days (×7 after ÷7), same counts.
    let back = weekly.converted(to: .days)
    #expect(back.unit == .days && back.count == daily.count && back.frequency == daily.frequency)
    for (value, exact) in zip(back.age + back.recency, daily.age + daily.recency) {
      #expect(value.isApproximatelyEqual(to: exact, absoluteTolerance: 1e-12, relativeTolerance: 1e-15))
    }
  }

  /// Shards in different units merge in the unit of the receiver (or the one asked for), never
  /// as raw numbers.
  @Test func mergingConvertsShardsToOneUnit() {
    let weekly = FrequencyRecencyData(frequency: [0, 1], recency: [0, 2], age: [5, 5], unit: .weeks)
    let daily = FrequencyRecencyData(frequency: [1, 0], recency: [14, 0], age: [35, 70], unit: .days)
    let merged = weekly.merging(daily)
    #expect(merged.unit == .weeks)
    #expect(
      merged
        == FrequencyRecencyData(frequency: [0, 1, 1, 0], recency: [0, 2, 2, 0], age: [5, 5, 5, 10], unit: .weeks))
    #expect(daily.merging(weekly) == merged.converted(to: .days))
    #expect(FrequencyRecencyData(merging: [weekly, daily], unit: .weeks) == merged)
    let none = FrequencyRecencyData(merging: [], unit: .days)
    #expect(none.unit == .days && none.uniqueCount == 0)
  }

  @Test func codableRoundTripKeepsTheUnit() throws {
    let data = FrequencyRecencyData(
      frequency: [0, 2], recency: [0, 30.0 / 7], age: [272.0 / 7, 272.0 / 7], unit: .weeks, count: [12, 3])
    let json = try JSONEncoder().encode(data)
    let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    #expect(object["unit"] as? String == "weeks")
    #expect(try JSONDecoder().decode(FrequencyRecencyData.self, from: json) == data)
    // Data written without a unit are refused rather than read in a guessed one.
    let unitless = #"{"frequency": [0], "recency": [0], "age": [5], "count": [1]}"#
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(FrequencyRecencyData.self, from: Data(unitless.utf8))
    }
  }

  @Test func sqlResultsAreReadInTheUnitOfTheQuery() throws {
    let text = "frequency,recency,age,count\n2,30,272,3\n"
    let daily = try FrequencyRecencyData(sqlResultCSV: Array(text.utf8), unit: .days)
    #expect(daily.unit == .days && daily.age == [272])
    #expect(daily.converted(to: .weeks).age == [272.0 / 7])
  }
}

/// The compression of columns into unique triples against its plain definition: triples equal
/// in their bits (−0.0 as 0.0) merged with their counts added in input order, in the order of
/// a stable sort by (x, t_x, T).
struct FrequencyRecencyDataCompressionTests {
  static func definition(_ x: [Double], _ tx: [Double], _ t: [Double], _ weights: [Double]) -> [[UInt64]] {
    var positions: [[UInt64]: Int] = [:]
    var triples: [(Double, Double, Double)] = []
    var counts: [Double] = []
    for index in x.indices {
      let triple = (x[index] + 0, tx[index] + 0, t[index] + 0)
      let key = [triple.0.bitPattern, triple.1.bitPattern, triple.2.bitPattern]
      if let position = positions[key] {
        counts[position] += weights[index]
      } else {
        positions[key] = triples.count
        triples.append(triple)
        counts.append(weights[index])
      }
    }
    let order = triples.indices.sorted { triples[$0] < triples[$1] }
    return order.map { [triples[$0].0.bitPattern, triples[$0].1.bitPattern, triples[$0].2.bitPattern, counts[$0].bitPattern] }
  }

  /// Seeds 0-29: up to 300 customers (the comparison sort); 30-39: thousands, with more than
  /// 512 distinct triples (the radix sorts), negative values and infinities.
  @Test(arguments: 0..<40 as Range<UInt64>)
  func uniqueTriplesAreTheDefinitions(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let isLarge = seed >= 30
    let count = isLarge ? Int.random(in: 2_000...4_000, using: &generator) : Int.random(in: 0...300, using: &generator)
    func value(_ range: ClosedRange<Int>) -> Double {
      switch Int.random(in: 0..<12, using: &generator) {
      case 0: -0.0
      case 1 where seed % 3 == 0: .nan
      case 2 where isLarge: [-Double.infinity, .infinity, -1e300, -Double.leastNonzeroMagnitude][Int.random(in: 0..<4, using: &generator)]
      case 3 where isLarge: -Double(Int.random(in: range, using: &generator)) / 3
      default: Double(Int.random(in: range, using: &generator)) / 7
      }
    }
    let x = (0..<count).map { _ in value(0...(isLarge ? 30 : 4)) }
    let tx = (0..<count).map { _ in value(0...(isLarge ? 200 : 20)) }
    let t = (0..<count).map { _ in value(isLarge ? 150...250 : 20...24) }
    let weights = (0..<count).map { _ in Double(Int.random(in: 1...3, using: &generator)) }
    let data = FrequencyRecencyData(frequency: x, recency: tx, age: t, unit: .days, count: weights)
    let columns = data.frequency.indices.map {
      [data.frequency[$0].bitPattern, data.recency[$0].bitPattern, data.age[$0].bitPattern, data.count[$0].bitPattern]
    }
    #expect(columns == Self.definition(x, tx, t, weights), "seed \(seed)")
    if isLarge && seed % 3 != 0 { #expect(data.uniqueCount >= 512, "seed \(seed) takes the radix sorts") }
  }
}

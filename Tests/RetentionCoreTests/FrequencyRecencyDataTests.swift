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

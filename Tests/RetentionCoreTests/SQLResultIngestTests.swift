import Foundation
import Testing
import _TestSupport
import RetentionCore

/// Reading query results (CSV as `psql \copy ... csv header` writes it) into summaries and
/// triples, and merging shards.
struct SQLResultIngestTests {
  static let day = 86_400.0
  static func at(_ day: Double) -> Date { Date(timeIntervalSince1970: day * Self.day) }
  static let split = SummaryOptions(observationEnd: at(100), calibrationEnd: at(50), unit: .weeks)

  /// Three customers by hand: a same-day pair, a repeat buyer with a holdout purchase, one-timer.
  static func log() throws -> OrderLog {
    func order(_ id: String, _ customer: String, _ day: Double, _ total: Double) -> Order {
      Order(id: id, customer: CustomerReference(id: customer), placedAt: at(day), total: total)
    }
    return try OrderLog([
      order("1", "a", 1, 10), order("2", "a", 1.5, 2.5), order("3", "a", 8, 7.25), order("4", "a", 60, 1),
      order("5", "b", 3, 19.99), order("6", "c", 49.9, 0.1),
    ])
  }

  /// CSV in the layout psql writes: header, Swift's shortest round-trip doubles.
  static func csv(_ summaries: CustomerSummaries, columns: [String] = SummaryQueries.summaryColumns) -> String {
    var lines = [columns.joined(separator: ",")]
    for s in summaries {
      let fields: [String: String] = [
        "customer_id": s.customerID, "frequency": "\(Int(s.frequency))", "recency": "\(s.recency)", "age": "\(s.age)",
        "monetary_value": "\(s.monetaryValue)", "orders": "\(s.orders)", "revenue": "\(s.revenue)",
        "first_order": "\(s.firstOrder.timeIntervalSince1970)", "last_order": "\(s.lastOrder.timeIntervalSince1970)",
        "holdout_frequency": "\(Int(s.holdoutFrequency ?? 0))", "holdout_revenue": "\(s.holdoutRevenue ?? 0)",
      ]
      lines.append(columns.map { fields[$0]! }.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test func readsBackEveryFieldExactly() throws {
    let expected = try Self.log().summaries(Self.split)
    #expect(expected.count == 3)
    let read = try CustomerSummaries(sqlResultCSV: Array(Self.csv(expected).utf8), options: Self.split)
    #expect(Array(read) == Array(expected))
    #expect(read.holdoutLength == .weeks(50.0 / 7))
    #expect(read.compressed() == expected.compressed())
    // By hand: a has days 1 and 8 in calibration (x 1, t_x 1 week, T 49/7), z̄ 7.25, 3 orders
    // worth 19.75, one holdout day worth 1.
    let a = try #require(read.first { $0.customerID == "a" })
    #expect(a.frequency == 1 && a.recency == 1 && a.age == 7 && a.monetaryValue == 7.25)
    #expect(a.orders == 3 && a.revenue == 19.75 && a.holdoutFrequency == 1 && a.holdoutRevenue == 1)
  }

  @Test func matchesColumnsByNameInAnyOrderAndCase() throws {
    let expected = try Self.log().summaries(Self.split)
    var text = Self.csv(expected, columns: SummaryQueries.summaryColumns.reversed())
    text = text.replacingOccurrences(of: "customer_id", with: "Customer_ID")
    let read = try CustomerSummaries(sqlResultCSV: Array(text.utf8), options: Self.split)
    #expect(Array(read) == Array(expected))
  }

  @Test func needsTheHoldoutColumnsExactlyWithACalibrationEnd() throws {
    let live = SummaryOptions(observationEnd: Self.at(100), unit: .weeks)
    let summaries = try Self.log().summaries(live)
    let text = Self.csv(summaries, columns: Array(SummaryQueries.summaryColumns.prefix(9)))
    #expect(try CustomerSummaries(sqlResultCSV: Array(text.utf8), options: live).count == 3)
    let error = try #require(throws: RetentionCoreError.self) {
      try CustomerSummaries(sqlResultCSV: Array(text.utf8), options: Self.split)
    }
    #expect(error.code == .wrongHeader && error.field == "holdout_frequency")
  }

  @Test(arguments: [
    // (replacement of customer b's row, expected code, field)
    ("b,1.5,0,0,0,1,1,0,0,0,0", "invalid number", "frequency"),
    ("b,0,3,2,0,1,1,0,0,0,0", "invalid number", "recency"),
    ("b,0,0,1,nan,1,1,0,0,0,0", "not finite", "monetary_value"),
    ("b,0,0,1,0,1,,0,0,0,0", "missing field", "revenue"),
    ("b,0,0,1,0,1,abc,0,0,0,0", "invalid number", "revenue"),
    ("b,0,0,1,-2,1,1,0,0,0,0", "negative value", "monetary_value"),
    ("b,2,0,1,0,2,1,0,0,0,0", "invalid number", "orders"),
    (",0,0,1,0,1,1,0,0,0,0", "missing field", "customer_id"),
    ("a,0,0,1,0,1,1,0,0,0,0", "malformed CSV", "customer_id"),
  ])
  func rejectsBadRowsWithRowAndField(_ row: String, _ code: String, _ field: String) throws {
    let summaries = try Self.log().summaries(Self.split)
    var lines = Self.csv(summaries).split(separator: "\n").map(String.init)
    let index = try #require(lines.firstIndex { $0.hasPrefix("b,") })
    lines[index] = row
    let error = try #require(throws: RetentionCoreError.self) {
      try CustomerSummaries(sqlResultCSV: Array(lines.joined(separator: "\n").utf8), options: Self.split)
    }
    #expect(error.code.description == code)
    #expect(error.field == field)
    #expect(error.row == index + 1)
  }

  @Test func rejectsEmptyAndRaggedInput() throws {
    #expect(throws: RetentionCoreError.self) { try CustomerSummaries(sqlResultCSV: [], options: Self.split) }
    #expect(throws: RetentionCoreError.self) { try FrequencyRecencyData(sqlResultCSV: [], unit: .weeks) }
    let ragged = "frequency,recency,age,count\n1,2,3\n"
    let error = try #require(throws: RetentionCoreError.self) {
      try FrequencyRecencyData(sqlResultCSV: Array(ragged.utf8), unit: .weeks)
    }
    #expect(error.code == .malformedCSV && error.row == 2)
    // A header alone is a shop without customers.
    let none = try CustomerSummaries(
      sqlResultCSV: Array((SummaryQueries.summaryColumns.joined(separator: ",") + "\n").utf8), options: Self.split)
    #expect(none.isEmpty)
  }

  @Test func readsTriplesAndAddsRepeatedOnes() throws {
    let text = """
      frequency,recency,age,count
      0,0,38.857142857142854,12
      2,4.285714285714286,38.857142857142854,3
      0,0,38.857142857142854,1
      """
    let data = try FrequencyRecencyData(sqlResultCSV: Array(text.utf8), unit: .weeks)
    #expect(data.uniqueCount == 2)
    #expect(data.frequency == [0, 2])
    #expect(data.count == [13, 3])
    #expect(data.age == [272.0 / 7, 272.0 / 7])
    #expect(data.recency == [0, 30.0 / 7])
    for bad in ["1.5,0,1,1", "0,2,1,1", "0,0,1,-1", "0,0,inf,1"] {
      #expect(throws: RetentionCoreError.self) {
        try FrequencyRecencyData(sqlResultCSV: Array("frequency,recency,age,count\n\(bad)\n".utf8), unit: .weeks)
      }
    }
  }

  /// Spaces and tabs around a number are not part of it (psql pads aligned output; some
  /// exports pad with a no-break space); anything else is a rejection naming the row and field.
  @Test func readsPaddedTripleNumbersAndNamesTheFieldOfABadOne() throws {
    let text = "frequency, recency ,age,count\n 2 ,\t4.5\t,\u{A0}9.25\u{A0},  3\n0,0,9.25,1\n"
    let data = try FrequencyRecencyData(sqlResultCSV: Array(text.utf8), unit: .weeks)
    #expect(data.frequency == [0, 2])
    #expect(data.recency == [0, 4.5])
    #expect(data.age == [9.25, 9.25])
    #expect(data.count == [1, 3])
    for (row, code, field) in [
      ("1.5,0,1,1", RetentionCoreError.Code.invalidNumber, "frequency"),
      ("0,2,1,1", .invalidNumber, "recency"),
      ("0,0,1,-1", .negativeValue, "count"),
      ("0,0,inf,1", .notFinite, "age"),
      ("0, ,1,1", .missingField, "recency"),
      ("0,0,1 2,1", .invalidNumber, "age"),
      ("0,0,\u{2007}1x,1", .invalidNumber, "age"),
    ] {
      let error = try #require(throws: RetentionCoreError.self) {
        try FrequencyRecencyData(sqlResultCSV: Array("frequency,recency,age,count\n0,0,1,1\n\(row)\n".utf8), unit: .weeks)
      }
      #expect(error.code == code, "\(row)")
      #expect(error.field == field, "\(row)")
      #expect(error.row == 3, "\(row)")
    }
  }

  /// Shards that partition the customers merge by adding triple counts; the result equals the
  /// triples of all customers summarised at once.
  @Test(arguments: 0..<20 as Range<UInt64>)
  func mergingShardsIsAddition(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    var orders: [Order] = []
    for index in 0..<300 {
      let customer = Int.random(in: 0..<60, using: &generator)
      orders.append(
        Order(
          id: "o\(index)", customer: CustomerReference(id: "c\(customer)"),
          placedAt: Self.at(Double(Int.random(in: 0...99, using: &generator))), total: 1))
    }
    let all = try OrderLog(orders).summaries(Self.split)
    let shardCount = Int.random(in: 1...4, using: &generator)
    var shards: [CustomerSummaries] = []
    for shard in 0..<shardCount {
      let mine = orders.filter { Int($0.customer.id!.dropFirst())! % shardCount == shard }
      shards.append(try OrderLog(mine).summaries(Self.split))
    }
    // Triples travel as CSV, as they would from each database.
    let read = try shards.map { shard in
      var text = "frequency,recency,age,count\n"
      let triples = shard.compressed()
      for i in 0..<triples.uniqueCount {
        text += "\(Int(triples.frequency[i])),\(triples.recency[i]),\(triples.age[i]),\(Int(triples.count[i]))\n"
      }
      return try FrequencyRecencyData(sqlResultCSV: Array(text.utf8), unit: .weeks)
    }
    #expect(FrequencyRecencyData(merging: read, unit: .weeks) == all.compressed())
    #expect(read.dropFirst().reduce(read[0]) { $0.merging($1) } == all.compressed())
    let merged = try shards.dropFirst().reduce(shards[0]) { try $0.merging($1) }
    #expect(merged.count == all.count)
    #expect(Set(merged.map(\.customerID)) == Set(all.map(\.customerID)))
    #expect(merged.compressed() == all.compressed())
  }

  @Test func mergingSummariesRejectsSharedCustomersAndOtherOptions() throws {
    let summaries = try Self.log().summaries(Self.split)
    let error = try #require(throws: RetentionCoreError.self) { try summaries.merging(summaries) }
    #expect(error.code == .invalidArgument)
    let other = try Self.log().summaries(SummaryOptions(observationEnd: Self.at(100), unit: .weeks))
    #expect(throws: RetentionCoreError.self) { try summaries.merging(other) }
    // Rows given by the caller must carry the holdout exactly when the options have one.
    #expect(throws: RetentionCoreError.self) { try CustomerSummaries(Array(other), options: Self.split) }
    #expect(try CustomerSummaries(Array(summaries), options: Self.split).count == 3)
  }
}

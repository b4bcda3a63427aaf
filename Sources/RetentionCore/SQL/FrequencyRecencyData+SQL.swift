extension FrequencyRecencyData {
  /// Reads the result of ``SummaryQueries/tripleQuery(values:)`` as CSV with a header
  /// (`frequency,recency,age,count`, any order, case-insensitive), as written by `psql`'s
  /// `\copy (...) TO 'file' csv header`, a BigQuery export or Spark's CSV writer.
  ///
  /// ```swift
  /// let shards = try files.map { try FrequencyRecencyData(sqlResultCSV: Data(contentsOf: $0), unit: .weeks) }
  /// let all = FrequencyRecencyData(merging: shards, unit: .weeks)   // counts of equal triples add up
  /// ```
  ///
  /// Numbers are parsed exactly, so triples computed by the database equal those of
  /// ``CustomerSummaries/compressed()`` bit for bit; repeated triples are merged by adding counts.
  ///
  /// - Parameters:
  ///   - csv: The CSV bytes.
  ///   - unit: The unit of t_x and T: the ``SummaryOptions/unit`` the query was generated with.
  /// - Throws: ``RetentionCoreError``: `.emptyInput` without a header, `.wrongHeader` for a
  ///   missing column, `.malformedCSV` for a ragged row, and `.invalidNumber`, `.missingField`,
  ///   `.negativeValue` or `.notFinite` with the row and field of a bad value (x must be whole,
  ///   0 <= t_x <= T, counts non-negative).
  /// - Complexity: O(*n* + *u* log *u*), where *n* is the number of bytes and *u* of triples.
  public init(sqlResultCSV csv: some Collection<UInt8>, unit: TimeUnit) throws {
    var reader = CSVReader(data: csv)
    var record = CSVRecord()
    guard try reader.readRecord(into: &record), !record.isBlank else {
      throw RetentionCoreError(.emptyInput, reason: "the triple result has no header row")
    }
    let columns = try SQLResultHeader(record, required: SummaryQueries.tripleColumns)
    let names = SummaryQueries.tripleColumns
    let positions = try names.map { try columns.position($0) }
    var x: [Double] = [], tx: [Double] = [], t: [Double] = [], n: [Double] = []
    while try reader.readRecord(into: &record) {
      if record.isBlank { continue }
      let row = reader.recordNumber
      try columns.check(record, row: row)
      func value(_ column: Int) throws -> Double {
        let name = names[column]
        let value = try SQLResultHeader.number(at: positions[column], named: name, in: record, row: row)
        guard value.isFinite else {
          throw RetentionCoreError(.notFinite, row: row, field: name, reason: "\(name) is \(value)")
        }
        guard value >= 0 else {
          throw RetentionCoreError(.negativeValue, row: row, field: name, reason: "\(name) \(value) is negative")
        }
        return value
      }
      let frequency = try value(0), recency = try value(1), age = try value(2), count = try value(3)
      guard frequency == frequency.rounded() else {
        throw RetentionCoreError(
          .invalidNumber, row: row, field: "frequency", reason: "x \(frequency) is not a whole number")
      }
      guard recency <= age else {
        throw RetentionCoreError(
          .invalidNumber, row: row, field: "recency", reason: "t_x \(recency) exceeds T \(age)")
      }
      x.append(frequency)
      tx.append(recency)
      t.append(age)
      n.append(count)
    }
    self.init(frequency: x, recency: tx, age: t, unit: unit, count: n)
  }

  /// The data of several shards together: counts of equal triples add up.
  ///
  /// - Parameters:
  ///   - shards: Shards summarised with the same calibration end; a shard in another unit is
  ///     converted to `unit`.
  ///   - unit: The unit of the merged data (of an empty sequence of shards too).
  /// - Complexity: O(*u* log *u*), where *u* is the number of triples of all shards.
  public init(merging shards: some Sequence<FrequencyRecencyData>, unit: TimeUnit) {
    var x: [Double] = [], tx: [Double] = [], t: [Double] = [], n: [Double] = []
    for shard in shards.lazy.map({ $0.converted(to: unit) }) {
      x += shard.frequency
      tx += shard.recency
      t += shard.age
      n += shard.count
    }
    self.init(frequency: x, recency: tx, age: t, unit: unit, count: n)
  }
}

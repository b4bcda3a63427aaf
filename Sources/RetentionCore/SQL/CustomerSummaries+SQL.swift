import Foundation
import _RetentionSupport

extension CustomerSummaries {
  /// Reads the result of ``SummaryQueries/summaryQuery(values:)`` as CSV with a header, as written
  /// by `psql`'s `\copy (...) TO 'file' csv header`, `COPY (...) TO STDOUT (FORMAT csv, HEADER)`,
  /// `psql --csv`, a BigQuery export or Spark's CSV writer.
  ///
  /// ```swift
  /// let csv = try Data(contentsOf: URL(fileURLWithPath: "summaries.csv"))
  /// let summaries = try CustomerSummaries(sqlResultCSV: csv, options: options)
  /// let triples = summaries.compressed()
  /// ```
  ///
  /// Columns are matched by name (``SummaryQueries/summaryColumns``, any order, case-insensitive);
  /// the holdout columns are required exactly when `options` has a calibration end. Numbers are
  /// parsed exactly (a double printed with enough digits reads back as the same double), so a
  /// result equals the Swift summariser's field by field. Customers keep the file's order and are
  /// numbered from zero.
  ///
  /// - Parameters:
  ///   - csv: The CSV bytes.
  ///   - options: The options the query was generated with (they give the holdout length).
  /// - Throws: ``RetentionCoreError``: `.emptyInput` without a header, `.wrongHeader` for a
  ///   missing column, `.malformedCSV` for a ragged row or a customer listed twice, and
  ///   `.invalidNumber`, `.missingField`, `.negativeValue` or `.notFinite` with the row and field
  ///   of a bad value (x and orders must be whole, t_x must not exceed T, orders must exceed x).
  /// - Complexity: O(*n*), where *n* is the number of bytes.
  public init(sqlResultCSV csv: some Collection<UInt8>, options: SummaryOptions) throws {
    var reader = CSVReader(data: csv)
    var record = CSVRecord()
    guard try reader.readRecord(into: &record), !record.isBlank else {
      throw RetentionCoreError(.emptyInput, reason: "the summary result has no header row")
    }
    let hasHoldout = options.calibrationEnd != nil
    let wanted = hasHoldout ? SummaryQueries.summaryColumns : Array(SummaryQueries.summaryColumns.prefix(9))
    let columns = try SQLResultHeader(record, required: wanted)
    var rows: [CustomerSummary] = []
    var rowNumbers: [Int] = []
    while try reader.readRecord(into: &record) {
      if record.isBlank { continue }
      let row = reader.recordNumber
      try columns.check(record, row: row)
      func number(_ name: String) throws -> Double { try columns.number(name, in: record, row: row) }
      let id = try columns.text("customer_id", in: record)
      guard !id.isEmpty else {
        throw RetentionCoreError(.missingField, row: row, field: "customer_id", reason: "the customer id is empty")
      }
      rows.append(
        CustomerSummary(
          customerID: id, frequency: try number("frequency"), recency: try number("recency"), age: try number("age"),
          monetaryValue: try number("monetary_value"), orders: Int(exactly: try number("orders")) ?? -1,
          revenue: try number("revenue"), firstOrder: Date(timeIntervalSince1970: try number("first_order")),
          lastOrder: Date(timeIntervalSince1970: try number("last_order")),
          holdoutFrequency: hasHoldout ? try number("holdout_frequency") : nil,
          holdoutRevenue: hasHoldout ? try number("holdout_revenue") : nil))
      rowNumbers.append(row)
    }
    try self.init(rows, options: options, rowNumbers: rowNumbers)
  }

  /// Collects summaries computed elsewhere (database rows mapped by the caller, shards of
  /// customers, summaries kept current with ``CustomerSummary/record(purchaseAt:amount:options:)``).
  ///
  /// ```swift
  /// let summaries = try CustomerSummaries(rows.map { row in ... }, options: options)
  /// ```
  ///
  /// Every summary is checked as in ``init(sqlResultCSV:options:)``; customers are numbered from
  /// zero in the given order.
  ///
  /// - Parameters:
  ///   - summaries: One summary per customer.
  ///   - options: The options they were computed with; with a calibration end every summary must
  ///     have its holdout fields, without one none may.
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument` for a customer listed twice or holdout
  ///   fields that do not match the options, and the value codes of the CSV reader) naming the
  ///   1-based position as the row.
  /// - Complexity: O(*n*), where *n* is the number of summaries.
  public init(_ summaries: some Sequence<CustomerSummary>, options: SummaryOptions) throws {
    try self.init(Array(summaries), options: options, rowNumbers: nil)
  }

  /// The summaries of this and another shard of customers together.
  ///
  /// Shards must partition the customers (a customer's orders all in one shard) and share the
  /// options.
  ///
  /// - Parameter other: The summaries of other customers, computed with the same options.
  /// - Returns: This shard's customers followed by the other's.
  /// - Throws: ``RetentionCoreError`` (`.invalidArgument`) for different options or a customer
  ///   in both shards.
  /// - Complexity: O(*n*), where *n* is the number of customers of both.
  public func merging(_ other: CustomerSummaries) throws -> CustomerSummaries {
    guard options == other.options else {
      throw RetentionCoreError(.invalidArgument, reason: "shards summarised with different options cannot be merged")
    }
    return try CustomerSummaries(Array(self) + Array(other), options: options, rowNumbers: nil)
  }

  private init(_ rows: [CustomerSummary], options: SummaryOptions, rowNumbers: [Int]?) throws {
    let hasHoldout = options.calibrationEnd != nil
    var seen: [String: Int] = [:]
    seen.reserveCapacity(rows.count)
    for (position, summary) in rows.enumerated() {
      let row = rowNumbers?[position] ?? position + 1
      func fail(_ code: RetentionCoreError.Code, _ field: String, _ reason: String) -> RetentionCoreError {
        RetentionCoreError(code, row: row, field: field, reason: "customer \(RetentionCoreError.quoted(summary.customerID)): " + reason)
      }
      if let earlier = seen.updateValue(row, forKey: summary.customerID) {
        throw RetentionCoreError(
          rowNumbers == nil ? .invalidArgument : .malformedCSV, row: row, field: "customer_id",
          reason: "customer \(RetentionCoreError.quoted(summary.customerID)) appears twice (rows \(earlier) and \(row))")
      }
      let numbers: [(String, Double)] = [
        ("frequency", summary.frequency), ("recency", summary.recency), ("age", summary.age),
        ("monetary_value", summary.monetaryValue), ("revenue", summary.revenue),
        ("first_order", summary.firstOrder.timeIntervalSince1970),
        ("last_order", summary.lastOrder.timeIntervalSince1970),
        ("holdout_frequency", summary.holdoutFrequency ?? 0), ("holdout_revenue", summary.holdoutRevenue ?? 0),
      ]
      for (field, value) in numbers where !value.isFinite {
        throw fail(.notFinite, field, "\(field) is \(value)")
      }
      for (field, value) in numbers.prefix(5) where value < 0 {
        throw fail(.negativeValue, field, "\(field) \(value) is negative")
      }
      guard summary.frequency == summary.frequency.rounded() else {
        throw fail(.invalidNumber, "frequency", "x \(summary.frequency) is not a whole number of purchase days")
      }
      guard summary.recency <= summary.age else {
        throw fail(.invalidNumber, "recency", "t_x \(summary.recency) exceeds T \(summary.age)")
      }
      guard summary.orders >= 1, Double(summary.orders) >= summary.frequency + 1 else {
        throw fail(
          .invalidNumber, "orders",
          "\(summary.orders) orders cannot hold a first purchase and \(summary.frequency) repeat purchase days")
      }
      guard summary.lastOrder >= summary.firstOrder else {
        throw fail(.invalidNumber, "last_order", "the last order is before the first")
      }
      if hasHoldout != (summary.holdoutFrequency != nil) || hasHoldout != (summary.holdoutRevenue != nil) {
        throw fail(
          .invalidArgument, "holdout_frequency",
          hasHoldout
            ? "the options have a calibration end but the summary has no holdout"
            : "the summary has a holdout but the options have no calibration end")
      }
      if let holdout = summary.holdoutFrequency {
        guard holdout >= 0, holdout == holdout.rounded(), (summary.holdoutRevenue ?? 0) >= 0 else {
          throw fail(
            .invalidNumber, "holdout_frequency", "the holdout must be a whole number of days with a non-negative value")
        }
      }
    }
    let clock = options.clock
    let observationDay = clock.day(of: options.observationEnd)
    let calibrationDay = options.calibrationEnd.map { Swift.min(clock.day(of: $0), observationDay) } ?? observationDay
    self.init(
      options: options, customerIDs: rows.map(\.customerID), frequency: rows.map(\.frequency),
      recency: rows.map(\.recency), age: rows.map(\.age), monetaryValue: rows.map(\.monetaryValue),
      orderCounts: rows.map { Int32(clamping: $0.orders) }, revenue: rows.map(\.revenue),
      firstOrderTimes: rows.map { $0.firstOrder.timeIntervalSince1970 },
      lastOrderTimes: rows.map { $0.lastOrder.timeIntervalSince1970 },
      holdoutFrequency: hasHoldout ? rows.map { $0.holdoutFrequency ?? 0 } : [],
      holdoutRevenue: hasHoldout ? rows.map { $0.holdoutRevenue ?? 0 } : [],
      holdoutLength: TimeSpan(Double(observationDay - calibrationDay) / options.unit.days, unit: options.unit))
  }
}

/// The header of a query result: where each named column is.
struct SQLResultHeader {
  let index: [String: Int]
  let width: Int

  init(_ record: CSVRecord, required: [String]) throws {
    var index: [String: Int] = [:]
    for position in 0..<record.count {
      let name = record.string(at: position).trimmingCharacters(in: .whitespaces).lowercased()
      if index[name] == nil { index[name] = position }
    }
    let missing = required.filter { index[$0] == nil }
    guard missing.isEmpty else {
      throw RetentionCoreError(
        .wrongHeader, row: 1, field: missing[0],
        reason:
          "the result lacks the column(s) \(missing.joined(separator: ", ")); expected \(required.joined(separator: ","))"
      )
    }
    self.index = index
    width = record.count
  }

  func check(_ record: CSVRecord, row: Int) throws {
    if let error = defectError(record, row: row) { throw error }
    guard record.count == width, !record.malformed else {
      throw RetentionCoreError(
        .malformedCSV, row: row,
        reason: record.malformed ? "text after a closing quote" : "expected \(width) fields, found \(record.count)")
    }
  }

  /// The position of a named column (throws, rather than traps, for a column the header lacks).
  func position(_ name: String) throws -> Int {
    guard let position = index[name] else {
      throw RetentionCoreError(.wrongHeader, row: 1, field: name, reason: "the result has no column \"\(name)\"")
    }
    return position
  }

  /// The text of a named column.
  func text(_ name: String, in record: CSVRecord) throws -> String {
    record.string(at: try position(name))
  }

  /// A number parsed exactly (Swift's correctly rounded decimal conversion).
  func number(_ name: String, in record: CSVRecord, row: Int) throws -> Double {
    try Self.number(at: try position(name), named: name, in: record, row: row)
  }

  /// The number in the field at `position`, without spaces and tabs around it, parsed exactly.
  ///
  /// Spaces and tabs are trimmed from the bytes; a field with other bytes outside ASCII is
  /// trimmed of Unicode white space by Foundation, as every field was before.
  static func number(at position: Int, named name: String, in record: CSVRecord, row: Int) throws -> Double {
    let text = record.withBytes(at: position) { bytes -> String in
      var start = 0, end = bytes.count
      while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
      while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
      let trimmed = bytes.extracting(start..<end)
      if (0..<trimmed.count).contains(where: { trimmed[$0] >= 0x80 }) {
        return bytes.string.trimmingCharacters(in: .whitespaces)
      }
      return trimmed.string
    }
    guard !text.isEmpty else {
      throw RetentionCoreError(.missingField, row: row, field: name, reason: "\(name) is empty (NULL)")
    }
    guard let value = Double(text) else {
      throw RetentionCoreError(.invalidNumber, row: row, field: name, reason: "not a number: \(RetentionCoreError.quoted(text))")
    }
    return value
  }
}

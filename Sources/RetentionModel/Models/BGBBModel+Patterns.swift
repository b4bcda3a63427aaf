public import Foundation

extension BGBBModel {
  /// (x, t_x, n) patterns with counts: the data of the BG/BB.
  ///
  /// A customer with n transaction opportunities transacted at x of them, the last at
  /// opportunity t_x (0 without transactions). Customers with equal patterns are counted once,
  /// with their number:
  ///
  /// ```swift
  /// let patterns = BGBBModel.Patterns(
  ///   frequency: [0, 2, 6], recency: [0, 4, 6], opportunities: [6, 6, 6], count: [3464, 220, 1203])
  /// let fit = try BGBBModel.fit(patterns)
  /// ```
  ///
  /// The values are checked when the model is fitted (whole numbers, 0 <= x <= t_x <= n,
  /// non-negative counts), so a bad row is reported with its position.
  public struct Patterns: Sendable, Hashable, Codable {
    /// x of each pattern: the number of transactions.
    public private(set) var frequency: [Double]
    /// t_x of each pattern: the opportunity of the last transaction (0 without).
    public private(set) var recency: [Double]
    /// n of each pattern: the number of opportunities observed.
    public private(set) var opportunities: [Double]
    /// The number of customers of each pattern.
    public private(set) var count: [Double]

    /// Creates patterns from columns.
    ///
    /// - Parameters:
    ///   - frequency: x of each pattern.
    ///   - recency: t_x of each pattern.
    ///   - opportunities: n of each pattern.
    ///   - count: The number of customers of each pattern; one each when `nil`.
    /// - Precondition: The columns have equal lengths.
    public init(frequency: [Double], recency: [Double], opportunities: [Double], count: [Double]? = nil) {
      precondition(
        frequency.count == recency.count && recency.count == opportunities.count
          && (count.map { $0.count == frequency.count } ?? true),
        "pattern columns must have equal lengths")
      self.frequency = frequency
      self.recency = recency
      self.opportunities = opportunities
      self.count = count ?? Array(repeating: 1, count: frequency.count)
    }

    /// The number of patterns (rows).
    public var patternCount: Int { frequency.count }

    /// The number of customers (the sum of the counts).
    public var customerCount: Double { count.reduce(0, +) }
  }

  /// Reads (x, t_x, n, weight) patterns from a CSV file such as the donations data.
  ///
  /// The header names the columns, in any order and case: `frequency` or `x`, `recency` or
  /// `t_x`, `periods` or `n`, and optionally `weights`, `weight` or `count` (1 per row without).
  /// The file is read with ``CSVReader``: a binary file or a row longer than 1 MiB is refused,
  /// and blank lines are skipped.
  ///
  /// - Parameter url: The file.
  /// - Returns: The patterns, in the file's order.
  /// - Throws: ``RetentionModelError`` `.invalidData` for a missing column, a row that cannot be
  ///   read or a value that is not a number, `.emptyData` for a file without a header;
  ///   ``RetentionCoreError`` with a sentence naming the file when it does not exist, is a
  ///   directory, cannot be read or is not text.
  /// - Complexity: O(*n*), where *n* is the number of rows.
  public static func patterns(contentsOf url: URL) throws -> Patterns {
    var reader = try CSVReader(contentsOf: url)
    var record = CSVRecord()
    func fields() -> [String] {
      (0..<record.count).map { record.string(at: $0).trimmingCharacters(in: .whitespaces) }
    }
    var names: [String] = []
    while try reader.readRecord(into: &record) {
      if record.isBlank { continue }
      names = fields().map { $0.lowercased() }
      break
    }
    guard !names.isEmpty else { throw RetentionModelError(.emptyData, reason: "the file has no header") }
    func column(_ candidates: [String]) -> Int? { names.firstIndex { candidates.contains($0) } }
    guard let xColumn = column(["frequency", "x"]), let recencyColumn = column(["recency", "t_x", "tx"]),
      let periodsColumn = column(["periods", "n"])
    else {
      let header = names.map { RetentionCoreError.excerpt($0, limit: 40) }.prefix(8).joined(separator: ",")
      throw RetentionModelError(
        .invalidData, row: reader.recordNumber,
        reason: "the header needs frequency, recency and periods columns; it has: \(header)")
    }
    let weightColumn = column(["weights", "weight", "count"])
    var x: [Double] = [], recency: [Double] = [], periods: [Double] = [], weights: [Double] = []
    while try reader.readRecord(into: &record) {
      let row = reader.recordNumber
      if let defect = record.defect { throw RetentionModelError(.invalidData, row: row, reason: "\(defect)") }
      if record.isBlank { continue }
      let values = fields()
      func value(_ index: Int) throws -> Double {
        guard index < values.count, let number = Double(values[index]) else {
          let text = index < values.count ? RetentionCoreError.excerpt(values[index]) : ""
          throw RetentionModelError(
            .invalidData, row: row,
            reason: "not a number in column \(RetentionCoreError.excerpt(names[index], limit: 40)): \"\(text)\"")
        }
        return number
      }
      x.append(try value(xColumn))
      recency.append(try value(recencyColumn))
      periods.append(try value(periodsColumn))
      weights.append(try weightColumn.map(value) ?? 1)
    }
    return Patterns(frequency: x, recency: recency, opportunities: periods, count: weights)
  }
}
